// WebSub subscriptions: which hub a feed is subscribed at, with what secret, until when.
export const WEBSUB_STATES = ['pending', 'active', 'denied', 'failed'] as const;
export type WebSubState = (typeof WEBSUB_STATES)[number];

export interface WebSubSubscription {
  feedId: string;
  hubUrl: string;
  topicUrl: string;
  secret: string;
  state: WebSubState;
  leaseExpiresAt: Date | null;
  requestedAt: Date;
  verifiedAt: Date | null;
}

export interface WebSubRepository {
  get(feedId: string): Promise<WebSubSubscription | null>;
  /** A (re)subscription was requested: pending until the hub verifies it. */
  requested(feedId: string, s: { hubUrl: string; topicUrl: string; secret: string }, at: Date): Promise<void>;
  verified(feedId: string, leaseExpiresAt: Date | null, at: Date): Promise<void>;
  setState(feedId: string, state: 'denied' | 'failed', reason: string): Promise<void>;
  /** Active subscriptions whose lease ends before `before`, and pending ones requested before `stalePending`. */
  needingRenewal(before: Date, stalePending: Date): Promise<WebSubSubscription[]>;
}
