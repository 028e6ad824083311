// The composition root: builds every service of Herald once, from the configuration, on one
// database and one catalog. Roles (src/app/start.ts) and CLI commands take what they use from
// what this returns; each service is built the first time it is asked for, and close() stops
// what was built, last built first, then the database.
import type { Config } from '../config.ts';
import { secretsOf } from '../config.ts';
import { loadCatalog } from '../core/catalog/catalog-loader.ts';
import type { Catalog } from '../core/catalog/catalog.ts';
import { systemClock } from '../core/clock.ts';
import { Conversation } from '../core/conversation/conversation.ts';
import { Lease } from '../core/coordination/lease.ts';
import type { Messenger } from '../core/delivery/messenger.ts';
import { DEFAULT_MARGIN, type BudgetLimits, type PlatformRates } from '../core/delivery/send-budget.ts';
import type { Logger } from '../core/logger.ts';
import { PreferenceRules } from '../core/preferences/preference-rules.ts';
import { Redactor } from '../core/redact.ts';
import { PlatformHealth } from '../core/status/platform-health.ts';
import { StoryService } from '../core/stories/story-service.ts';
import { PrometheusMetrics } from '../http/metrics/prometheus-metrics.ts';
import { isPublicUrl } from '../ingest/fetch/public-address.ts';
import { FeedFetcher } from '../ingest/fetch/feed-fetcher.ts';
import { Ingester } from '../ingest/ingester.ts';
import { WebSubSubscriber } from '../ingest/websub/websub-subscriber.ts';
import { platforms as allPlatforms } from '../platforms/index.ts';
import type { Chat, Platform } from '../platforms/platform.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { ClusterThread } from '../threads/cluster-thread.ts';
import { FeedParseThread } from '../threads/feed-parse-thread.ts';
import { createStores, type Stores } from './stores.ts';

export interface ComposeOptions {
  logger: Logger;
  /** The catalog to run on (the demo's, say); the configured one when not given. */
  catalog?: Catalog;
  /** Another database than DATABASE_URL's (the demo's own file). */
  databaseUrl?: string;
}

export interface IngestPipeline {
  ingester: Ingester;
  /** Set when Herald has a public URL for hubs to call back. */
  websub: WebSubSubscriber | undefined;
}

export interface Herald {
  config: Config;
  logger: Logger;
  catalog: Catalog;
  database: Database;
  stores: Stores;
  /** Every configured secret, out of every error this process stores, shows or logs. */
  redactor: Redactor;
  /** What this process last saw of each chat platform. */
  health: PlatformHealth;
  metrics: PrometheusMetrics;
  /** Every platform Herald knows; `platformsOn` are those that take updates in this configuration. */
  platforms: readonly Platform[];
  platformsOn: readonly Platform[];
  /** The conversation core and the targets, which every platform's bot shares. */
  chat(): Chat;
  /** A feed fetcher with the configured timeouts, size cap and User-Agent. */
  fetcher(): FeedFetcher;
  /** The ingest pipeline: fetch, parse (in a thread), store; WebSub when there is a public URL. */
  ingest(): IngestPipeline;
  /** Stories kept up to date from stored items: clustered in a thread, by the holder of the stories lease. */
  stories(): StoryService;
  /** A messenger for each platform that can send here (the web chat always can). */
  messengers(): Partial<Record<string, Messenger>>;
  /** The platforms' send limits, for the delivery budgets. */
  budgetLimits(): BudgetLimits;
  /** Something to stop with the rest (a role's timers, a server). */
  onClose(stop: () => Promise<void>): void;
  close(): Promise<void>;
}

/** A feed fetcher with the configured timeouts, size cap and User-Agent (the caller closes it). */
export function createFetcher(config: Config, options: { publicOnly?: boolean } = {}): FeedFetcher {
  const { timeoutMs, maxBytes, userAgent } = config.ingest;
  return new FeedFetcher({ timeoutMs, connectTimeoutMs: timeoutMs, maxBytes, userAgent, publicOnly: options.publicOnly ?? false });
}

/** Builds `make()` the first time it is asked for, and hands out the same one after. */
function once<T>(make: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: make() }).value;
}

