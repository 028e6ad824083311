// The databases a repository suite runs on: a fresh SQLite file always, and a fresh
// PostgreSQL database (created and dropped around the suite) when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'sqlite' | 'postgres';
  /** Why the kind is skipped on this run, if it is. */
  skipReason: string | undefined;
  create(): Promise<TestDatabase>;
}

export const sqlite: DatabaseKind = {
  name: 'sqlite',
  skipReason: undefined,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'herald-test-'));
    return { url: `file:${join(dir, 'herald.db')}`, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

/** Fresh PostgreSQL databases made through the server at `adminUrl` (the benchmarks use it too). */
export function postgresAt(adminUrl: string | undefined): DatabaseKind {
  return {
    name: 'postgres',
    skipReason: adminUrl ? undefined : 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
    async create() {
      const name = `herald_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl!);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        async dispose() {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    },
  };
}

export const postgres = postgresAt(process.env.TEST_DATABASE_URL);

export const databaseKinds = [sqlite, postgres];
