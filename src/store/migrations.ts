// The committed migrations of one provider (prisma/migrations/<provider>/<timestamp>_<name>/
// migration.sql), read into the list Prisma's schema engine takes, and applied exactly as
// `prisma migrate deploy` would: recorded in _prisma_migrations, each applied once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { redactUrl, type DatabaseTarget } from './database-url.ts';
import { createAdapterFactory } from './prisma-client.ts';
import { DatabaseBusy, NO_FILTERS, withSchemaEngine, type EngineLog } from './schema-engine.ts';
import { projectRoot } from '../core/project-root.ts';

export function migrationsDir(provider: DatabaseTarget['provider']): string {
  return join(projectRoot, 'prisma', 'migrations', provider);
}

function schemaPath(provider: DatabaseTarget['provider']): string {
  return join(projectRoot, 'prisma', 'generated', `${provider}.prisma`);
}

function readMigrations(provider: DatabaseTarget['provider']): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = join(baseDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file) ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') } : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/**
 * A database whose history holds migrations this Herald does not have: made by a pre-release
 * Herald (whose migrations were squashed into one baseline) or by a newer one. Applying the
 * baseline over it would fail halfway, so nothing is applied and the operator is told why.
 */
class ForeignMigrations extends Error {
  constructor(foreign: string[], baseline: string) {
    super(
      `this database holds ${foreign.length} migration(s) this Herald does not know (${foreign[0]}${foreign.length > 1 ? ', …' : ''}): ` +
        `it was made by a pre-release or a newer Herald, and this one's history starts at ${baseline}; move it aside or use a new database, and Herald makes a fresh one`,
    );
    this.name = 'ForeignMigrations';
  }
}

/**
 * The committed migrations not yet applied (or failed), or 'no schema' when the database has
 * none of Herald's tables. Read through a connection of its own, closed before this returns:
 * on SQLite the schema engine locks the file exclusively (PRAGMA locking_mode=EXCLUSIVE), so
 * it is started only when there is something to apply.
 */
export async function pendingMigrations(target: DatabaseTarget): Promise<string[] | 'no schema'> {
  const names = readMigrations(target.provider).migrationDirectories.map((d) => d.path);
  const adapter = await createAdapterFactory(target).connect();
  try {
    const { rows } = await adapter.queryRaw({ sql: 'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations', args: [], argTypes: [] });
    const done = new Set(rows.filter((r) => r[1] !== null && r[2] === null).map((r) => String(r[0])));
    const failed = rows.filter((r) => r[1] === null && r[2] === null).map((r) => String(r[0]));
    const foreign = [...done].filter((n) => !names.includes(n));
    if (foreign.length > 0) throw new ForeignMigrations(foreign, names[0] ?? 'none');
    return [...new Set([...names.filter((n) => !done.has(n)), ...failed])];
  } catch (error) {
    if ((error as { cause?: { kind?: string } }).cause?.kind === 'TableDoesNotExist') return 'no schema';
    throw error;
  } finally {
    await adapter.dispose();
  }
}

/** Applies every committed migration not yet applied; returns the names it applied. */
export async function applyMigrations(target: DatabaseTarget, log?: EngineLog): Promise<string[]> {
  const path = schemaPath(target.provider);
  const { appliedMigrationNames } = await withSchemaEngine(
    path,
    readFileSync(path, 'utf8'),
    createAdapterFactory(target),
    (engine) => engine.applyMigrations({ migrationsList: readMigrations(target.provider), filters: NO_FILTERS }),
    log,
  ).catch((error: unknown) => {
    if (error instanceof DatabaseBusy) throw new DatabaseBusy(`cannot migrate ${redactUrl(target.url)}: it ${error.message}`);
    throw error;
  });
  return appliedMigrationNames;
}
