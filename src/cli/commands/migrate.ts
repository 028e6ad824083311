// `herald migrate`: applies the committed migrations to DATABASE_URL (start does this too).
import { loadConfig } from '../../config.ts';
import { redactUrl } from '../../store/database-url.ts';
import { openDatabase } from '../../store/database.ts';
import type { Command } from '../command.ts';
import { databaseFor } from '../open-herald.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations to DATABASE_URL',
  async run(_args, io) {
    const database = await openDatabase(databaseFor(loadConfig(io.env)).url);
    try {
      const where = `${database.target.provider} ${redactUrl(database.target.url)}`;
      // Nothing to apply: say so without the schema engine, which would wait on a running server's lock.
      const pending = await database.pendingMigrations();
      if (Array.isArray(pending) && pending.length === 0) {
        io.stdout.write(`${where}: up to date\n`);
        return 0;
      }
      const applied = await database.exclusively(() => database.migrate());
      io.stdout.write(
        applied.length === 0 ? `${where}: up to date\n` : `${where}: applied ${applied.length} migration(s)\n${applied.map((n) => `  ${n}\n`).join('')}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
