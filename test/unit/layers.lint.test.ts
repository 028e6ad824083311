// The architecture's import boundaries are enforced by lint, not by habit: these imports
// must be refused, and the tree as it stands must pass.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesBroken(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer boundaries', () => {
  it.each([
    ["import { Bot } from 'grammy';", 'src/core/x.ts'],
    ["import { Client } from 'discord.js';", 'src/core/delivery/x.ts'],
    ["import { REST } from '@discordjs/rest';", 'src/ingest/x.ts'],
    ["import { Hono } from 'hono';", 'src/ingest/x.ts'],
    ["import { serve } from '@hono/node-server';", 'src/core/x.ts'],
  ])('refuses %s in %s', async (code, file) => {
    expect(await rulesBroken(`${code}\nexport const used = 1;\n`, file)).toContain('no-restricted-imports');
  });

  it('refuses outer layers inside core', async () => {
    expect(await rulesBroken("import { loadConfig } from '../config.ts';\nexport const c = loadConfig;\n", 'src/core/x.ts')).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('allows core inside a bot folder', async () => {
    expect(await rulesBroken("import { en } from '../../core/i18n/messages.en.ts';\nexport const m = en;\n", 'src/bots/telegram/x.ts')).toEqual([]);
  });
});
