// `herald start`: opens HTTP at once, chooses the catalog (or the demo), composes Herald, waits
// for the database (and Redis), migrates and syncs the catalog, then starts what the role runs
// (src/app/roles.ts). Returns a handle whose stop() shuts everything down in order.
import type { Config } from '../config.ts';
import { keepTrying } from '../core/connect/keep-trying.ts';
import type { Logger } from '../core/logger.ts';
import { shapesOnly } from '../core/redact.ts';
import { WindowedCounter } from '../core/limits/windowed-counter.ts';
import type { Catalog } from '../core/catalog/catalog.ts';
import { createHttpApp, type MountedRoutes } from '../http/app.ts';
import { bootApp } from '../http/boot.app.ts';
import { breakingHookRoutes } from '../http/breaking-hook.routes.ts';
import { metricsRoutes } from '../http/metrics/metrics.routes.ts';
import { publicConditions } from '../http/platform-conditions.ts';
import { startHttpServer, type RunningServer } from '../http/server.ts';
import { LOGIN_FAILURES, LOGIN_WINDOW_MS, statusOffRoutes, statusRoutes } from '../http/status/status.routes.ts';
import { websubRoutes } from '../http/websub.routes.ts';
import { IngestLoop } from '../ingest/ingest-loop.ts';
import type { RunningPlatform } from '../platforms/platform.ts';
import { web } from '../platforms/web/index.ts';
import { reachRedis, RedisUnreachable } from '../queue/redis-health.ts';
import { redactUrl } from '../store/database-url.ts';
import { DatabaseUnreachable, type Database } from '../store/database.ts';
import { chooseCatalog } from './catalog-choice.ts';
import { compose, type Herald, type IngestPipeline } from './compose.ts';
import { startDelivery, type DeliveryServices } from './delivery.ts';
import { ROLE_SERVICES, type Role } from './roles.ts';

export interface RunningHerald {
  database: Database;
  catalog: Catalog;
  /** The HTTP port, when the role serves HTTP. */
  httpPort: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Aborts a start that is still waiting (for the database, for Redis): SIGTERM during start. */
  signal?: AbortSignal;
}

/** Something a role runs until shutdown. */
interface Service {
  name: string;
  stop(): Promise<void>;
}

