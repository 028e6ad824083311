// Delivery as operators run it: `herald digest preview` and `herald digest send` on a SQLite
// file; and scale-out on PostgreSQL and Redis: two schedulers and BullMQ workers as separate
// processes, one worker killed in the middle of a fan-out, against a fake Bot API that counts
// every limit violation.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase } from '../../src/store/database.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { postgres, sqlite, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget } from '../support/delivery-fixtures.ts';
import { cleanEnv, runHerald } from '../support/herald-process.ts';

const root = join(import.meta.dirname, '..', '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function prepared(
  kind: typeof sqlite,
  setup: (db: Awaited<ReturnType<typeof openDatabase>>, catalog: Awaited<ReturnType<typeof loadCatalog>>) => Promise<void>,
): Promise<TestDatabase> {
  const testDb = await kind.create();
  cleanups.push(() => testDb.dispose());
  const db = await openDatabase(testDb.url);
  try {
    await db.migrate();
    const catalog = await loadCatalog();
    await new PrismaCatalogRepository(db.prisma).sync(catalog);
    await setup(db, catalog);
  } finally {
    await db.close();
  }
  return testDb;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('herald digest', () => {
  it('previews the digest of given preferences, as text and JSON, and refuses an unknown country', async () => {
    const recent = new Date(Date.now() - 3600_000);
    const testDb = await prepared(sqlite, async (db) => {
      await makeStory(db.prisma, { headline: 'Parliament passes data bill', sources: ['the-hindu', 'ndtv'], categories: ['national'], at: recent });
      await makeStory(db.prisma, { headline: 'Cricket final tonight', sources: ['the-hindu'], categories: ['sports'], at: recent });
    });
    const env = { DATABASE_URL: testDb.url };
    const text = await runHerald(['digest', 'preview', '--country', 'IN', '--category', 'national'], env, tempDir());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Digest for India · English · National \(primary source The Hindu\): 1 stories\n/);
    // The Hindu's own report leads: its headline, its link, its name.
    expect(text.stdout).toContain('• Parliament passes data bill (the-hindu) (The Hindu, +1 more sources)\n  https://the-hindu.example/');
    expect(text.stdout).not.toContain('Cricket');
    const json = JSON.parse(
      (await runHerald(['digest', 'preview', '--country', 'in', '--category', 'sports', '--language', 'en', '--json'], env, tempDir())).stdout,
    ) as { total: number; sections: { entries: { headline: string }[] }[] };
    expect(json.total).toBe(1);
    expect(json.sections[0]!.entries[0]!.headline).toBe('Cricket final tonight (the-hindu)');
    const bad = await runHerald(['digest', 'preview', '--country', 'Atlantis', '--category', 'national'], env, tempDir());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/I don't know the country "Atlantis"/);
    const nothing = await runHerald(['digest', 'preview', '--country', 'US', '--category', 'national'], env, tempDir());
    expect(nothing.stdout).toBe('Nothing new in the last 24 hours for United States · English · National.\n');
  });

  it("sends one target's digest now through its platform", async () => {
    const api = await new FakeTelegramApi().start();
    cleanups.push(() => api.stop());
    let targetId = 0;
    const testDb = await prepared(sqlite, async (db, catalog) => {
      targetId = (await makeTarget(db.prisma, catalog, { externalId: '9001', country: 'IN' })).id;
      await makeStory(db.prisma, { headline: 'Rupee hits a record', sources: ['the-hindu'], categories: ['national'], at: new Date(Date.now() - 600_000) });
    });
    const env = { DATABASE_URL: testDb.url, TELEGRAM_BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: api.apiRoot };
    const r = await runHerald(['digest', 'send', '--target', String(targetId)], env, tempDir());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`target ${targetId} (telegram): 1 stories, sent\n`);
    expect(String(api.sent()[0]!.body.text)).toContain('Rupee hits a record');
    const missing = await runHerald(['digest', 'send', '--target', '999999'], env, tempDir());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('herald digest send: There is no target 999999 with preferences.\n');
  });
});

