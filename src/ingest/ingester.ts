// One feed in, clean items stored: fetch → decode → parse → normalise → store, and the
// feed's fetch state recorded whatever happened. A failure is that feed's alone: a cycle
// runs every due feed under the concurrency limits and reports a summary. Pushed content
// (WebSub) enters through ingestBody, the same path after the fetch.
import { setMaxListeners } from 'node:events';
import type { Metrics } from '../core/metrics.ts';
import type { Clock } from '../core/clock.ts';
import type { FeedRecord, FeedRepository, FetchStateUpdate } from '../core/feeds/feed.ts';
import type { ItemRepository } from '../core/items/items.repository.ts';
import type { Logger } from '../core/logger.ts';
import { HostLimiter } from './fetch/concurrency.ts';
import { FetchError } from './fetch/fetch-errors.ts';
import type { FeedFetcher } from './fetch/feed-fetcher.ts';
import { processFeed, type FeedMeta, type ProcessedFeed, type ProcessInput } from './parse/feed-processor.ts';
import { nextAfterFailure, nextAfterSuccess, type ScheduleOptions } from './schedule.ts';
import { StoreQueue } from './store-queue.ts';

export interface IngestOptions {
  schedule: ScheduleOptions;
  concurrency: number;
  hostConcurrency: number;
  maxBytes: number;
  /** Consecutive failures after which a feed is shown as unhealthy. */
  unhealthyAfter: number;
  /**
   * Entries published longer ago are not stored (the content retention): they would be pruned
   * at once, and a pruned one would come back as new while its feed still lists it. Unset: no limit.
   */
  maxEntryAgeMs?: number;
}

export interface FeedResult {
  feedId: string;
  outcome: 'fetched' | 'not-modified' | 'failed';
  newItems: number;
  error?: string;
}

export interface CycleSummary {
  feeds: number;
  fetched: number;
  notModified: number;
  failed: number;
  newItems: number;
  durationMs: number;
  failures: { feedId: string; error: string }[];
}

export interface IngesterDeps {
  feeds: FeedRepository;
  items: ItemRepository;
  fetcher: FeedFetcher;
  logger: Logger;
  clock: Clock;
  options: IngestOptions;
  metrics?: Metrics;
  /** Told of every parsed feed, e.g. to subscribe to its WebSub hub. */
  onParsed?: (feed: FeedRecord, parsed: FeedMeta) => Promise<void>;
  /** Decodes, parses and normalises a body: processFeed here, or in a worker thread (the default in Herald). */
  parse?: (input: ProcessInput) => Promise<ProcessedFeed>;
}

