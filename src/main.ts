// The composition root: opens the database, migrates it, syncs the catalog, and starts the
// services of the requested roles, wiring each with only what it uses. Returns a handle
// whose stop() shuts everything down in order.
import type { Config } from './config.ts';
import { loadCatalog } from './core/catalog/catalog-loader.ts';
import type { Catalog } from './core/catalog/catalog.ts';
import type { Logger } from './core/logger.ts';
import { PrismaCatalogRepository } from './core/store/catalog.repository.ts';
import { redactUrl } from './core/store/database-url.ts';
import { openDatabase, type Database } from './core/store/database.ts';
import { systemClock } from './core/clock.ts';
import { PrismaFeedRepository } from './core/store/feeds.repository.ts';
import { PrismaItemRepository } from './core/store/items.repository.ts';
import { createHttpApp } from './http/app.ts';
import { FeedFetcher } from './ingest/fetch/feed-fetcher.ts';
import { IngestLoop } from './ingest/ingest-loop.ts';
import { Ingester } from './ingest/ingester.ts';
import { startHttpServer } from './http/server.ts';

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

export async function startHerald(config: Config, logger: Logger, role: Role): Promise<RunningHerald> {
  const database = await openDatabase(config.databaseUrl);
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        logger.error({ err: error, service: service.name }, 'service failed to stop cleanly');
      }
    }
    await database.close();
  };
  try {
    logger.info({ provider: database.target.provider, database: redactUrl(database.target.url) }, 'database');
    const applied = await database.migrate();
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');

    const catalog = await loadCatalog(config.catalogFile);
    const report = await new PrismaCatalogRepository(database.prisma).sync(catalog);
    logger.info({ ...report }, 'catalog synced');

    reportPlatforms(config, logger);

    let httpPort: number | undefined;
    if (role === 'all' || role === 'web') {
      const app = createHttpApp({ isReady: () => database.ping(), logger });
      const server = await startHttpServer(app, config.http);
      httpPort = server.port;
      services.push({ name: 'http', stop: () => server.close(config.shutdownTimeoutMs) });
      logger.info({ host: config.http.host, port: server.port }, 'http listening');
    }
    if (role === 'all' || role === 'ingest') {
      const { ingester, close } = createIngester(config, database, logger);
      const loop = new IngestLoop(ingester, config.ingest.tickMs, logger);
      loop.start();
      services.push({ name: 'ingest', stop: async () => (await loop.stop(), await close()) });
      logger.info({ feeds: catalog.feeds.length, tickMs: config.ingest.tickMs }, 'ingest polling');
    }
    for (const idle of ['scheduler', 'worker'] as const) {
      if (role === idle) logger.warn({ role }, `the ${role} role has no services yet in this version; it only keeps the schema and catalog current`);
    }
    return { database, catalog, httpPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The ingest pipeline on this database, with the configured limits. */
export function createIngester(config: Config, database: Database, logger: Logger): { ingester: Ingester; close: () => Promise<void> } {
  const fetcher = new FeedFetcher({
    timeoutMs: config.ingest.timeoutMs,
    connectTimeoutMs: config.ingest.timeoutMs,
    maxBytes: config.ingest.maxBytes,
    userAgent: config.ingest.userAgent,
  });
  const ingester = new Ingester({
    feeds: new PrismaFeedRepository(database.prisma),
    items: new PrismaItemRepository(database.prisma),
    fetcher,
    logger: logger.child({ role: 'ingest' }),
    clock: systemClock,
    options: {
      schedule: { intervalMs: config.ingest.intervalMs, maxIntervalMs: config.ingest.maxIntervalMs, maxBackoffMs: 6 * 60 * 60_000, jitter: 0.1 },
      concurrency: config.ingest.concurrency,
      hostConcurrency: config.ingest.hostConcurrency,
      maxBytes: config.ingest.maxBytes,
      unhealthyAfter: config.ingest.unhealthyAfter,
    },
  });
  return { ingester, close: () => fetcher.close() };
}

function reportPlatforms(config: Config, logger: Logger): void {
  if (!config.telegram.token) logger.warn({ platform: 'telegram' }, 'Telegram is off: TELEGRAM_BOT_TOKEN is not set');
  if (!config.discord.token) logger.warn({ platform: 'discord' }, 'Discord is off: DISCORD_BOT_TOKEN is not set');
}