// eslint-disable-next-line max-lines-per-function -- the composition root is read as one list of every service, top to bottom
export async function compose(config: Config, options: ComposeOptions): Promise<Herald> {
  const { logger } = options;
  const catalog = options.catalog ?? (await loadCatalog(config.catalogFile));
  const database = await openDatabase(options.databaseUrl ?? config.databaseUrl);
  const platformsOn = allPlatforms.filter((p) => p.off(config) === undefined);
  const stores = createStores(
    database,
    platformsOn.map((p) => p.name),
  );
  const redactor = new Redactor(secretsOf(config));
  const closers: (() => Promise<void>)[] = [];
  const onClose = (stop: () => Promise<void>) => void closers.push(stop);

  const fetcher = once(() => {
    const f = createFetcher(config);
    onClose(() => f.close());
    return f;
  });
  const metrics = new PrometheusMetrics(stores.status);

  const herald: Herald = {
    config,
    logger,
    catalog,
    database,
    stores,
    redactor,
    health: new PlatformHealth(),
    metrics,
    platforms: allPlatforms,
    platformsOn,
    chat: once(() => ({
      targets: stores.targets,
      conversation: new Conversation({
        catalog,
        rules: new PreferenceRules(catalog),
        preferences: stores.preferences,
        targets: stores.targets,
        digests: stores.stories,
        coverage: stores.stories,
        why: stores.audience,
        suggestions: { repository: stores.suggestions, isPublicUrl },
        digestCap: config.delivery.digestCap,
      }),
    })),
    fetcher,
    ingest: once(() => createIngest(config, stores, { logger, metrics, fetcher: fetcher(), onClose })),
    stories: once(() => {
      const log = logger.child({ role: 'stories' });
      const { windowMs, breakingOutlets, breakingWindowMs, acrossLanguages, leaseMs } = config.stories;
      const clustering = new ClusterThread({ windowMs, breakingOutlets, breakingWindowMs, acrossLanguages });
      const lease = new Lease({ repo: stores.leases, name: 'stories', ttlMs: leaseMs, clock: systemClock, logger: log });
      lease.start();
      onClose(async () => (await lease.stop(), await clustering.close()));
      return new StoryService({ repo: stores.stories, clustering, lease, logger: log, clock: systemClock, windowMs, metrics });
    }),
    messengers: once(() =>
      Object.fromEntries(
        allPlatforms.flatMap((p) => {
          const messenger = p.messenger(config, { chatLog: stores.chatLog, redactor });
          return messenger ? [[p.name, messenger]] : [];
        }),
      ),
    ),
    budgetLimits: once(() => ({
      platforms: Object.fromEntries(
        allPlatforms.flatMap((p) => {
          const rates = p.sendRates(config);
          return rates ? [[p.name, rates] as [string, PlatformRates]] : [];
        }),
      ),
      margin: DEFAULT_MARGIN,
    })),
    onClose,
    async close() {
      for (const stop of closers.reverse()) {
        try {
          await stop();
        } catch (error) {
          logger.error({ err: error }, 'a service failed to stop cleanly');
        }
      }
      closers.length = 0;
      await database.close();
    },
  };
  return herald;
}

/** The ingest pipeline: fetch, parse (in a thread of its own), store; WebSub with a public URL. */
function createIngest(
  config: Config,
  stores: Stores,
  deps: { logger: Logger; metrics: PrometheusMetrics; fetcher: FeedFetcher; onClose: (stop: () => Promise<void>) => void },
): IngestPipeline {
  const { logger, metrics } = deps;
  // Parsing is CPU work (0.4 s for 12,000 items): in a thread of its own, off the event loop.
  const parser = new FeedParseThread();
  deps.onClose(() => parser.close());
  let websub: WebSubSubscriber | undefined;
  const ingester = new Ingester({
    feeds: stores.feeds,
    items: stores.items,
    fetcher: deps.fetcher,
    parse: (input) => parser.processFeed(input),
    logger: logger.child({ role: 'ingest' }),
    onParsed: (feed, parsed) => websub?.onParsed(feed, parsed) ?? Promise.resolve(),
    clock: systemClock,
    metrics,
    options: {
      schedule: {
        intervalMs: config.ingest.intervalMs,
        maxIntervalMs: config.ingest.maxIntervalMs,
        maxBackoffMs: config.ingest.maxBackoffMs,
        jitter: config.ingest.jitter,
      },
      concurrency: config.ingest.concurrency,
      hostConcurrency: config.ingest.hostConcurrency,
      maxBytes: config.ingest.maxBytes,
      unhealthyAfter: config.ingest.unhealthyAfter,
      ...(config.retention.contentDays > 0 ? { maxEntryAgeMs: config.retention.contentDays * 86_400_000 } : {}),
    },
  });
  if (config.publicUrl) {
    websub = new WebSubSubscriber({
      subscriptions: stores.websub,
      feeds: stores.feeds,
      ingester,
      logger: logger.child({ role: 'websub' }),
      clock: systemClock,
      options: {
        publicUrl: config.publicUrl,
        leaseSeconds: config.websub.leaseSeconds,
        renewBeforeMs: config.websub.renewBeforeMs,
        timeoutMs: config.ingest.timeoutMs,
        allowPrivateHubs: config.websub.allowPrivateHubs,
      },
    });
  }
  return { ingester, websub };
}