export class Ingester {
  readonly #limiter: HostLimiter;
  readonly #store: StoreQueue;
  readonly #shutdown = new AbortController();
  constructor(private readonly deps: IngesterDeps) {
    this.#limiter = new HostLimiter(deps.options.concurrency, deps.options.hostConcurrency);
    this.#store = new StoreQueue(deps.items);
    // Every fetch in flight listens for shutdown: that is up to `concurrency` listeners.
    setMaxListeners(deps.options.concurrency + 10, this.#shutdown.signal);
  }

  /** Aborts fetches in flight (shutdown). Aborted feeds keep their state and stay due. */
  abort(): void {
    this.#shutdown.abort();
  }

  async runCycle({ all = false }: { all?: boolean } = {}): Promise<CycleSummary> {
    const started = Date.now();
    const due = await this.deps.feeds.due(this.deps.clock(), { all });
    const results = await Promise.all(due.map((feed) => this.#limiter.run(hostOf(feed.url), () => this.ingestFeed(feed))));
    const summary: CycleSummary = {
      feeds: due.length,
      fetched: results.filter((r) => r.outcome === 'fetched').length,
      notModified: results.filter((r) => r.outcome === 'not-modified').length,
      failed: results.filter((r) => r.outcome === 'failed').length,
      newItems: results.reduce((n, r) => n + r.newItems, 0),
      durationMs: Date.now() - started,
      failures: results.filter((r) => r.error).map((r) => ({ feedId: r.feedId, error: r.error! })),
    };
    this.deps.logger.info({ ...summary, failures: summary.failures.length }, 'ingest cycle done');
    return summary;
  }

  /** Fetches and stores one feed; never throws. */
  async ingestFeed(feed: FeedRecord): Promise<FeedResult> {
    const result = await this.#ingestFeed(feed);
    if (result.error !== 'aborted') this.deps.metrics?.feedFetched(result.outcome);
    return result;
  }

  async #ingestFeed(feed: FeedRecord): Promise<FeedResult> {
    const { fetcher, clock } = this.deps;
    try {
      if (this.#shutdown.signal.aborted) return { feedId: feed.id, outcome: 'failed', newItems: 0, error: 'aborted' };
      const res = await fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, this.#shutdown.signal);
      const now = clock();
      const moved = res.permanentUrl ? { url: res.permanentUrl } : {};
      if (res.status === 'not-modified') {
        await this.#store.store(feed, [], { backlog: false, state: { ...this.#healthy(now, {}), ...moved } });
        return { feedId: feed.id, outcome: 'not-modified', newItems: 0 };
      }
      const { added } = await this.ingestBody(feed, res.body, res.contentType, res.url, (parsed) => ({
        ...this.#healthy(now, { ttlMinutes: parsed.ttlMinutes, maxAgeSeconds: res.maxAgeSeconds }),
        etag: res.etag ?? null,
        lastModified: res.lastModified ?? null,
        ...moved,
      }));
      return { feedId: feed.id, outcome: 'fetched', newItems: added };
    } catch (error) {
      return this.#failed(feed, error);
    }
  }

  /**
   * Parses and stores a feed body, fetched or pushed, with the feed's new fetch state when
   * given. Throws FeedParseError on a bad body.
   */
  async ingestBody(
    feed: FeedRecord,
    body: Buffer,
    contentType: string | undefined,
    baseUrl: string = feed.url,
    stateAfter?: (parsed: FeedMeta) => FetchStateUpdate,
  ): Promise<{ added: number; parsed: FeedMeta }> {
    const now = this.deps.clock();
    const { meta: parsed, items: entries } = await (this.deps.parse ?? processFeed)({ body, contentType, baseUrl, maxBytes: this.deps.options.maxBytes, now });
    const { maxEntryAgeMs } = this.deps.options;
    const items = maxEntryAgeMs ? entries.filter((item) => now.getTime() - item.publishedAt.getTime() <= maxEntryAgeMs) : entries;
    // A feed's first successful fetch is its backlog: stored, never announced as breaking.
    const result = await this.#store.store(feed, items, {
      backlog: feed.lastSuccessAt === null,
      ...(stateAfter ? { state: stateAfter(parsed) } : {}),
    });
    if (result.added > 0) this.deps.metrics?.itemsIngested(result.added);
    if (this.deps.onParsed) {
      await this.deps.onParsed(feed, parsed).catch((error: unknown) => this.deps.logger.warn({ feedId: feed.id, err: error }, 'after-parse hook failed'));
    }
    return { added: result.added, parsed };
  }

  #healthy(now: Date, hints: Parameters<typeof nextAfterSuccess>[1]): FetchStateUpdate {
    return {
      status: 'ok',
      failures: 0,
      lastError: null,
      lastFetchedAt: now,
      lastSuccessAt: now,
      nextFetchAt: nextAfterSuccess(now, hints, this.deps.options.schedule),
    };
  }

  async #failed(feed: FeedRecord, error: unknown): Promise<FeedResult> {
    // Shutting down is not the feed's fault: nothing recorded, it is fetched next time.
    if (error instanceof FetchError && error.kind === 'aborted') return { feedId: feed.id, outcome: 'failed', newItems: 0, error: 'aborted' };
    const now = this.deps.clock();
    const failures = feed.failures + 1;
    const message = describe(error);
    const retryAfterMs = error instanceof FetchError ? error.retryAfterMs : undefined;
    const status = failures >= this.deps.options.unhealthyAfter ? 'unhealthy' : 'failing';
    this.deps.logger.warn({ feedId: feed.id, url: feed.url, failures, status, error: message }, 'feed failed');
    try {
      const state: FetchStateUpdate = {
        status,
        failures,
        lastError: message,
        lastFetchedAt: now,
        nextFetchAt: nextAfterFailure(now, failures, retryAfterMs, this.deps.options.schedule),
      };
      await this.#store.store(feed, [], { backlog: false, state });
    } catch (recordError) {
      this.deps.logger.error({ feedId: feed.id, err: recordError }, 'could not record feed failure');
    }
    return { feedId: feed.id, outcome: 'failed', newItems: 0, error: message };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One line a person can act on. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0]!.slice(0, 300);
  return String(error).slice(0, 300);
}
