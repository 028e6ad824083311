// No secret leaks: each platform failing at the network level, with a 4xx and with a 5xx, as
// delivery and the Telegram inbox meet it, on a real SQLite file with the real pino logger.
// Afterwards no byte of the database, no status page and no captured log line holds a token.
import { readFileSync, existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Api, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { createTelegramBot, telegramUpdateHandler } from '../../src/platforms/telegram/telegram-bot.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { loadConfig, secretsOf } from '../../src/config.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import type { Messenger } from '../../src/core/delivery/messenger.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { InboxProcessor } from '../../src/core/inbox/inbox-processor.ts';
import type { Logger } from '../../src/core/logger.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { Redactor } from '../../src/core/redact.ts';
import { WindowedCounter } from '../../src/core/limits/windowed-counter.ts';
import { PrismaAdminSessionRepository } from '../../src/store/admin-sessions.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaInboxRepository } from '../../src/store/inbox.store.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStatusSource } from '../../src/store/status.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { statusRoutes } from '../../src/http/status/status.routes.ts';
import { createLogger } from '../../src/logging.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { makeTarget } from '../support/delivery-fixtures.ts';
import { freePort } from '../support/net.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';

const TELEGRAM_TOKEN = '987654321:AAH-very-secret-telegram-token-xyz123';
const DISCORD_TOKEN = 'MTk4NjIy.discord-very-secret-token.abcdef123456';
const ADMIN = 'admin-token-for-the-redaction-test';
const config = loadConfig({
  TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
  DISCORD_BOT_TOKEN: DISCORD_TOKEN,
  DISCORD_APPLICATION_ID: '900000000000000001',
  HERALD_ADMIN_TOKEN: ADMIN,
  HERALD_HOOK_SECRET: 'hook-secret-for-the-redaction-test',
  DATABASE_URL: 'postgres://herald:db-password-42@db.internal/herald',
  REDIS_URL: 'redis://:redis-password-42@cache.internal:6379',
});
const SECRETS = secretsOf(config);

let testDb: TestDatabase;
let db: Database;
let catalog: Catalog;
let telegram: FakeTelegramApi;
let discord: FakeDiscordApi;
/** A port nothing listens on: connection refused. */
let closedPort: number;
const logLines: string[] = [];
let logger: Logger;

/** Every secret, as itself and in the forms a log or a row could hold it. */
function leaks(text: string): string[] {
  return SECRETS.flatMap((s) => [s, encodeURIComponent(s)]).filter((form) => text.includes(form));
}

beforeAll(async () => {
  telegram = await new FakeTelegramApi().start();
  discord = await new FakeDiscordApi().start();
  closedPort = await freePort();
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  const capture = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  logger = createLogger('debug', { destination: capture, redactor: new Redactor(SECRETS) });
});
afterAll(async () => {
  await telegram.stop();
  await discord.stop();
  await db.close();
  await testDb.dispose();
});

/** Delivers one message to a new target through `messenger`, with one attempt allowed. */
async function deliverOnce(messenger: Messenger, platform: 'telegram' | 'discord', externalId: string): Promise<void> {
  const target = await makeTarget(db.prisma, catalog, { platform, externalId, kind: platform === 'discord' ? 'guild_channel' : 'private' });
  const outbox = new PrismaOutboxRepository(db.prisma);
  const [id] = await outbox.add([{ targetId: target.id, dedupeKey: `test:${externalId}`, kind: 'notice', message: { lines: ['Hello'] } }]);
  const deliverer = new Deliverer({
    outbox,
    messengers: { [platform]: messenger },
    targets: new PrismaTargetRepository(db.prisma),
    budget: new MemorySendBudget(budgetLimits()),
    logger,
    clock: () => new Date(),
    options: { ...deliveryOptions, maxAttempts: 1 },
  });
  const [result] = await deliverer.deliverIds([id!]);
  expect(result!.outcome).not.toBe('sent');
}

