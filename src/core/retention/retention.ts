// What Herald keeps, and for how long: news (items and stories), delivered messages (outbox
// rows and the payloads only they used) and web chat transcripts each have a retention in
// days; 0 keeps them for ever. Without it the database grows with every feed fetch.

export interface RetentionPolicy {
  /** Items and stories, by when they were first seen and last updated. */
  contentDays: number;
  /** Outbox rows that are done (sent, dead, folded into a digest) and payloads no row uses. */
  deliveredDays: number;
  /** Web chat messages, by when they were written. */
  transcriptDays: number;
}

/** The moment before which each kind of row goes; null keeps that kind. */
export interface RetentionCutoffs {
  content: Date | null;
  delivered: Date | null;
  transcripts: Date | null;
}

export interface Pruned {
  items: number;
  stories: number;
  outbox: number;
  payloads: number;
  webMessages: number;
}

/** Deletes what is older than the cutoffs, in batches that keep each transaction short. */
export interface RetentionRepository {
  prune(cutoffs: RetentionCutoffs): Promise<Pruned>;
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const before = (days: number) => (days > 0 ? new Date(now.getTime() - days * DAY_MS) : null);
  return { content: before(policy.contentDays), delivered: before(policy.deliveredDays), transcripts: before(policy.transcriptDays) };
}
