// Start never blocks on a server outside Herald. `herald start` with Telegram and Discord
// unreachable serves HTTP within seconds, says in /readyz and /status which platform is down
// and why, keeps a breaking story's message pending (no attempt burnt), and connects and
// delivers once the platforms come up. With PostgreSQL and Redis unreachable at start, it
// serves /healthz, says what it waits for, and starts once they answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase } from '../../src/store/database.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { postgres } from '../support/databases.ts';
import { makeTarget } from '../support/delivery-fixtures.ts';
import { cleanEnv } from '../support/herald-process.ts';
import { SMALL_CATALOG } from '../support/ingest-harness.ts';
import { freePort, relay } from '../support/net.ts';

const herald = join(import.meta.dirname, '..', '..', 'bin', 'herald.js');
const HOOK = 'hook-secret-for-the-unreachable-test';
const ADMIN = 'admin-token-for-the-unreachable-test';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the port once HTTP answers, however far the start has got. */
  port: Promise<number>;
  /** Resolves once the log has a line matching. */
  logged: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
}

function start(env: Record<string, string>): Started {
  const dir = mkdtempSync(join(tmpdir(), 'herald-unreachable-'));
  const child = spawn(process.execPath, [herald, 'start'], {
    cwd: dir,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', HERALD_DEMO: '0', HERALD_WEB_CHAT: '0', HERALD_CATALOG: SMALL_CATALOG, ...env }),
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const logged = async (pattern: RegExp, timeoutMs = 20_000) => {
    for (const until = Date.now() + timeoutMs; Date.now() < until;) {
      if (pattern.test(out)) return;
      if (child.exitCode !== null) throw new Error(`herald exited with ${child.exitCode}: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no log line ${pattern} in: ${out}`);
  };
  const port = logged(/"port":\d+,"msg":"http open; starting"/).then(() => Number(/"port":(\d+),"msg":"http open; starting"/.exec(out)![1]));
  return { child, output: () => out, port, logged };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Readiness = { status: string; reason?: string; platforms?: Record<string, { state: string; reason?: string }> };
const readyz = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { code: res.status, body: (await res.json()) as Readiness };
};

describe('herald start with the platforms unreachable', () => {
  it('serves HTTP at once, says which platform is down and why, keeps messages pending, and delivers when they come up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-unreachable-db-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const databaseUrl = `file:${join(dir, 'herald.db')}`;
    // A reader on Telegram, in Canada, already subscribed: the database as a running Herald left it.
    const db = await openDatabase(databaseUrl);
    await db.migrate();
    const catalog = await loadCatalog(SMALL_CATALOG);
    await new PrismaCatalogRepository(db.prisma).sync(catalog);
    const reader = await makeTarget(db.prisma, catalog, { externalId: '4242', country: 'CA', categories: ['national'] });
    await db.close(); // Herald migrates the file at start: nobody else may have it open then
    const telegramPort = await freePort();
    const discordPort = await freePort();

    const begun = Date.now();
    const herald = start({
      DATABASE_URL: databaseUrl,
      TELEGRAM_BOT_TOKEN: '123:UNREACHABLE',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramPort}`,
      DISCORD_BOT_TOKEN: 'discord-unreachable-token',
      DISCORD_APPLICATION_ID: '900000000000000001',
      DISCORD_API_BASE: `http://127.0.0.1:${discordPort}/api`,
      HERALD_HOOK_SECRET: HOOK,
      HERALD_ADMIN_TOKEN: ADMIN,
    });
    const port = await herald.port;
    await herald.logged(/"msg":"herald started"/);
    expect(Date.now() - begun).toBeLessThan(10_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const reading = await openDatabase(databaseUrl);
    cleanups.push(() => reading.close());

    // Both platforms are down, each with its reason; Herald is degraded, not unready.
    const down = await until('both platforms down', async () => {
      const r = await readyz(port);
      return r.body.platforms?.telegram?.state === 'down' && r.body.platforms?.discord?.state === 'down' ? r : undefined;
    });
    expect(down.code).toBe(200);
    expect(down.body.status).toBe('degraded');
    expect(down.body.platforms!.telegram!.reason).toMatch(/Telegram unreachable: .*ECONNREFUSED/);
    expect(down.body.platforms!.discord!.reason).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(down.body)).not.toContain('123:UNREACHABLE');
    const status = await (await fetch(`http://127.0.0.1:${port}/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    expect(status).toContain('<h2>Platforms</h2>');
    expect(status).toMatch(/<td>telegram<\/td><td class="unhealthy">down<\/td>/);

    // A breaking story for the reader: its message waits, pending, with no attempt burnt.
    const story = JSON.stringify({
      title: 'Ice storm closes schools across Ontario',
      url: 'https://operator.example/ice-storm',
      countries: ['CA'],
      categories: ['national'],
      language: 'en',
    });
    const pushed = await fetch(`http://127.0.0.1:${port}/hooks/breaking`, {
      method: 'POST',
      body: story,
      headers: { 'content-type': 'application/json', 'x-herald-signature': `sha256=${createHmac('sha256', HOOK).update(story).digest('hex')}` },
    });
    expect(pushed.status).toBe(202);
    const waiting = await until('the message to wait for Telegram', async () => {
      const row = await reading.prisma.outbox.findFirst({ where: { targetId: reader.id } });
      return row?.lastError ? row : undefined;
    });
    // Pending, or claimed by the one send that probes Telegram at that moment; never an attempt.
    const waitsForTelegram = (row: { status: string; attempts: number }) => {
      expect(['pending', 'sending']).toContain(row.status);
      expect(row.attempts).toBe(0);
    };
    waitsForTelegram(waiting);
    expect(waiting.lastError).toMatch(/Telegram unreachable/);
    await new Promise((r) => setTimeout(r, 3000));
    waitsForTelegram(await reading.prisma.outbox.findFirstOrThrow({ where: { targetId: reader.id } }));

    // The platforms come back: Herald connects to both and the message goes out.
    const telegram = await new FakeTelegramApi().start(telegramPort);
    cleanups.push(() => telegram.stop());
    const discord = await new FakeDiscordApi().start(discordPort);
    cleanups.push(() => discord.stop());
    const up = await until(
      'both platforms up',
      async () => {
        const r = await readyz(port);
        return r.body.status === 'ready' ? r : undefined;
      },
      90_000,
    );
    expect(up.body.platforms).toMatchObject({ telegram: { state: 'up' }, discord: { state: 'up' } });
    expect(telegram.calls.some((c) => c.method === 'setMyCommands')).toBe(true);
    expect(discord.identified).toBeGreaterThanOrEqual(1);
    const sent = await until(
      'the message sent',
      async () => {
        const row = await reading.prisma.outbox.findFirst({ where: { targetId: reader.id, status: 'sent' } });
        return row ?? undefined;
      },
      90_000,
    );
    expect(sent.attempts).toBe(0);
    expect(
      telegram
        .sent()
        .filter((c) => c.body.chat_id === '4242')
        .map((c) => String(c.body.text)),
    ).toEqual([expect.stringContaining('Ice storm closes schools across Ontario')]);
  }, 180_000);
});

describe.skipIf(postgres.skipReason)('herald start with PostgreSQL and Redis unreachable', () => {
  it('answers /healthz, says what it waits for, and starts once they answer', async () => {
    const testDb = await postgres.create();
    cleanups.push(() => testDb.dispose());
    const pg = new URL(testDb.url);
    const pgPort = await freePort();
    const redisPort = await freePort();
    const unreachable = new URL(testDb.url);
    unreachable.port = String(pgPort);
    unreachable.password = 'pg-secret-password';
    const herald = start({ DATABASE_URL: unreachable.toString(), REDIS_URL: `redis://:redis-secret-password@127.0.0.1:${redisPort}` });
    const port = await herald.port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const waitingDb = await readyz(port);
    expect(waitingDb).toMatchObject({ code: 503, body: { status: 'starting', reason: 'the database' } });
    await herald.logged(
      /database unreachable: PostgreSQL at postgres:\/\/postgres:\[redacted\]@127\.0\.0\.1:\d+\/\w+ cannot be reached: .*ECONNREFUSED.*; trying again in \d+ s/,
    );
    // A webhook arriving now is told to come back.
    expect((await fetch(`http://127.0.0.1:${port}/telegram/webhook`, { method: 'POST' })).status).toBe(503);

    const toPg = await relay(pgPort, { host: pg.hostname, port: Number(pg.port || 5432) });
    cleanups.push(() => toPg.close());
    await herald.logged(/"msg":"catalog synced"/, 40_000);
    await until('the wait for Redis', async () => ((await readyz(port)).body.reason === 'Redis' ? true : undefined));
    await herald.logged(/redis unreachable: Redis at redis:\/\/127\.0\.0\.1:\d+ cannot be reached/);
    const toRedis = await relay(redisPort, { host: '127.0.0.1', port: 6379 });
    cleanups.push(() => toRedis.close());
    await herald.logged(/"msg":"herald started"/, 40_000);
    expect((await readyz(port)).code).toBe(200);
    herald.child.kill('SIGTERM');
    await herald.logged(/"msg":"stopped"/);
    expect(herald.output()).not.toContain('pg-secret-password');
    expect(herald.output()).not.toContain('redis-secret-password');
  }, 120_000);
});
