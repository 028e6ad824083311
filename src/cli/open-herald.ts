// Herald, composed for one command: on the database DATABASE_URL names (or, when it is not set
// and only the demo has run, the demo's own; stderr then says which file it reads). Read commands
// never migrate: they work beside a running server, and a database without Herald's tables gets
// one plain line, not a stack trace. Closed when the command is done.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { compose, type Herald } from '../app/compose.ts';
import { demoDatabaseFile } from '../app/catalog-choice.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { demoCatalog, loadDemoNews } from '../ingest/demo/demo-news.ts';
import { createLogger } from '../logging.ts';
import { parseDatabaseUrl, redactUrl } from '../store/database-url.ts';
import type { CommandIo } from './command.ts';

/** An expected failure of a command: printed as one line, exit code 1. */
export class CommandFailed extends Error {}

export interface OpenOptions {
  /** Brings the schema up to date and syncs the catalog first (commands that write). */
  write?: boolean;
  logger?: Logger;
}

/** The database a command reads: DATABASE_URL, else the default file, else the demo's when only it exists. */
export function databaseFor(config: Config): { url: string; demo: boolean; note?: string } {
  if (config.databaseUrlGiven) return { url: config.databaseUrl, demo: false };
  const target = parseDatabaseUrl(config.databaseUrl);
  const demo = demoDatabaseFile();
  if (target.provider === 'sqlite' && !existsSync(target.file) && existsSync(demo)) {
    return {
      url: `file:${demo}`,
      demo: true,
      note: `the demo's (${relative(process.cwd(), target.file)} does not exist yet; set DATABASE_URL to read another)`,
    };
  }
  return { url: config.databaseUrl, demo: false };
}

export async function withHerald<T>(config: Config, io: CommandIo, options: OpenOptions, run: (herald: Herald) => Promise<T>): Promise<T> {
  const { url, demo, note } = databaseFor(config);
  const target = parseDatabaseUrl(url);
  // A read never creates the database it was to read.
  if (!options.write && target.provider === 'sqlite' && target.file !== ':memory:' && !existsSync(target.file)) {
    throw new CommandFailed(`there is no database at ${relative(process.cwd(), target.file)}: start Herald, or run \`herald migrate\`, first`);
  }
  // The demo's outlets are its own: their feeds' addresses do not matter to a command.
  const catalog = demo ? demoCatalog(await loadDemoNews(), 'http://127.0.0.1') : undefined;
  const herald = await compose(config, { logger: options.logger ?? createLogger('silent'), databaseUrl: url, ...(catalog ? { catalog } : {}) });
  try {
    // Without DATABASE_URL, which file is read is not obvious (the default one, or the demo's).
    if (!config.databaseUrlGiven)
      io.stderr.write(`database: ${herald.database.target.provider} ${redactUrl(herald.database.target.url)}${note ? ` — ${note}` : ''}\n`);
    if (options.write) {
      await herald.database.exclusively(async () => {
        await herald.database.migrate();
        await herald.stores.catalog.sync(herald.catalog);
      });
    } else {
      const pending = await herald.database.pendingMigrations();
      if (pending === 'no schema') throw new CommandFailed('this database has no Herald tables yet: run `herald migrate`, or start Herald once');
      if (pending.length > 0)
        throw new CommandFailed(`this database is ${pending.length} migration(s) behind this Herald: run \`herald migrate\` (or start Herald) first`);
    }
    return await run(herald);
  } finally {
    await herald.close();
  }
}
