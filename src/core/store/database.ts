// One open database: the Prisma client, its migrations, a readiness probe and a clean close.
// The composition root opens one of these and hands its repositories to the services.
import { parseDatabaseUrl, type DatabaseTarget } from './database-url.ts';
import { applyMigrations } from './migrations.ts';
import { createPrismaClient, type Db } from './prisma-client.ts';

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: Db;
  /** Applies committed migrations not yet applied; returns their names. */
  migrate(): Promise<string[]>;
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(url: string): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const prisma = createPrismaClient(target);
  return {
    target,
    prisma,
    async migrate() {
      // The schema engine goes first: a query through the client before it (even a PRAGMA)
      // leaves an existing SQLite file busy for the engine's own connection.
      const applied = await applyMigrations(target);
      if (target.provider === 'sqlite' && target.file !== ':memory:') {
        // WAL lets readers (web) go on while a writer (ingest) commits; with WAL,
        // synchronous=NORMAL is SQLite's own advice: no corruption on a crash, only the last
        // commits may be lost on power loss, and no fsync per commit. better-sqlite3 already
        // enforces foreign keys, which the cascading deletes rely on.
        await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
        await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
      }
      return applied;
    },
    async ping() {
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => prisma.$disconnect(),
  };
}