describe('no secret in a row, a page or a log line', () => {
  it('Telegram: a network failure, a 4xx and a 5xx on delivery', async () => {
    await deliverOnce(TelegramMessenger.create(TELEGRAM_TOKEN, `http://127.0.0.1:${closedPort}`), 'telegram', '7001');
    telegram.failNext('sendMessage', 400, `Bad Request: can't parse entities in /bot${TELEGRAM_TOKEN}/sendMessage`);
    await deliverOnce(TelegramMessenger.create(TELEGRAM_TOKEN, telegram.apiRoot), 'telegram', '7002');
    telegram.failNext('sendMessage', 502, 'Bad Gateway');
    await deliverOnce(TelegramMessenger.create(TELEGRAM_TOKEN, telegram.apiRoot), 'telegram', '7003');
    const errors = (await db.prisma.outbox.findMany({ where: { dedupeKey: { in: ['test:7001', 'test:7002', 'test:7003'] } }, orderBy: { id: 'asc' } })).map(
      (r) => r.lastError ?? '',
    );
    expect(errors[0]).toMatch(/Telegram unreachable: .*ECONNREFUSED/);
    expect(errors[0]).toContain('bot[redacted]/sendMessage');
    expect(errors[1]).toContain("can't parse entities");
    expect(errors[2]).toContain('Telegram 502: Bad Gateway');
    for (const e of errors) expect(leaks(e)).toEqual([]);
  });

  it('Discord: a network failure, a 4xx and a 5xx on delivery', async () => {
    await deliverOnce(DiscordMessenger.create(DISCORD_TOKEN, `http://127.0.0.1:${closedPort}/api`), 'discord', '8001');
    discord.failNext('POST /channels/8002/messages', { status: 400, message: `Invalid Form Body (token ${DISCORD_TOKEN})` });
    await deliverOnce(DiscordMessenger.create(DISCORD_TOKEN, discord.base), 'discord', '8002');
    discord.failNext('POST /channels/8003/messages', { status: 500 });
    await deliverOnce(DiscordMessenger.create(DISCORD_TOKEN, discord.base), 'discord', '8003');
    const errors = (await db.prisma.outbox.findMany({ where: { dedupeKey: { in: ['test:8001', 'test:8002', 'test:8003'] } }, orderBy: { id: 'asc' } })).map(
      (r) => r.lastError ?? '',
    );
    expect(errors[0]).toMatch(/Discord unreachable: .*ECONNREFUSED/);
    expect(errors[1]).toContain('Discord 400: Invalid Form Body');
    expect(errors[2]).toMatch(/Discord 500/);
    for (const e of errors) expect(leaks(e)).toEqual([]);
  });

  it('Telegram: an update whose answer cannot reach the Bot API, through the inbox', async () => {
    const targets = new PrismaTargetRepository(db.prisma);
    const conversation = new Conversation({
      catalog,
      rules: new PreferenceRules(catalog),
      preferences: new PrismaPreferencesRepository(db.prisma),
      targets,
      digestCap: defaults.delivery.digestCap,
    });
    const bot = createTelegramBot({ token: TELEGRAM_TOKEN, apiRoot: `http://127.0.0.1:${closedPort}`, conversation, targets, logger });
    // Who the bot is, from the fake: the Bot API it sends through is the unreachable one.
    bot.botInfo = await new Api(TELEGRAM_TOKEN, { apiRoot: telegram.apiRoot }).getMe();
    const repo = new PrismaInboxRepository(db.prisma);
    const update = {
      update_id: 5001,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 7101, type: 'private' },
        from: { id: 7101, is_bot: false, first_name: 'U' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    await repo.store('telegram', [{ updateId: '5001', chatKey: '7101', body: JSON.stringify(update) }]);
    const processor = new InboxProcessor(
      { repo, platform: 'telegram', handle: telegramUpdateHandler(bot, new Redactor(SECRETS)), logger, clock: () => new Date() },
      { maxAttempts: 1 },
    );
    await processor.drain();
    const row = await db.prisma.inboundUpdate.findFirstOrThrow({ where: { updateId: '5001' } });
    expect(row.lastError).toMatch(/Telegram unreachable/);
    expect(leaks(row.lastError!)).toEqual([]);
    // It waits for Telegram, no attempt counted, rather than being set aside.
    expect(row).toMatchObject({ attempts: 0, handledAt: null });
    expect(logLines.some((l) => l.includes('the platform cannot be reached; the update waits for it'))).toBe(true);
  });

  it('the logger redacts whatever reaches it: raw platform errors, URLs with passwords, configured secrets', async () => {
    const raw = await new Api(TELEGRAM_TOKEN, { apiRoot: `http://127.0.0.1:${closedPort}` }).getMe().catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(HttpError);
    logger.error({ err: raw }, 'a raw grammY error, logged as it is');
    logger.warn(
      { url: config.databaseUrl, redis: config.redisUrl, admin: ADMIN, hook: config.hookSecret, webhook: config.telegram.webhookSecret },
      'every secret, logged by mistake',
    );
    logger.info(`Authorization: Bot ${DISCORD_TOKEN}`);
    const all = logLines.join('');
    expect(all).toContain('a raw grammY error');
    expect(all).toContain('postgres://herald:[redacted]@db.internal/herald');
    expect(leaks(all)).toEqual([]);
  });

  it('shows no secret on the status page even from rows stored before errors were redacted', async () => {
    // As the code before redaction stored a dead letter.
    const target = await makeTarget(db.prisma, catalog, { externalId: '7999' });
    const { id: payloadId } = await db.prisma.outboxPayload.create({ data: { hash: 'redaction:old', body: '{}' } });
    const old = await db.prisma.outbox.create({
      data: {
        payloadId,
        targetId: target.id,
        dedupeKey: 'old:1',
        kind: 'notice',
        status: 'dead',
        attempts: 8,
        lastError: `network: request to https://api.telegram.org/bot${TELEGRAM_TOKEN}/sendMessage failed, reason: ECONNRESET`,
      },
    });
    const redactor = new Redactor(SECRETS);
    const page = await statusRoutes({
      adminToken: ADMIN,
      failures: new WindowedCounter({ max: 10, windowMs: 60_000 }),
      source: new PrismaStatusSource(db.prisma),
      sessions: new PrismaAdminSessionRepository(db.prisma),
      redact: (t) => redactor.text(t),
    }).request('/', { headers: { authorization: `Bearer ${ADMIN}` } });
    const html = await page.text();
    expect(html).toContain('network: request to https://api.telegram.org/bot[redacted]/sendMessage failed');
    expect(leaks(html)).toEqual([]);
    // The old row itself stays as it was written; this test's database forgets it, free pages included.
    await db.prisma.outbox.delete({ where: { id: old.id } });
    await db.prisma.$executeRawUnsafe('VACUUM');
  });

  it('leaves no secret in any byte of the database, nor on the status page', async () => {
    const page = await statusRoutes({
      adminToken: ADMIN,
      failures: new WindowedCounter({ max: 10, windowMs: 60_000 }),
      source: new PrismaStatusSource(db.prisma),
      sessions: new PrismaAdminSessionRepository(db.prisma),
    }).request('/', { headers: { authorization: `Bearer ${ADMIN}` } });
    const html = await page.text();
    expect(html).toContain('Dead letters');
    expect(html).toContain('Telegram 502: Bad Gateway');
    expect(leaks(html)).toEqual([]);
    await db.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = testDb.url.slice('file:'.length);
    const bytes = [file, `${file}-wal`]
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    expect(bytes.length).toBeGreaterThan(0);
    expect(leaks(bytes)).toEqual([]);
    expect(leaks(logLines.join(''))).toEqual([]);
  });
});
