// POST /hooks/breaking over real HTTP: signature (401), field errors (400), size (413), and a
// signed push that reaches the matching targets' chats through fan-out, the outbox and the
// real Telegram messenger against the fake Bot API.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { breakingHookRoutes } from '../../src/http/breaking-hook.routes.ts';
import { startHttpServer, type RunningServer } from '../../src/http/server.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { makeTarget } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';

const SECRET = 'operator-hook-secret-0123456789';
let testDb: TestDatabase;
let db: Database;
let server: RunningServer;
let api: FakeTelegramApi;
let worker: OutboxWorker;

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
async function push(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const res = await fetch(`http://127.0.0.1:${server.port}/hooks/breaking`, {
    method: 'POST',
    body,
    headers: headers ?? { 'content-type': 'application/json', 'x-herald-signature': sign(body) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const story = {
  title: 'Cyclone makes landfall near Chennai',
  url: 'https://operator.example/cyclone',
  summary: 'Evacuations under way.',
  countries: ['IN'],
  categories: ['national'],
  language: 'en',
};

beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  const catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  await makeTarget(db.prisma, catalog, { externalId: '8001', country: 'IN', categories: ['national'] });
  await makeTarget(db.prisma, catalog, { externalId: '8002', country: 'IN', categories: ['sports'] });
  await makeTarget(db.prisma, catalog, { externalId: '8003', country: 'US' });
  const log = recordingLogger().logger;
  const outbox = new PrismaOutboxRepository(db.prisma);
  const audience = new PrismaAudienceRepository(db.prisma);
  const deliverer = new Deliverer({
    outbox,
    messengers: { telegram: TelegramMessenger.create('123:TEST', api.apiRoot) },
    targets: new PrismaTargetRepository(db.prisma),
    budget: new MemorySendBudget(budgetLimits()),
    logger: log,
    clock: systemClock,
    options: deliveryOptions,
  });
  worker = new OutboxWorker({ outbox, deliverer, logger: log, clock: systemClock }, { batch: 50, concurrency: 4, idleMs: 50 });
  worker.start();
  const fanout = new BreakingFanout(
    { stories: audience, audience, outbox, catalog, logger: log, clock: systemClock, onQueued: () => worker.wake() },
    { capPerHour: defaults.delivery.breakingCapPerHour },
  );
  const routes = [
    {
      prefix: '/hooks',
      app: breakingHookRoutes({
        secret: SECRET,
        catalog,
        stories: new PrismaStoryRepository(db.prisma),
        logger: log,
        afterPush: async () => void (await fanout.run()),
      }),
    },
  ];
  server = await startHttpServer(createHttpApp({ isReady: async () => true, logger: log, routes }), { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close(1000);
  await worker.stop();
  await api.stop();
  await db.close();
  await testDb.dispose();
});

describe('POST /hooks/breaking', () => {
  it('refuses a missing or wrong signature with 401', async () => {
    const body = JSON.stringify(story);
    expect((await push(body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await push(body, { 'x-herald-signature': sign(body, 'another-secret-of-16+') })).status).toBe(401);
    expect((await push(body, { 'x-herald-signature': 'sha256=zz' })).status).toBe(401);
    expect((await push(body, { 'x-herald-signature': sign(`${body} `) })).status).toBe(401);
  });

  it('answers 400 with every field error, and 413 when too large', async () => {
    const bad = await push({ title: '', url: 'ftp://x', countries: [], categories: [''], language: '', imageUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as string[]).map((f) => f.split(':')[0]).sort()).toEqual(['categories.0', 'countries', 'imageUrl', 'language', 'title', 'url']);
    const unknown = await push({ ...story, countries: ['ZZ'], categories: ['weather'], source: 'nobody', language: 'klingon' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([
      'countries.0: unknown country "ZZ"',
      'categories.0: unknown category "weather"',
      'language: unknown language "klingon"',
      'source: unknown source "nobody"',
    ]);
    // A near miss is answered with the names it may have meant.
    const near = await push({ ...story, source: 'The Hindoo', countries: ['Indai'] });
    expect(near.body.fields).toEqual([
      'countries.0: unknown country "Indai"; did you mean India?',
      'source: unknown source "The Hindoo"; did you mean The Hindu?',
    ]);
    expect((await push('not json')).status).toBe(400);
    expect((await push({ ...story, summary: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('stores a signed story and delivers it once to each matching target', async () => {
    const first = await push(story);
    expect(first.status).toBe(202);
    expect(first.body.created).toBe(true);
    const again = await push(story);
    expect(again).toEqual({ status: 200, body: { story: first.body.story, created: false } });
    for (let i = 0; i < 100 && !api.delivered.has('8001'); i++) await new Promise((r) => setTimeout(r, 20));
    const sent = api.sent().filter((c) => c.body.chat_id === '8001');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.text)).toContain('Cyclone makes landfall near Chennai');
    expect(String(sent[0]!.body.text)).toContain('https://operator.example/cyclone');
    expect(api.delivered.has('8002')).toBe(false); // sports only
    expect(api.delivered.has('8003')).toBe(false); // another country
  });

  it('cleans what an operator sends: control characters go, invalid or invisible text is refused', async () => {
    const dirty = await push({
      ...story,
      url: 'https://operator.example/dirty',
      title: 'Flood\u0000 warning\u001b[31m for\nthe \u202Edelta',
      summary: 'Rivers\u0007 rising.',
    });
    expect(dirty.status).toBe(202);
    const row = await db.prisma.story.findUniqueOrThrow({ where: { id: dirty.body.story as number } });
    expect(row.headline).toBe('Flood warning[31m for the delta');
    expect(row.summary).toBe('Rivers rising.');
    const lone = await push({ ...story, url: 'https://operator.example/lone', title: 'Broken \ud800 text' });
    expect(lone).toMatchObject({ status: 400, body: { fields: ['title: is not valid Unicode text (it holds a lone surrogate)'] } });
    const invisible = await push({ ...story, url: 'https://operator.example/zw', title: '\u200b\u200c\u2060\ufeff\u3164', summary: '\u200b' });
    expect(invisible).toMatchObject({ status: 400, body: { fields: ['title: has no visible character', 'summary: has no visible character'] } });
    expect(await db.prisma.story.count({ where: { url: { in: ['https://operator.example/lone', 'https://operator.example/zw'] } } })).toBe(0);
  });

  it("takes a source by id or by the outlet's name in any case, countries and categories by name, and an image", async () => {
    const named = await push({
      ...story,
      url: 'https://operator.example/named',
      source: 'the HINDU',
      countries: ['india'],
      categories: ['National'],
      language: 'English',
      imageUrl: 'https://operator.example/flood.jpg',
    });
    expect(named.status, JSON.stringify(named.body)).toBe(202);
    const row = await db.prisma.story.findUniqueOrThrow({ where: { id: named.body.story as number } });
    expect(row).toMatchObject({
      outlets: 'the-hindu',
      countries: 'IN',
      categories: 'national',
      languageCode: 'en',
      imageUrl: 'https://operator.example/flood.jpg',
    });
    const byId = await push({ ...story, url: 'https://operator.example/by-id', source: 'the-hindu' });
    expect(byId.status).toBe(202);
  });
});
