// The composition root: chooses the catalog (or the demo feeds), opens the database, migrates
// it, syncs the catalog, and starts the services of the requested roles, wiring each with only what it uses. Returns a handle
// whose stop() shuts everything down in order.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createChat, reportPlatforms, startDiscord, startTelegram, startWebChat, type ChatAdapter } from './chat-adapters.ts';
import { secretsOf, type Config } from './config.ts';
import { loadCatalog } from './core/catalog/catalog-loader.ts';
import type { Catalog } from './core/catalog/catalog.ts';
import { systemClock } from './core/clock.ts';
import { keepTrying } from './core/connect/keep-trying.ts';
import type { Logger } from './core/logger.ts';
import { Redactor, shapesOnly } from './core/redact.ts';
import { WindowedCounter } from './core/limits/windowed-counter.ts';
import { publicConditions } from './http/platform-conditions.ts';
import { PlatformHealth } from './core/status/platform-health.ts';
import type { Metrics } from './core/metrics.ts';
import { PrismaAdminSessionRepository } from './store/admin-sessions.store.ts';
import { PrismaCatalogRepository } from './store/catalog.store.ts';
import { redactUrl } from './store/database-url.ts';
import { DatabaseUnreachable, openDatabase, type Database } from './store/database.ts';
import { PrismaFeedRepository } from './store/feeds.store.ts';
import { PrismaItemRepository } from './store/items.store.ts';
import { PrismaStatusSource } from './store/status.store.ts';
import { PrismaStoryRepository } from './store/stories.store.ts';
import { PrismaWebSubRepository } from './store/websub.store.ts';
import { StoryService } from './core/stories/story-service.ts';
import { Lease } from './core/coordination/lease.ts';
import { PrismaLeaseRepository } from './store/lease.store.ts';
import { startDelivery } from './delivery.ts';
import { createHttpApp, type MountedRoutes } from './http/app.ts';
import { breakingHookRoutes } from './http/breaking-hook.routes.ts';
import { metricsRoutes } from './http/metrics/metrics.routes.ts';
import { PrometheusMetrics } from './http/metrics/prometheus-metrics.ts';
import { bootApp } from './http/boot.app.ts';
import { startHttpServer, type RunningServer } from './http/server.ts';
import { LOGIN_FAILURES, LOGIN_WINDOW_MS, statusOffRoutes, statusRoutes } from './http/status/status.routes.ts';
import { websubRoutes } from './http/websub.routes.ts';
import { startDemoFeeds, type DemoFeeds } from './ingest/demo/demo-feed-server.ts';
import { anyFeedReachable } from './ingest/demo/reachability.ts';
import { FeedFetcher } from './ingest/fetch/feed-fetcher.ts';
import { IngestLoop } from './ingest/ingest-loop.ts';
import { Ingester } from './ingest/ingester.ts';
import { WebSubSubscriber } from './ingest/websub/websub-subscriber.ts';
import { ClusterThread } from './threads/cluster-thread.ts';
import { FeedParseThread } from './threads/feed-parse-thread.ts';
import { reachRedis, RedisUnreachable } from './queue/redis-health.ts';

/** The demo's own database (beside the default one, in ./data), made afresh at each demo start when DATABASE_URL is not set. */
export const demoDatabaseFile = () => join(process.cwd(), 'data', 'herald-demo.db');

