// The Metrics port on prom-client, in a registry of its own (two Heralds in one test process
// never share counters). Counters count what this process did; the depth gauges are read from
// the database at each scrape, so they are the same whichever process is scraped.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryCount, FeedFetchOutcome, Metrics } from '../../core/metrics.ts';

/** Depths read at scrape time. */
export interface DepthSource {
  outboxByStatus(): Promise<Record<string, number>>;
  inboxDepth(): Promise<number>;
  feedsByStatus(): Promise<Record<string, number>>;
}

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly #items: Counter;
  readonly #fetches: Counter<'result'>;
  readonly #stories: Counter;
  readonly #breaking: Counter;
  readonly #deliveries: Counter<'platform' | 'result'>;
  readonly #sendSeconds: Histogram<'platform'>;
  readonly #http: Counter<'method' | 'route' | 'status'>;
  readonly #httpSeconds: Histogram<'route'>;

  constructor(depths?: DepthSource) {
    const registers = [this.registry];
    this.#items = new Counter({ name: 'herald_items_ingested_total', help: 'New items stored, fetched or pushed', registers });
    this.#fetches = new Counter({
      name: 'herald_feed_fetches_total',
      help: 'Feed fetches by result (fetched, not-modified, failed)',
      labelNames: ['result'],
      registers,
    });
    this.#stories = new Counter({ name: 'herald_stories_total', help: 'New stories clustered', registers });
    this.#breaking = new Counter({
      name: 'herald_breaking_stories_total',
      help: 'Stories that turned breaking (clustered or pushed by an operator)',
      registers,
    });
    this.#deliveries = new Counter({
      name: 'herald_deliveries_total',
      help: 'Outbox sends by platform and result: sent, failed (to be retried), deferred (a budget or 429 wait), dead (dead-lettered or target gone)',
      labelNames: ['platform', 'result'],
      registers,
    });
    this.#sendSeconds = new Histogram({
      name: 'herald_send_duration_seconds',
      help: 'Time a platform send took (every part of a split message)',
      labelNames: ['platform'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#http = new Counter({
      name: 'herald_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.#httpSeconds = new Histogram({
      name: 'herald_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    });
    if (depths) {
      // Counts by status, read from the database at each scrape; a status with no rows reads 0.
      const byStatus = (name: string, help: string, statuses: string[], read: () => Promise<Record<string, number>>) =>
        new Gauge({
          name,
          help,
          labelNames: ['status'],
          registers,
          async collect() {
            const counts = await read();
            for (const status of statuses) this.set({ status }, counts[status] ?? 0);
          },
        });
      byStatus('herald_outbox_depth', 'Outbox rows not yet sent, by status (pending, sending, held)', ['pending', 'sending', 'held'], () =>
        depths.outboxByStatus(),
      );
      byStatus('herald_feeds', 'Feeds by health (new, ok, failing, unhealthy)', ['new', 'ok', 'failing', 'unhealthy'], () => depths.feedsByStatus());
      const single = (name: string, help: string, read: () => Promise<number>) =>
        new Gauge({
          name,
          help,
          registers,
          async collect() {
            this.set(await read());
          },
        });
      single('herald_dead_letters', 'Outbox rows dead-lettered (kept for the operator)', async () => (await depths.outboxByStatus()).dead ?? 0);
      single('herald_inbox_depth', 'Webhook updates stored and not yet handled', () => depths.inboxDepth());
    }
  }

  feedFetched(outcome: FeedFetchOutcome): void {
    this.#fetches.inc({ result: outcome });
  }

  itemsIngested(count: number): void {
    this.#items.inc(count);
  }

  storiesClustered(newStories: number, breaking: number): void {
    if (newStories > 0) this.#stories.inc(newStories);
    if (breaking > 0) this.#breaking.inc(breaking);
  }

  delivery(platform: string, result: DeliveryCount): void {
    this.#deliveries.inc({ platform, result });
  }

  sendDuration(platform: string, seconds: number): void {
    this.#sendSeconds.observe({ platform }, seconds);
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.#http.inc({ method, route, status: String(status) });
    this.#httpSeconds.observe({ route }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