const scaleOutSkip = postgres.skipReason ?? (process.env.REDIS_URL ? undefined : 'REDIS_URL is not set');

describe.skipIf(scaleOutSkip !== undefined)('scale-out on PostgreSQL and Redis', () => {
  it('two schedulers and BullMQ workers: a worker killed mid-fan-out loses nothing, no digest twice, no limit broken', async () => {
    const TARGETS = 240;
    const api = await new FakeTelegramApi().start();
    api.lean = true;
    api.limits = { perSecond: 100, perChatPerSecond: 1, perGroupPerMinute: 20 };
    cleanups.push(() => api.stop());
    const minute = new Date().toISOString().slice(11, 16);
    const testDb = await prepared(postgres, async (db, catalog) => {
      for (let i = 0; i < TARGETS; i++)
        await makeTarget(db.prisma, catalog, { externalId: String(10_000 + i), country: 'IN', timezone: 'UTC', digestTime: minute, categories: ['national'] });
      await makeStory(db.prisma, { headline: 'Morning news', sources: ['the-hindu'], categories: ['national'], at: new Date(Date.now() - 3600_000) });
    });
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_PREFIX: `herald-test-${process.pid}-${Date.now()}`,
      TELEGRAM_BOT_TOKEN: '123:TEST',
      TELEGRAM_API_ROOT: api.apiRoot,
      // 80 % of what the fake enforces: the headroom absorbs this busy test machine's stalls
      // (a send that leaves late after taking its slot). The benchmark measures the tight case.
      TELEGRAM_MESSAGES_PER_SECOND: '80',
      DELIVERY_LEASE_SECONDS: '3',
      DELIVERY_CONCURRENCY: '8',
      LOG_LEVEL: 'warn',
    };
    const processes: ChildProcess[] = [];
    const start = (role: string) => {
      const child = spawn(process.execPath, [join(root, 'bin', 'herald.js'), 'start', '--role', role], {
        cwd: tempDir(),
        env: cleanEnv(env),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      processes.push(child);
      return child;
    };
    cleanups.push(() =>
      Promise.all(
        processes.map(
          (p) =>
            new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : (p.once('exit', () => resolve()), p.kill('SIGTERM')))),
        ),
      ).then(() => undefined),
    );
    const total = () => [...api.delivered.values()].reduce((a, b) => a + b, 0);
    const waitFor = async (ok: () => boolean, ms: number, what: string) => {
      for (const end = Date.now() + ms; Date.now() < end;) {
        if (ok()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what} (delivered ${total()} to ${api.delivered.size} chats)`);
    };

    // Two schedulers at once: every chat gets its digest exactly once.
    start('scheduler');
    start('scheduler');
    const doomed = start('worker');
    start('worker');
    await waitFor(() => api.delivered.size === TARGETS, 60_000, 'a digest in every chat');
    await new Promise((r) => setTimeout(r, 3000)); // a second copy would arrive by now
    expect(total()).toBe(TARGETS);
    expect(api.sent().every((c) => String(c.body.text).startsWith('<b>Your daily National digest</b>'))).toBe(true);

    // A story breaks; a worker is killed in the middle of its fan-out and another starts.
    const db = await openDatabase(testDb.url);
    await makeStory(db.prisma, {
      headline: 'Bridge collapse',
      sources: ['the-hindu', 'ndtv', 'news18'],
      categories: ['national'],
      at: new Date(),
      breaking: true,
    });
    await db.close();
    await waitFor(() => total() >= TARGETS + TARGETS / 3, 60_000, 'a third of the fan-out');
    doomed.kill('SIGKILL');
    start('worker');
    await waitFor(() => [...api.delivered.values()].every((n) => n >= 2), 90_000, 'the breaking story in every chat');
    await new Promise((r) => setTimeout(r, 4000)); // anything late would show now

    const duplicates = total() - 2 * TARGETS;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(8); // at most the sends in flight in the killed worker
    expect(api.violations).toEqual({ global: 0, chat: 0, group: 0 });
  }, 200_000);
});
