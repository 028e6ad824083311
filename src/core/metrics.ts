// What Herald counts as it runs, as a port: core and ingest report events here, and the
// composition root plugs in the Prometheus registry (src/http/metrics). Tests and the CLI use
// the no-op default.

export type FeedFetchOutcome = 'fetched' | 'not-modified' | 'failed';
/** A send's result as counted: sent; failed (retried or dead-lettered); deferred (a budget or 429 wait). */
export type DeliveryCount = 'sent' | 'failed' | 'deferred' | 'dead';

export interface Metrics {
  feedFetched(outcome: FeedFetchOutcome): void;
  /** New items stored, fetched or pushed. */
  itemsIngested(count: number): void;
  storiesClustered(newStories: number, breaking: number): void;
  delivery(platform: string, result: DeliveryCount): void;
  /** How long one platform send took (every part of a split message), in seconds. */
  sendDuration(platform: string, seconds: number): void;
}
