// The architecture's boundaries are enforced by lint, not by habit: these imports must be
// refused, and the tree as it stands must pass. A cycle made only of type imports counts.
import { ESLint } from 'eslint';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/**
 * The rules `code` breaks as the file `file` (its folder decides which rules apply). Written
 * to disk under a name of its own for the moment: type-aware rules read real files only.
 */
async function rulesBroken(code: string, file: string): Promise<string[]> {
  const path = join(root, file.replace(/x\.ts$/, `lint-probe-${randomUUID().slice(0, 8)}.ts`));
  writeFileSync(path, `// Probe.\n${code}`);
  try {
    const [result] = await eslint.lintFiles([path]);
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  } finally {
    rmSync(path, { force: true });
  }
}

describe('layer boundaries', () => {
  it.each([
    ["import { Bot } from 'grammy';", 'src/core/x.ts'],
    ["import { Client } from 'discord.js';", 'src/core/delivery/x.ts'],
    ["import { PrismaClient } from '@prisma/client';", 'src/core/x.ts'],
    ["import pg from 'pg';", 'src/core/x.ts'],
    ["import { REST } from '@discordjs/rest';", 'src/ingest/x.ts'],
    ["import { Hono } from 'hono';", 'src/ingest/x.ts'],
    ["import { serve } from '@hono/node-server';", 'src/core/x.ts'],
  ])('refuses %s in %s', async (code, file) => {
    expect(await rulesBroken(`${code}\nexport const used = 1;\n`, file)).toContain('no-restricted-imports');
  });

  it.each([
    ["import { loadConfig } from '../config.ts';", 'src/core/x.ts'],
    ["import { openDatabase } from '../store/database.ts';", 'src/core/x.ts'],
    ["import { telegram } from '../platforms/telegram/index.ts';", 'src/http/x.ts'],
    ["import { discord } from '../discord/index.ts';", 'src/platforms/telegram/x.ts'],
    ["import { compose } from '../app/compose.ts';", 'src/store/x.ts'],
    ["import { COMMANDS } from '../conversation/commands.ts';", 'src/core/digest/x.ts'],
  ])('refuses %s in %s', async (code, file) => {
    expect(await rulesBroken(`${code}\nexport const c = 1;\n`, file)).toContain('import-x/no-restricted-paths');
  });

  it('allows core inside a platform folder', async () => {
    expect(await rulesBroken("import { en } from '../../core/i18n/messages.ts';\nexport const m = en;\n", 'src/platforms/telegram/x.ts')).toEqual([]);
  });
});

describe('cycles and promises', () => {
  const dir = join(root, 'src', 'core', 'lint-fixture-tmp');
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.ts'), "// Fixture.\nimport type { B } from './b.ts';\nexport interface A {\n  b?: B;\n}\n");
    writeFileSync(join(dir, 'b.ts'), "// Fixture.\nimport type { A } from './a.ts';\nexport interface B {\n  a?: A;\n}\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a cycle of type imports only', async () => {
    const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
    expect(result!.messages.map((m) => m.ruleId)).toContain('herald/no-cycle');
  });

  it('refuses a promise nobody awaits or catches', async () => {
    expect(await rulesBroken('export async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n', 'src/core/x.ts')).toContain(
      '@typescript-eslint/no-floating-promises',
    );
  });
});
