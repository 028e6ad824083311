// The web chat cannot be made to fill the database: new chats are limited per client address
// (429 with Retry-After over real HTTP) and in all, a button press makes no chat, and chats
// nobody typed in for a while are forgotten with everything about them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatRefused, WebChat } from '../../src/platforms/web/web-chat.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { WindowedCounter } from '../../src/core/limits/windowed-counter.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { PrismaChatLog } from '../../src/store/chat-log.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { startHttpServer, type RunningServer } from '../../src/http/server.ts';
import { webChatRoutes } from '../../src/platforms/web/web-chat.routes.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { defaults } from '../support/defaults.ts';

let testDb: TestDatabase;
let db: Database;
let targets: PrismaTargetRepository;
let conversation: Conversation;
const id = (n: number) => n.toString(16).padStart(32, '0');
const webChat = (perClient: number, maxChats: number) =>
  new WebChat({
    conversation,
    targets,
    log: new PrismaChatLog(db.prisma),
    limits: { newChats: new WindowedCounter({ max: perClient, windowMs: 3600_000 }), maxChats },
  });

beforeAll(async () => {
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  const catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  targets = new PrismaTargetRepository(db.prisma);
  conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: new PrismaPreferencesRepository(db.prisma),
    targets,
    digestCap: defaults.delivery.digestCap,
  });
});
afterAll(async () => {
  await db.close();
  await testDb.dispose();
});

describe('web chat limits', () => {
  let server: RunningServer;
  afterAll(() => server?.close(100));

  it('refuses new chats from one address over its hourly limit with 429, and old chats go on', async () => {
    const chat = webChat(3, 1000);
    server = await startHttpServer(
      createHttpApp({
        isReady: async () => true,
        logger: recordingLogger().logger,
        routes: [{ prefix: '/try', app: webChatRoutes({ chat, demo: false, openToAll: false }) }],
      }),
      { host: '127.0.0.1', port: 0 },
    );
    const say = (cookie: string, text: string) =>
      fetch(`http://127.0.0.1:${server.port}/try/say`, {
        method: 'POST',
        headers: { accept: 'application/json', cookie: `herald_try=${cookie}` },
        body: new URLSearchParams({ text }),
      });
    const before = await targets.count('web');
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) statuses.push((await say(id(n), '/help')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(await targets.count('web')).toBe(before + 3);
    const refused = await say(id(7), '/help');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(((await refused.json()) as { error: string }).error).toBe('Too many new chats from your address. Try again in 60 minutes.');
    // A chat that exists is no new chat.
    expect((await say(id(1), '/settings')).status).toBe(200);
    // Nothing was stored for the refused ones.
    expect(await db.prisma.webMessage.count({ where: { chatId: { in: [id(4), id(5), id(6), id(7)] } } })).toBe(0);
  });

  it('counts new chats asked for at the same moment, each against both limits', async () => {
    const perClient = webChat(2, 1000);
    const together = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => perClient.say(id(200 + n), '/help', '10.9.9.9')));
    expect(together.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(together.filter((r) => r.status === 'rejected' && r.reason instanceof ChatRefused)).toHaveLength(4);
    const full = webChat(100, (await targets.count('web')) + 2);
    const atOnce = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => full.say(id(300 + n), '/help', `10.8.8.${n}`)));
    expect(atOnce.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(2);
  });

  it('refuses a new chat when the web chat is full, from any address', async () => {
    const full = webChat(100, await targets.count('web'));
    await expect(full.say(id(50), '/help', '10.0.0.9')).rejects.toThrow(ChatRefused);
    await expect(full.say(id(50), '/help', '10.0.0.9')).rejects.toThrow('The web chat is full right now.');
    expect((await full.say(id(1), '/help', '10.0.0.9')).length).toBe(2); // an existing chat still answers
  });

  it('makes no chat from a button press', async () => {
    const chat = webChat(100, 1000);
    const before = await targets.count('web');
    expect(await chat.press(id(60), 1, 'cat:t:sports')).toBeUndefined();
    expect(await targets.count('web')).toBe(before);
  });

  it('forgets chats nobody typed in for the idle time, with their transcript and preferences', async () => {
    const chat = webChat(100, 1000);
    await chat.say(id(70), '/start', '10.0.0.1');
    await chat.say(id(71), '/start', '10.0.0.1');
    const old = new Date(Date.now() - 10 * 86_400_000);
    // Chat 70 was last used ten days ago; a digest was delivered to it since, which does not count.
    await db.prisma.target.updateMany({ where: { externalId: id(70) }, data: { createdAt: old } });
    await db.prisma.webMessage.updateMany({ where: { chatId: id(70) }, data: { createdAt: old } });
    await new PrismaChatLog(db.prisma).append(id(70), 'bot', 'delivery', { lines: ['A digest'] });
    await db.prisma.target.updateMany({ where: { externalId: id(71) }, data: { createdAt: old } }); // old, but typed in today
    const forgotten = await chat.expireIdle(new Date(Date.now() - 7 * 86_400_000));
    expect(forgotten).toBeGreaterThanOrEqual(1);
    expect(await targets.find({ platform: 'web', externalId: id(70) })).toBeNull();
    expect(await db.prisma.webMessage.count({ where: { chatId: id(70) } })).toBe(0);
    expect(await targets.find({ platform: 'web', externalId: id(71) })).not.toBeNull();
    expect(await db.prisma.webMessage.count({ where: { chatId: id(71) } })).toBeGreaterThan(0);
  });
});
