// Replies stay within every platform's limits: echoed input is capped, and every answer goes
// out through the splitter delivery uses (Telegram 4,096 characters a message, Discord 2,000
// of content and its embed limits), on the real grammY bot and the Discord interaction
// handler against the fakes, and in the web chat.
import type { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordInteractions } from '../../src/platforms/discord/discord-interactions.ts';
import { createDiscordRest } from '../../src/platforms/discord/discord-messenger.ts';
import { createTelegramBot } from '../../src/platforms/telegram/telegram-bot.ts';
import { WebChat } from '../../src/platforms/web/web-chat.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { WindowedCounter } from '../../src/core/limits/windowed-counter.ts';
import type { DigestSource, DigestStory } from '../../src/core/digest/digest-composer.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { PrismaChatLog } from '../../src/store/chat-log.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { defaults } from '../support/defaults.ts';

const HUGE = 'x'.repeat(921_612);
let testDb: TestDatabase;
let db: Database;
let catalog: Catalog;
let conversation: Conversation;
let targets: PrismaTargetRepository;

/** Ten stories of the default preferences' source, each with a long headline and summary. */
function longDigest(): DigestSource {
  const prefs = new PreferenceRules(catalog).initial();
  const { primarySource, primaryLanguage } = prefs.countries[0]!;
  const category = prefs.subscriptions[0]!.category;
  const stories: DigestStory[] = Array.from({ length: 10 }, (_, i) => ({
    id: i + 1,
    headline: `Story ${i + 1}: ${'a long headline '.repeat(30)}`,
    categories: [category],
    outletCount: 1,
    lastUpdatedAt: new Date(),
    items: [
      {
        sourceId: primarySource,
        languageCode: primaryLanguage,
        url: `https://news.example/${i}`,
        title: `Story ${i + 1}: ${'a long headline '.repeat(30)}`,
        summary: 'a long summary, '.repeat(25),
        publishedAt: new Date(),
      },
    ],
  }));
  return { storiesSince: async () => stories };
}

beforeAll(async () => {
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  targets = new PrismaTargetRepository(db.prisma);
  conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: new PrismaPreferencesRepository(db.prisma),
    targets,
    digests: longDigest(),
    digestCap: defaults.delivery.digestCap,
  });
});
afterAll(async () => {
  await db.close();
  await testDb.dispose();
});

describe('Telegram replies', () => {
  let api: FakeTelegramApi;
  let bot: Bot;
  let polling: Promise<void>;
  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    bot = createTelegramBot({ token: '123:TEST', apiRoot: api.apiRoot, conversation, targets, logger: recordingLogger().logger });
    await bot.init();
    polling = bot.start({ timeout: 1 });
  });
  afterAll(async () => {
    await bot.stop();
    await polling;
    await api.stop();
  });

  const say = (chat: number, text: string) =>
    api.pushUpdate({
      message: {
        message_id: chat,
        date: 0,
        chat: { id: chat, type: 'private' },
        from: { id: chat, is_bot: false, first_name: 'U' },
        text,
        entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
      },
    });
  async function repliesTo(chat: number, count = 1): Promise<ApiCall[]> {
    for (let i = 0; i < 200; i++) {
      const found = api.sent().filter((c) => c.body.chat_id === chat);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${count} replies to ${chat}`);
  }

  it('echoes a 921,612-byte argument capped, in one message under the limit', async () => {
    say(801, `/setcountry ${HUGE}`);
    const [reply] = await repliesTo(801);
    const text = String(reply!.body.text);
    expect(text.length).toBeLessThan(1500);
    expect(text).toContain('x'.repeat(400));
    expect(text).toContain('…');
  });

  it('echoes an enormous command name capped', async () => {
    say(802, `/${'z'.repeat(200_000)}`);
    const [reply] = await repliesTo(802);
    expect(String(reply!.body.text).length).toBeLessThan(200);
  });

  it('sends a digest longer than one message in parts, each within 4,096 characters', async () => {
    say(803, '/digest now');
    const parts = await repliesTo(803, 2);
    await new Promise((r) => setTimeout(r, 200));
    const all = api.sent().filter((c) => c.body.chat_id === 803);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const p of all) expect([...String(p.body.text)].length).toBeLessThanOrEqual(4096);
    expect(all.map((p) => String(p.body.text)).join('\n')).toContain('Story 10');
    expect(parts[0]!.body.parse_mode).toBe('HTML');
  });
});

describe('Discord replies', () => {
  let discord: FakeDiscordApi;
  let interactions: DiscordInteractions;
  beforeAll(async () => {
    discord = await new FakeDiscordApi().start();
    interactions = new DiscordInteractions({
      conversation,
      targets,
      catalog,
      rest: createDiscordRest('discord-token', discord.base),
      applicationId: discord.applicationId,
      logger: recordingLogger().logger,
    });
  });
  afterAll(() => discord.stop());

  const command = (id: string, name: string, options: object[] = []) =>
    ({
      id,
      application_id: discord.applicationId,
      token: `tok-${id}`,
      version: 1,
      type: 2,
      app_permissions: '0',
      locale: 'en-US',
      channel: { id: `7100000000000000${id}`, type: 1 },
      user: { id: '600000000000000001', username: 'u' },
      data: { id: '1', name, type: 1, options },
    }) as never;
  const answer = async (interaction: never) => {
    let response: { type: number; data?: { content?: string; embeds?: { title?: string; description?: string; footer?: { text: string } }[] } } | undefined;
    await interactions.answer(interaction, async (r) => void (response = r as typeof response));
    return response!;
  };
  const size = (data: { content?: string; embeds?: { title?: string; description?: string; footer?: { text: string }; author?: { name: string } }[] }) => ({
    content: [...(data.content ?? '')].length,
    embedText: (data.embeds ?? []).reduce(
      (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0),
      0,
    ),
    embeds: data.embeds?.length ?? 0,
  });

  it('echoes a long option capped, within the content limit', async () => {
    const r = await answer(command('11', 'setcountry', [{ type: 3, name: 'country', value: 'y'.repeat(6000) }]));
    expect(size(r.data!).content).toBeLessThanOrEqual(2000);
    expect(r.data!.content).toContain('…');
  });

  it('answers a digest as embeds within the limits, the rest as follow-ups', async () => {
    const r = await answer(command('12', 'digest', [{ type: 1, name: 'now', options: [] }]));
    const first = size(r.data!);
    expect(first.embeds).toBeGreaterThan(0);
    expect(first.embeds).toBeLessThanOrEqual(10);
    expect(first.embedText).toBeLessThanOrEqual(6000);
    // Whatever did not fit was posted as follow-ups, each accepted by the (strict) fake.
    const followUps = discord.callsTo('POST', /^\/webhooks\/\d+\/tok-12$/);
    const embeds = first.embeds + followUps.reduce((n, c) => n + ((c.body?.embeds as unknown[]) ?? []).length, 0);
    expect(embeds).toBe(10);
  });
});

describe('the web chat', () => {
  it('keeps 500 characters of what was typed, and answers within them', async () => {
    const web = new WebChat({
      conversation,
      targets,
      log: new PrismaChatLog(db.prisma),
      limits: { newChats: new WindowedCounter({ max: 10, windowMs: 3600_000 }), maxChats: 10 },
    });
    const [said, answered] = await web.say('a'.repeat(32), `/setcountry ${HUGE}`, '127.0.0.1');
    expect(String((said!.body as { text: string }).text).length).toBe(500);
    expect((answered!.body as { lines: string[] }).lines.join('\n').length).toBeLessThan(1500);
  });
});