export const ROLES = ['all', 'web', 'ingest', 'scheduler', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** Something a role runs until shutdown. */
interface Service {
  name: string;
  stop(): Promise<void>;
}

export interface RunningHerald {
  database: Database;
  catalog: Catalog;
  /** The HTTP port, when the web role runs. */
  httpPort: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Aborts a start that is still waiting (for the database, for Redis): SIGTERM during start. */
  signal?: AbortSignal;
}

export async function startHerald(config: Config, logger: Logger, role: Role, options: StartOptions = {}): Promise<RunningHerald> {
  const services: Service[] = [];
  const web = role === 'all' || role === 'web';
  let database: Database | undefined;
  let server: RunningServer | undefined;
  const stop = async () => {
    // First no new requests (acknowledged webhook updates are all stored by then), then the rest in order.
    await server?.close(config.shutdownTimeoutMs);
    for (const service of services.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        logger.error({ err: error, service: service.name }, 'service failed to stop cleanly');
      }
    }
    await database?.close();
  };
  try {
    // HTTP first, whatever Herald then waits for: /healthz answers at once, /readyz says what
    // it is waiting for, and webhooks get 503 (their senders retry) until Herald has started.
    let waitingFor = 'starting';
    if (web) {
      server = await startHttpServer(bootApp(() => waitingFor), config.http);
      logger.info({ port: server.port }, 'http open; starting');
    }
    const webChat = web && (config.webChat === 'on' || (config.webChat === 'auto' && !config.telegram.token && !config.discord.token));
    const source = await chooseCatalog(config, logger, { webChat, role });
    if (source.demo) services.push({ name: 'demo feeds', stop: source.demo.close });
    // The demo runs afresh on a database of its own: never on DATABASE_URL's, whose catalog
    // it would replace.
    if (source.demo) {
      if (config.databaseUrlGiven) logger.warn('the demo runs on its own database, ./data/herald-demo.db: DATABASE_URL is left alone');
      await Promise.all(['', '-wal', '-shm'].map((x) => rm(demoDatabaseFile() + x, { force: true })));
    }
    const db = await openDatabase(source.demo ? `file:${demoDatabaseFile()}` : config.databaseUrl);
    database = db;
    // Demo feeds are local and their news arrives minute by minute: fetch them every minute.
    if (source.demo) config = { ...config, ingest: { ...config.ingest, intervalMs: 60_000, tickMs: 10_000 } };
    logger.info({ provider: db.target.provider, database: redactUrl(db.target.url) }, 'database');
    const catalog = source.catalog;
    waitingFor = 'the database';
    const waiting = { logger, ...(options.signal ? { signal: options.signal } : {}), describe: (error: unknown) => shapesOnly.message(error) };
    await keepTrying(() => db.reach(), { ...waiting, what: 'database', isFatal: (error) => !(error instanceof DatabaseUnreachable) });
    // One process at a time migrates and syncs the catalog: roles started together take turns.
    await db.exclusively(async () => {
      const applied = await db.migrate();
      logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');
      const report = await new PrismaCatalogRepository(db.prisma).sync(catalog);
      logger.info({ ...report }, 'catalog synced');
    });
    if (config.redisUrl && role !== 'web' && role !== 'ingest') {
      waitingFor = 'Redis';
      const url = config.redisUrl;
      await keepTrying(() => reachRedis(url), { ...waiting, what: 'redis', isFatal: (error) => !(error instanceof RedisUnreachable) });
    }

    reportPlatforms(config, logger);
    const status = new PrismaStatusSource(db.prisma);
    const metrics = new PrometheusMetrics(status);
    const health = new PlatformHealth();
    // Every configured secret, out of every error this process stores or shows.
    const redactor = new Redactor(secretsOf(config));

    // One ingest pipeline per process: the ingest role polls with it, the web role takes
    // WebSub pushes into it.
    const pipeline = role === 'all' || role === 'web' || role === 'ingest' ? createIngester(config, db, logger, metrics) : undefined;
    if (pipeline) services.push({ name: 'fetcher', stop: pipeline.close });
    if (pipeline?.websub) logger.info({ callbackBase: `${config.publicUrl}/websub/` }, 'websub on');

    // The chat bots take updates in the web role: by webhook when Herald has a public URL,
    // else by long polling (one process must poll: the web role). None waits for its platform.
    const routes: MountedRoutes[] = [];
    if (web && (config.telegram.token || config.discord.token || webChat)) {
      const chat = createChat(db, catalog);
      const adapters: [string, () => ChatAdapter][] = [
        ...(config.telegram.token ? [['telegram', () => startTelegram(config, db, chat, logger, health, redactor)] as [string, () => ChatAdapter]] : []),
        ...(config.discord.token ? [['discord', () => startDiscord(config, chat, catalog, logger, health, redactor)] as [string, () => ChatAdapter]] : []),
        ...(webChat ? [['web chat', () => startWebChat(config, db, chat, logger, { demo: source.demo !== undefined })] as [string, () => ChatAdapter]] : []),
      ];
      for (const [name, start] of adapters) {
        const adapter = start();
        if (adapter.routes) routes.push(adapter.routes);
        services.push({ name, stop: adapter.stop });
      }
    }

    const delivery = role === 'all' || role === 'scheduler' || role === 'worker' ? startDelivery(config, db, catalog, logger, { schedule: role !== 'worker', work: role !== 'scheduler' }, { metrics, health }) : undefined;
    if (delivery) services.push({ name: 'delivery', stop: () => delivery.stop() });

    if (server) {
      if (pipeline?.websub) routes.push({ prefix: '/websub', app: websubRoutes(pipeline.websub, config.ingest.maxBytes), maxBodyBytes: config.ingest.maxBytes });
      if (config.hookSecret) {
        const stories = new PrismaStoryRepository(db.prisma);
        const afterPush = async () => (metrics.storiesClustered(1, 1), await delivery?.fanOutNow());
        routes.push({ prefix: '/hooks', app: breakingHookRoutes({ secret: config.hookSecret, catalog, stories, logger, afterPush }) });
      }
      const platforms = () => health.snapshot();
      // Wrong admin tokens, by client: counted on the sign-in form, /status and /metrics alike.
      const failures = new WindowedCounter({ max: LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS });
      const admin = config.adminToken ? { adminToken: config.adminToken, failures } : undefined;
      routes.push({ prefix: '/status', app: admin ? statusRoutes({ ...admin, source: status, sessions: new PrismaAdminSessionRepository(db.prisma), platforms, redact: (text) => redactor.text(text) }) : statusOffRoutes() });
      routes.push({ prefix: '/metrics', app: metricsRoutes({ metrics, ...(admin ? { admin } : {}) }) });
      server.use(createHttpApp({ isReady: () => db.ping(), platforms: () => publicConditions(health.snapshot(), redactor), logger, routes, onRequest: (...args) => metrics.httpRequest(...args) }));
      logger.info({ host: config.http.host, port: server.port }, 'http listening');
      if (webChat) logger.info({ url: `http://localhost:${server.port}/try` }, 'web chat on: open /try in a browser to try Herald');
      if (!config.adminToken) logger.info('status page off: set HERALD_ADMIN_TOKEN to open /status');
    }
    if (pipeline && (role === 'all' || role === 'ingest')) {
      const websub = pipeline.websub;
      // The window is rebuilt by the first sweep of the process holding the stories lease.
      const { stories, close: closeStories } = createStoryService(config, db, logger, metrics);
      services.push({ name: 'stories', stop: closeStories });
      const tasks = [
        // In one process, a story that just broke is fanned out at once; else the scheduler finds it.
        { name: 'stories', run: async () => (await stories.sweep(), await delivery?.fanOutNow()) },
        ...(websub ? [{ name: 'websub renewal', run: () => websub.renewDue() }] : []),
      ];
      const loop = new IngestLoop(pipeline.ingester, config.ingest.tickMs, logger, tasks);
      loop.start();
      services.push({ name: 'ingest', stop: () => loop.stop() });
      logger.info({ feeds: catalog.feeds.length, tickMs: config.ingest.tickMs }, 'ingest polling');
    }
    return { database: db, catalog, httpPort: server?.port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The catalog to run on: the operator's (or the shipped one), or the demo feeds with
 * HERALD_DEMO=1, or when a newcomer tries Herald (the web chat on, one process) and no
 * catalog feed can be reached.
 */
async function chooseCatalog(config: Config, logger: Logger, opts: { webChat: boolean; role: Role }): Promise<{ catalog: Catalog; demo?: DemoFeeds }> {
  const startDemo = async (why: string) => {
    const demo = await startDemoFeeds();
    logger.info({ feeds: demo.catalog.feeds.length, origin: demo.origin }, `demo feeds on (${why}): fictional news, served locally`);
    return { catalog: demo.catalog, demo };
  };
  if (config.demo === 'on') {
    // One process: every role would otherwise start its own feed server and reset the demo database.
    if (opts.role !== 'all') throw new Error('HERALD_DEMO runs Herald as one process: start it without --role (or with --role all)');
    return startDemo('HERALD_DEMO is on');
  }
  const catalog = await loadCatalog(config.catalogFile);
  // Only for a newcomer trying Herald: no token, no database of their own, one process. A
  // deployment whose network is down at boot keeps its catalog.
  const trying = opts.webChat && opts.role === 'all' && !config.telegram.token && !config.discord.token && !config.databaseUrlGiven;
  if (config.demo === 'auto' && trying && !(await anyFeedReachable(catalog))) {
    return startDemo('no catalog feed is reachable; set HERALD_DEMO=0 to keep the catalog');
  }
  return { catalog };
}

/** A feed fetcher with the configured timeouts, size cap and User-Agent. */
export function createFetcher(config: Config): FeedFetcher {
  const { timeoutMs, maxBytes, userAgent } = config.ingest;
  return new FeedFetcher({ timeoutMs, connectTimeoutMs: timeoutMs, maxBytes, userAgent });
}

/**
 * The ingest pipeline on this database, with the configured limits; with a WebSub
 * subscriber when Herald has a public URL for hubs to call back.
 */
export function createIngester(
  config: Config,
  database: Database,
  logger: Logger,
  metrics?: Metrics,
): { ingester: Ingester; websub: WebSubSubscriber | undefined; close: () => Promise<void> } {
  let websub: WebSubSubscriber | undefined;
  const feeds = new PrismaFeedRepository(database.prisma);
  const fetcher = createFetcher(config);
  // Parsing is CPU work (0.4 s for 12,000 items): in a thread of its own, off the event loop.
  const parser = new FeedParseThread();
  const ingester = new Ingester({
    feeds,
    items: new PrismaItemRepository(database.prisma),
    fetcher,
    parse: (input) => parser.processFeed(input),
    logger: logger.child({ role: 'ingest' }),
    onParsed: (feed, parsed) => websub?.onParsed(feed, parsed) ?? Promise.resolve(),
    clock: systemClock,
    ...(metrics ? { metrics } : {}),
    options: {
      schedule: { intervalMs: config.ingest.intervalMs, maxIntervalMs: config.ingest.maxIntervalMs, maxBackoffMs: 6 * 60 * 60_000, jitter: 0.1 },
      concurrency: config.ingest.concurrency,
      hostConcurrency: config.ingest.hostConcurrency,
      maxBytes: config.ingest.maxBytes,
      unhealthyAfter: config.ingest.unhealthyAfter,
    },
  });
  if (config.publicUrl) {
    websub = new WebSubSubscriber({
      subscriptions: new PrismaWebSubRepository(database.prisma),
      feeds,
      ingester,
      logger: logger.child({ role: 'websub' }),
      clock: systemClock,
      options: {
        publicUrl: config.publicUrl,
        leaseSeconds: 7 * 24 * 3600,
        renewBeforeMs: 24 * 3600_000,
        timeoutMs: config.ingest.timeoutMs,
        allowPrivateHubs: config.websubAllowPrivateHubs,
      },
    });
  }
  return { ingester, websub, close: async () => (await fetcher.close(), await parser.close()) };
}

/**
 * Stories kept up to date from stored items, with the configured window and breaking rule:
 * clustered in a worker thread, by one process at a time (the holder of the stories lease).
 */
export function createStoryService(config: Config, database: Database, logger: Logger, metrics?: Metrics): { stories: StoryService; close: () => Promise<void> } {
  const log = logger.child({ role: 'stories' });
  const clustering = new ClusterThread({ windowMs: config.stories.windowMs, breakingOutlets: config.stories.breakingOutlets, breakingWindowMs: config.stories.breakingWindowMs });
  const lease = new Lease({ repo: new PrismaLeaseRepository(database.prisma), name: 'stories', ttlMs: config.stories.leaseMs, clock: systemClock, logger: log });
  lease.start();
  const stories = new StoryService({
    repo: new PrismaStoryRepository(database.prisma),
    clustering,
    lease,
    logger: log,
    clock: systemClock,
    windowMs: config.stories.windowMs,
    ...(metrics ? { metrics } : {}),
  });
  return { stories, close: async () => (await lease.stop(), await clustering.close()) };
}
