// The inbox: updates a platform pushed to Herald (Telegram's webhook), stored before they are
// acknowledged and handled after. Storing first is what lets the webhook answer fast and
// still lose nothing; the unique (platform, update id) is what makes a retried update harmless.

export interface InboundUpdate {
  /** The platform's id of the update (Telegram's update_id), as a string. */
  updateId: string;
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
   * Claims unhandled updates nobody else holds, oldest first, until `until`; two processes
   * never get the same update while its claim lasts.
   */
  claim(platform: string, limit: number, now: Date, until: Date): Promise<StoredUpdate[]>;
  markHandled(ids: number[], at: Date): Promise<void>;
  /** A failed attempt; `giveUp` marks it handled with the error, so it stops blocking nothing and is kept. */
  markFailed(id: number, error: string, giveUp: boolean, at: Date): Promise<void>;
  /** How many are waiting. */
  depth(platform: string): Promise<number>;
}
