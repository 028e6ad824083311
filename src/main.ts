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
import { createHttpApp } from './http/app.ts';
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
    for (const idle of ['ingest', 'scheduler', 'worker'] as const) {
      if (role === idle) logger.warn({ role }, `the ${role} role has no services yet in this version; it only keeps the schema and catalog current`);
    }
    return { database, catalog, httpPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function reportPlatforms(config: Config, logger: Logger): void {
  if (!config.telegram.token) logger.warn({ platform: 'telegram' }, 'Telegram is off: TELEGRAM_BOT_TOKEN is not set');
  if (!config.discord.token) logger.warn({ platform: 'discord' }, 'Discord is off: DISCORD_BOT_TOKEN is not set');
}
