// Opens a Prisma client on the database a DATABASE_URL names, through the driver adapter for
// its provider. Both generated clients come from one model (prisma/models.prisma), so their
// model APIs are the same; the rest of the code sees one type, the SQLite client's, which is
// the smaller feature set of the two.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseTarget } from './database-url.ts';
import { guardSqlite } from './sqlite-guard.ts';
import { PrismaClient as PgClient } from './generated/postgres/client.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';

export type Db = SqliteClient;

export function createAdapterFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    // `timeout` is SQLite's busy timeout: wait out another writer instead of failing.
    return withSqliteBindLimit(new PrismaBetterSqlite3({ url: target.file, timeout: 5000 }));
  }
  // A server that drops packets never refuses: a query waits at most this long for a connection.
  return new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
}

/**
 * The better-sqlite3 adapter does not say how many values one statement may bind, so Prisma
 * assumes SQLite's old default of 999 and refuses larger queries, relation loads included
 * (a digest over 1,000 stories failed so). The SQLite in better-sqlite3 allows 32,766.
 */
const SQLITE_MAX_VARIABLES = 32_766;

function withSqliteBindLimit(inner: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const patch = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    const info = adapter.getConnectionInfo?.();
    adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, ...info, maxBindValues: SQLITE_MAX_VARIABLES });
    // One connection on one thread: see sqlite-guard.ts.
    return guardSqlite(adapter);
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => patch(inner.connect()),
    connectToShadowDb: () => patch(inner.connectToShadowDb()),
  };
}

export function createPrismaClient(target: DatabaseTarget): Db {
  const adapter = createAdapterFactory(target);
  if (target.provider === 'sqlite') return new SqliteClient({ adapter });
  return new PgClient({ adapter }) as unknown as Db;
}