// eslint-disable-next-line max-lines-per-function -- what each role starts, in start order, is clearer as one sequence
export async function startHerald(config: Config, logger: Logger, role: Role, options: StartOptions = {}): Promise<RunningHerald> {
  const runs = ROLE_SERVICES[role];
  const services: Service[] = [];
  let herald: Herald | undefined;
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
    await herald?.close();
  };
  try {
    // HTTP first, whatever Herald then waits for: /healthz answers at once, /readyz says what
    // it is waiting for, and webhooks get 503 (their senders retry) until Herald has started.
    let waitingFor = 'starting';
    if (runs.http) {
      server = await startHttpServer(
        bootApp(() => waitingFor),
        config.http,
      );
      logger.info({ port: server.port }, 'http open; starting');
    }
    const webChat = runs.chat && web.off(config) === undefined;
    const choice = await chooseCatalog(config, logger, { webChat, role });
    const demo = choice.demo;
    if (demo) {
      services.push({ name: 'demo feeds', stop: demo.close });
      // Demo feeds are local and their news arrives minute by minute: fetch them every minute.
      config = { ...config, ingest: { ...config.ingest, intervalMs: 60_000, tickMs: 10_000 } };
    }
    const h = await compose(config, { logger, catalog: choice.catalog, ...(choice.databaseUrl ? { databaseUrl: choice.databaseUrl } : {}) });
    herald = h;
    const { database: db, catalog } = h;
    logger.info({ provider: db.target.provider, database: redactUrl(db.target.url) }, 'database');
    waitingFor = 'the database';
    const waiting = { logger, ...(options.signal ? { signal: options.signal } : {}), describe: (error: unknown) => shapesOnly.message(error) };
    await keepTrying(() => db.reach(), { ...waiting, what: 'database', isFatal: (error) => !(error instanceof DatabaseUnreachable) });
    // One process at a time migrates and syncs the catalog: roles started together take turns.
    await db.exclusively(async () => {
      const applied = await db.migrate();
      logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');
      const report = await h.stores.catalog.sync(catalog);
      logger.info({ ...report }, 'catalog synced');
    });
    if (config.redisUrl && (runs.schedule || runs.work)) {
      waitingFor = 'Redis';
      const url = config.redisUrl;
      await keepTrying(() => reachRedis(url), { ...waiting, what: 'redis', isFatal: (error) => !(error instanceof RedisUnreachable) });
    }
    for (const p of h.platforms) {
      const why = p.off(config);
      if (why && p.name !== 'web') logger.warn({ platform: p.name }, `${p.label} is off: ${why}`);
    }

    // One ingest pipeline per process: the polling roles poll with it, the web role takes
    // WebSub pushes into it.
    const pipeline = runs.http || runs.poll ? h.ingest() : undefined;
    if (pipeline?.websub) logger.info({ callbackBase: `${config.publicUrl}/websub/` }, 'websub on');

    // The platforms take updates in the web role: by webhook when Herald has a public URL,
    // else by long polling (one process must poll: the web role). None waits for its platform.
    const routes: MountedRoutes[] = [];
    for (const started of runs.chat ? startPlatforms(h, demo !== undefined) : []) {
      if (started.routes) routes.push(started.routes);
      services.push(started);
    }

    const delivery = runs.schedule || runs.work ? startDelivery(h, runs) : undefined;
    if (delivery) services.push({ name: 'delivery', stop: () => delivery.stop() });

    if (server) serveHttp(h, server, { routes, pipeline, delivery, webChat });
    if (pipeline && runs.poll) {
      const websub = pipeline.websub;
      // The window is rebuilt by the first sweep of the process holding the stories lease.
      const stories = h.stories();
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

/** Every platform that is on, taking people's updates; none waits for its platform. */
function startPlatforms(h: Herald, demo: boolean): (RunningPlatform & { name: string })[] {
  const { config, stores, catalog, logger, health, redactor } = h;
  return h.platformsOn.map((platform) => ({
    name: platform.name,
    ...platform.start({
      config,
      chatLog: stores.chatLog,
      inbox: stores.inbox,
      catalog,
      chat: h.chat(),
      logger: logger.child({ platform: platform.name }),
      health,
      redactor,
      demo,
    }),
  }));
}

/** Replaces the boot app with Herald's own: the platforms' routes, WebSub, hooks, status and metrics. */
function serveHttp(
  h: Herald,
  server: RunningServer,
  parts: { routes: MountedRoutes[]; pipeline: IngestPipeline | undefined; delivery: DeliveryServices | undefined; webChat: boolean },
): void {
  const { config, logger, metrics, redactor, health, stores, catalog, database: db } = h;
  const routes = [...parts.routes];
  const websub = parts.pipeline?.websub;
  if (websub) routes.push({ prefix: '/websub', app: websubRoutes(websub, config.ingest.maxBytes), maxBodyBytes: config.ingest.maxBytes });
  if (config.hookSecret) {
    const afterPush = async () => (metrics.storiesClustered(1, 1), await parts.delivery?.fanOutNow());
    routes.push({ prefix: '/hooks', app: breakingHookRoutes({ secret: config.hookSecret, catalog, stories: stores.stories, logger, afterPush }) });
  }
  // Wrong admin tokens, by client: counted on the sign-in form, /status and /metrics alike.
  const failures = new WindowedCounter({ max: LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS });
  const admin = config.adminToken ? { adminToken: config.adminToken, failures } : undefined;
  const platforms = () => health.snapshot();
  routes.push({
    prefix: '/status',
    app: admin
      ? statusRoutes({ ...admin, source: stores.status, sessions: stores.adminSessions, platforms, redact: (text) => redactor.text(text) })
      : statusOffRoutes(),
  });
  routes.push({ prefix: '/metrics', app: metricsRoutes({ metrics, ...(admin ? { admin } : {}) }) });
  server.use(
    createHttpApp({
      isReady: () => db.ping(),
      platforms: () => publicConditions(health.snapshot(), redactor),
      logger,
      routes,
      onRequest: (...args) => metrics.httpRequest(...args),
      ...(parts.webChat ? { home: '/try' } : {}),
    }),
  );
  logger.info({ host: config.http.host, port: server.port }, 'http listening');
  if (parts.webChat) logger.info({ url: `http://localhost:${server.port}/try` }, 'web chat on: open /try in a browser to try Herald');
  if (!config.adminToken) logger.info('status page off: set HERALD_ADMIN_TOKEN to open /status');
}
