// The committed migrations hold the whole model: Prisma's schema engine diffs
// prisma/models.prisma against each provider's migrations and must find nothing missing. A
// model change without `npm run db:migration -- <name>` fails here, not on someone's database.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('the committed migrations', () => {
  it('hold every change of the model, on SQLite and PostgreSQL', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin', 'dev.js'), join(root, 'scripts', 'new-migration.ts'), '--check'], {
      cwd: root,
      timeout: 60_000,
    });
    expect(stdout).toBe('sqlite: no changes\npostgres: no changes\n');
  });

  it('refuse a name that is not snake case, writing nothing', async () => {
    const run = promisify(execFile)(process.execPath, [join(root, 'bin', 'dev.js'), join(root, 'scripts', 'new-migration.ts'), 'Add Thing'], { cwd: root });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run db:migration') });
  });
});
