// The catalog a start runs on: the operator's (or the shipped one), or the demo feeds with
// HERALD_DEMO=1, or when a newcomer tries Herald (the web chat on, one process) and no
// catalog feed can be reached. The demo keeps a database of its own, made afresh each start.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { loadCatalog } from '../core/catalog/catalog-loader.ts';
import type { Catalog } from '../core/catalog/catalog.ts';
import type { Logger } from '../core/logger.ts';
import { startDemoFeeds, type DemoFeeds } from '../ingest/demo/demo-feed-server.ts';
import { anyFeedReachable } from '../ingest/demo/reachability.ts';
import type { Role } from './roles.ts';

/** The demo's own database (beside the default one, in ./data), made afresh at each demo start. */
export const demoDatabaseFile = () => join(process.cwd(), 'data', 'herald-demo.db');

export interface CatalogChoice {
  catalog: Catalog;
  demo?: DemoFeeds;
  /** The demo's database, when the demo runs. */
  databaseUrl?: string;
}

export async function chooseCatalog(config: Config, logger: Logger, opts: { webChat: boolean; role: Role }): Promise<CatalogChoice> {
  const startDemo = async (why: string): Promise<CatalogChoice> => {
    const demo = await startDemoFeeds();
    logger.info({ feeds: demo.catalog.feeds.length, origin: demo.origin }, `demo feeds on (${why}): fictional news, served locally`);
    // Never on DATABASE_URL's database, whose catalog it would replace.
    if (config.databaseUrlGiven) logger.warn('the demo runs on its own database, ./data/herald-demo.db: DATABASE_URL is left alone');
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(demoDatabaseFile() + x, { force: true })));
    return { catalog: demo.catalog, demo, databaseUrl: `file:${demoDatabaseFile()}` };
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
