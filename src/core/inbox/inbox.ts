// The inbox: updates a platform pushed to Herald (Telegram's webhook), stored before they are
// acknowledged and handled after. Storing first is what lets the webhook answer fast and
// still lose nothing; the unique (platform, update id) is what makes a retried update harmless.

export interface InboundUpdate {
  /** The platform's id of the update (Telegram's update_id), as a string. */
  updateId: string;
  /** The chat it belongs to: one chat's updates are handled one after another, in order. */
  chatKey: string;
  /** The update as received. */
  body: string;
}

export interface StoredUpdate extends InboundUpdate {
  id: number;
  attempts: number;
}

export interface InboxRepository {
  /** Stores the updates not stored before, in one write; returns the ids of those that were new. */
  store(platform: string, updates: InboundUpdate[]): Promise<Set<string>>;
  /**
   * Claims unhandled updates nobody else holds, oldest first, until `until`, under a new token.
   * An update waits while an older one of its chat is held (by another process, or waiting to
   * be retried), so a chat's updates are never handled out of order or side by side.
   */
  claim(platform: string, limit: number, now: Date, until: Date): Promise<{ token: string; updates: StoredUpdate[] }>;
  /** Marks updates handled, if this claim still holds them. */
  markHandled(ids: number[], token: string, at: Date): Promise<void>;
  /**
   * A failed attempt: tried again from `retryAt`, or, when `retryAt` is null (the last
   * attempt), marked handled with its error, so it is kept and stops holding its chat up.
   */
  markFailed(id: number, token: string, error: string, retryAt: Date | null, at: Date): Promise<void>;
  /**
   * Holds an update back until `until` with no attempt counted: its answer could not reach the
   * platform at all, which says nothing about the update.
   */
  postpone(id: number, token: string, error: string, until: Date): Promise<void>;
  /** Gives claimed updates back, to be claimed again at once (their chat stopped at a failure). */
  release(ids: number[], token: string): Promise<void>;
  /** Forgets updates handled before this (Telegram retries an update for a day at most). */
  prune(platform: string, handledBefore: Date): Promise<number>;
  /** How many are waiting. */
  depth(platform: string): Promise<number>;
}

/** A failure that another attempt would only repeat (the platform refused the answer as it is). */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentFailure';
  }
}
