// One open database: the Prisma client, its migrations, a readiness probe and a clean close.
// The composition root opens one of these and hands its repositories to the services.
import pg from 'pg';
import { isNetworkError } from '../core/net-errors.ts';
import { parseDatabaseUrl, redactUrl, type DatabaseTarget } from './database-url.ts';
import { applyMigrations, pendingMigrations } from './migrations.ts';
import { createPrismaClient, type Db } from './prisma-client.ts';

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: Db;
  /**
   * Resolves once the server answers. Throws DatabaseUnreachable while it cannot be reached
   * (worth waiting for), or the server's refusal (a wrong password, no such database).
   */
  reach(): Promise<void>;
  /**
   * Runs `work` while no other Herald process does the same (on PostgreSQL, under an advisory
   * lock): two roles starting at once then migrate and sync the catalog one after the other.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Applies committed migrations not yet applied; returns their names. */
  migrate(): Promise<string[]>;
  /**
   * The committed migrations this database has not applied, read without the schema engine
   * (which would wait for a running server's lock); 'no schema' when it has none of Herald's tables.
   */
  pendingMigrations(): Promise<string[] | 'no schema'>;
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The database server cannot be reached now (refused, unresolvable, timed out, starting up). */
export class DatabaseUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachable';
  }
}

/** pg_advisory_lock's key for start-up work: any fixed number, the same in every process. */
const STARTUP_LOCK = 4_842_771_206;
const CONNECT_TIMEOUT_MS = 10_000;
/** PostgreSQL says it cannot take connections yet (starting up, shutting down, recovering). */
const NOT_YET = new Set(['57P03', '57P01', '57P02']);

export async function openDatabase(url: string): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const prisma = createPrismaClient(target);
  const connect = async () => {
    const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('error', () => undefined); // a connection dropped mid-wait: the query says so
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (isNetworkError(error) || (code && NOT_YET.has(code)) || /timeout/i.test((error as Error).message)) {
        throw new DatabaseUnreachable(`PostgreSQL at ${redactUrl(target.url)} cannot be reached: ${(error as Error).message || code}`);
      }
      throw error;
    }
    return client;
  };
  return {
    target,
    prisma,
    async reach() {
      if (target.provider !== 'postgres') return;
      await (await connect()).end();
    },
    async exclusively(work) {
      if (target.provider !== 'postgres') return work();
      const client = await connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
        await client.end().catch(() => undefined);
      }
    },
    async migrate() {
      // The schema engine goes first: a query through the client before it (even a PRAGMA)
      // leaves an existing SQLite file busy for the engine's own connection.
      // Nothing to apply: no schema engine, whose exclusive lock a running Herald would refuse.
      const inMemory = target.provider === 'sqlite' && target.file === ':memory:';
      const pending = inMemory ? 'no schema' : await pendingMigrations(target);
      const applied = pending === 'no schema' || pending.length > 0 ? await applyMigrations(target) : [];
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
    pendingMigrations: () => pendingMigrations(target),
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
