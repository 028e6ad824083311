// Writes the SQL of a new migration for every provider: the difference between the schema
// the last migration was made from (prisma/migrations/<provider>/schema.snapshot.prisma) and
// prisma/models.prisma now. Needs no database, so it works offline and without PostgreSQL.
// Usage: npm run db:migration -- <name_in_snake_case>
//        npm run db:migration -- --check   (writes nothing; exits 1 when a migration is missing)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchema } from './prisma-generate.js';
import { parseDatabaseUrl } from '../src/store/database-url.ts';
import { createAdapterFactory } from '../src/store/prisma-client.ts';
import { migrationsDir } from '../src/store/migrations.ts';
import { NO_FILTERS, withSchemaEngine } from '../src/store/schema-engine.ts';

const name = process.argv[2];
const check = name === '--check';
if (!name || (!check && !/^[a-z0-9_]+$/.test(name))) {
  console.error('usage: npm run db:migration -- <name_in_snake_case> | --check');
  process.exit(2);
}
let behind = 0;
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
// The engine wants an adapter even for a schema-to-schema diff; it never touches this one.
const scratch = createAdapterFactory(parseDatabaseUrl('file::memory:'));

for (const provider of ['sqlite', 'postgres'] as const) {
  const dir = migrationsDir(provider);
  const snapshotPath = join(dir, 'schema.snapshot.prisma');
  const next = renderSchema(provider);
  const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
  const { stdout } = await withSchemaEngine(snapshotPath, next, scratch, (engine) =>
    engine.diff({
      from: previous === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: previous }] },
      to: { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: next }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = stdout ?? '';
  if (sql.trim() === '' || sql.includes('This is an empty migration')) {
    console.log(`${provider}: no changes`);
    continue;
  }
  if (check) {
    behind++;
    console.log(`${provider}: the model has changes no migration holds; run npm run db:migration -- <name>\n${sql}`);
    continue;
  }
  mkdirSync(join(dir, `${stamp}_${name}`), { recursive: true });
  writeFileSync(join(dir, `${stamp}_${name}`, 'migration.sql'), sql);
  writeFileSync(snapshotPath, next);
  writeFileSync(join(dir, 'migration_lock.toml'), `# Written by scripts/new-migration.ts\nprovider = "${provider === 'postgres' ? 'postgresql' : 'sqlite'}"\n`);
  console.log(`${provider}: wrote ${join(dir, `${stamp}_${name}`, 'migration.sql')}`);
}
if (behind > 0) process.exit(1);
