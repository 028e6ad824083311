// Configuration: defaults that run with nothing set, and every bad key in one error that
// never repeats a value (it may be a secret).
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, loadConfig, secretsOf } from '../../src/config.ts';

describe('loadConfig', () => {
  it('runs on defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('file:./data/herald.db');
    expect(c.http).toEqual({ host: '0.0.0.0', port: 3000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
    expect(c.telegram).toEqual({
      token: undefined,
      apiRoot: 'https://api.telegram.org',
      webhookSecret: undefined,
      rates: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
    });
    expect(c.discord.apiBase).toBe('https://discord.com/api');
    expect(c.catalogFile).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', TELEGRAM_BOT_TOKEN: '  ' }).telegram.token).toBeUndefined();
  });

  it('reads PostgreSQL URLs, ports and the operator catalog', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/herald', PORT: '8080', HERALD_CATALOG: '/etc/herald/catalog.yaml' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u:p@db:5432/herald', http: { port: 8080 }, catalogFile: '/etc/herald/catalog.yaml' });
  });

  it('reports every bad key at once, without their values', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://root:hunter2@db/herald',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        TELEGRAM_WEBHOOK_SECRET: 'has spaces hunter2',
        DISCORD_PUBLIC_KEY: 'hunter2',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'DISCORD_PUBLIC_KEY', 'LOG_LEVEL', 'PORT', 'TELEGRAM_WEBHOOK_SECRET']);
    expect((error as Error).message).toMatch(/^Invalid configuration \(5 problems\)/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('needs the Discord application id with a token, and a token with a public key', () => {
    expect(() => loadConfig({ DISCORD_BOT_TOKEN: 'secret-token' })).toThrow(/DISCORD_APPLICATION_ID: required when DISCORD_BOT_TOKEN is set/);
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64) })).toThrow(/DISCORD_BOT_TOKEN: required when DISCORD_PUBLIC_KEY is set/);
    expect(loadConfig({ DISCORD_BOT_TOKEN: 'secret-token', DISCORD_APPLICATION_ID: '1' }).discord).toMatchObject({
      token: 'secret-token',
      applicationId: '1',
      publicKey: undefined,
    });
  });

  it('derives the Telegram webhook secret from the token when none is set, the same every time', () => {
    const derived = loadConfig({ TELEGRAM_BOT_TOKEN: '123:ABC' }).telegram.webhookSecret;
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:ABC' }).telegram.webhookSecret).toBe(derived);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:ABC', TELEGRAM_WEBHOOK_SECRET: 'mine' }).telegram.webhookSecret).toBe('mine');
  });

  it('lists every secret it holds, passwords in URLs included', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '123:TOKEN',
      DISCORD_BOT_TOKEN: 'discord-token',
      DISCORD_APPLICATION_ID: '1',
      HERALD_HOOK_SECRET: 'hook-secret-0123456789',
      HERALD_ADMIN_TOKEN: 'admin-token-0123456789',
      DATABASE_URL: 'postgres://herald:pg%40pass@db/herald',
      REDIS_URL: 'redis://:redis-pass@cache:6379',
    });
    expect(secretsOf(c)).toEqual([
      '123:TOKEN',
      c.telegram.webhookSecret,
      'discord-token',
      'hook-secret-0123456789',
      'admin-token-0123456789',
      'pg@pass',
      'redis-pass',
    ]);
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });

  it('documents every key in .env.example', async () => {
    const { readFileSync } = await import('node:fs');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_KEYS.filter((k) => !documented.has(k))).toEqual([]);
  });
});
