// `herald migrate`: applies the committed migrations to DATABASE_URL (start does this too).
import { loadConfig } from '../../config.ts';
import { redactUrl } from '../../store/database-url.ts';
import { openDatabase } from '../../store/database.ts';
import type { Command } from '../command.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations to DATABASE_URL',
  async run(_args, io) {
    const config = loadConfig(io.env);
    const database = await openDatabase(config.databaseUrl);
    try {
      const applied = await database.migrate();
      const where = `${database.target.provider} ${redactUrl(database.target.url)}`;
      io.stdout.write(
        applied.length === 0
          ? `${where}: up to date\n`
          : `${where}: applied ${applied.length} migration(s)\n${applied.map((n) => `  ${n}\n`).join('')}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
