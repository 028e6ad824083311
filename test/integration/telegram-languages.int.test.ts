// Herald in its readers' languages, on Telegram end to end: the real grammY bot against the
// fake Bot API, on a real SQLite file. A reader whose Telegram speaks Hindi, Arabic or German
// goes through onboarding in it and gets the daily digest in it; an unsupported language gets
// English; /language switches; a group member is refused in the member's own language.
import type { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { DigestScheduler } from '../../src/core/digest/digest-scheduler.ts';
import type { Locale } from '../../src/core/i18n/locales.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { encodeAction, type OnboardingStep } from '../../src/core/message/action.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { createTelegramBot, registerCommands } from '../../src/platforms/telegram/telegram-bot.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';
import { makeStory } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';

let api: FakeTelegramApi;
let testDb: TestDatabase;
let db: Database;
let bot: Bot;
let catalog: Catalog;
let polling: Promise<void>;
let pressed = 0;
const user = (id: number, language_code?: string) => ({ id, is_bot: false, first_name: `U${id}`, ...(language_code ? { language_code } : {}) });
const privateChat = (id: number) => ({ id, type: 'private', first_name: `U${id}` });
const say = (chat: object, from: object, text: string) =>
  api.pushUpdate({
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
    },
  });
const press = (chatId: number, from: object, step: OnboardingStep, value?: string) => {
  const id = `cb${++pressed}`;
  api.pushUpdate({
    callback_query: {
      id,
      from,
      chat_instance: 'x',
      data: encodeAction({ kind: 'onboard', step, ...(value ? { value } : {}) }),
      message: { message_id: 1000 + pressed, date: 0, chat: privateChat(chatId), text: 'x' },
    },
  });
  return 1000 + pressed;
};

async function call(pick: (c: ApiCall) => boolean, what: string): Promise<ApiCall> {
  for (let i = 0; i < 200; i++) {
    const found = api.calls.find(pick);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
// The bot answers with the chat's id as a number; delivery sends the stored one, a string.
const sent = (chatId: number, text: string) => (c: ApiCall) =>
  c.method === 'sendMessage' && String(c.body.chat_id) === String(chatId) && String(c.body.text).includes(text);
const edited = (messageId: number) => (c: ApiCall) => c.method === 'editMessageText' && c.body.message_id === messageId;

beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  const targets = new PrismaTargetRepository(db.prisma);
  const conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: new PrismaPreferencesRepository(db.prisma),
    targets,
    digestCap: defaults.delivery.digestCap,
  });
  bot = createTelegramBot({ token: '123:TEST', apiRoot: api.apiRoot, conversation, targets, logger: recordingLogger().logger });
  await bot.init();
  polling = bot.start({ timeout: 1 });
});
afterAll(async () => {
  await bot.stop();
  await polling;
  await api.stop();
  await db.close();
  await testDb.dispose();
});

// `storyTime`: the story, an hour before the digest, at 07:00 on the reader's clock, as the
// reader's language writes it in the reader's country (Arabic-Indic digits in Qatar).
const readers: { locale: Locale; tag: string; chat: number; country: string; source: string; digestAt: string; storyTime: string }[] = [
  { locale: 'hi', tag: 'hi', chat: 701, country: 'IN', source: 'aajtak', digestAt: '2026-11-23T02:30:00Z', storyTime: '7:00 am IST' }, // 08:00 in Kolkata
  { locale: 'ar', tag: 'ar', chat: 702, country: 'QA', source: 'al-sharq', digestAt: '2026-11-23T05:00:00Z', storyTime: '٧:٠٠ ص غرينتش+٣' }, // 08:00 in Doha
  { locale: 'de', tag: 'de-AT', chat: 703, country: 'DE', source: 'zdf', digestAt: '2026-11-23T07:00:00Z', storyTime: '07:00 MEZ' }, // 08:00 in Berlin
];

describe.each(readers)('a reader whose Telegram speaks $tag', ({ locale, tag, chat, country, source, digestAt, storyTime }) => {
  const words = messagesFor(locale);
  const from = user(chat, tag);

  it('is onboarded in that language', async () => {
    say(privateChat(chat), from, '/start');
    await call(sent(chat, words.conversation.welcome), 'the welcome');
    const languageStep = await call(edited(press(chat, from, 'country', country)), 'the language step');
    // The country by its name in the reader's language (भारत, قطر, Deutschland).
    expect(String(languageStep.body.text)).toContain(new Intl.DisplayNames([locale], { type: 'region' }).of(country)!);
    await call(edited(press(chat, from, 'language', locale)), 'the source step');
    await call(edited(press(chat, from, 'source', source)), 'the categories step');
    await call(edited(press(chat, from, 'categories', 'done')), 'the time step');
    const done = await call(edited(press(chat, from, 'time', '08:00')), 'the settings');
    expect(String(done.body.text)).toContain(words.conversation.onboarded);
    expect(String(done.body.text)).toContain(words.conversation.settingsTitle);
    const target = await db.prisma.target.findUniqueOrThrow({ where: { platform_externalId: { platform: 'telegram', externalId: String(chat) } } });
    expect(target.locale).toBe(locale);
  });

  it('gets the daily digest in that language', async () => {
    let now = new Date(digestAt);
    const clock = () => now;
    await db.prisma.subscription.updateMany({ data: { lastDigestAt: null } });
    await makeStory(db.prisma, {
      headline: `News for ${tag}`,
      sources: [source],
      categories: ['national'],
      countries: [country],
      language: locale,
      at: new Date(now.getTime() - 3600_000),
    });
    const outbox = new PrismaOutboxRepository(db.prisma, clock);
    await new DigestScheduler(
      {
        audience: new PrismaAudienceRepository(db.prisma),
        outbox,
        stories: new PrismaStoryRepository(db.prisma),
        catalog,
        logger: recordingLogger().logger,
        clock,
      },
      { cap: defaults.delivery.digestCap },
    ).tick();
    const deliverer = new Deliverer({
      outbox,
      messengers: { telegram: TelegramMessenger.create('123:TEST', api.apiRoot) },
      targets: new PrismaTargetRepository(db.prisma),
      budget: new MemorySendBudget(budgetLimits()),
      logger: recordingLogger().logger,
      clock,
      options: deliveryOptions,
    });
    await new OutboxWorker({ outbox, deliverer, logger: recordingLogger().logger, clock }, { batch: 50, concurrency: 4, idleMs: 50 }).drain();
    now = new Date(now.getTime() + 1000);
    const digest = await call(sent(chat, `News for ${tag}`), 'the digest');
    expect(String(digest.body.text)).toContain(words.delivery.digestTitle);
    expect(String(digest.body.text)).toContain(storyTime);
  });
});

describe('the interface language', () => {
  it('registers the command menu in each language, for users whose Telegram speaks it', async () => {
    await registerCommands(bot, recordingLogger().logger);
    const menus = api.calls.filter((c) => c.method === 'setMyCommands');
    expect(menus.map((c) => c.body.language_code ?? 'default').sort()).toEqual(['ar', 'de', 'default', 'fr', 'hi', 'zh']);
    const german = menus.find((c) => c.body.language_code === 'de')!.body.commands as { command: string; description: string }[];
    expect(german.find((c) => c.command === 'language')!.description).toBe(messagesFor('de').commands.language);
  });

  it('is English for a language Herald does not speak, and /language switches it, answering in the new one', async () => {
    const from = user(710, 'pt-BR');
    say(privateChat(710), from, '/help');
    await call(sent(710, messagesFor('en').conversation.helpTitle), 'English help');
    say(privateChat(710), from, '/language Français');
    await call(sent(710, 'Herald parle désormais Français ici.'), 'the switch, in French');
    say(privateChat(710), from, '/help');
    await call(sent(710, messagesFor('fr').conversation.helpTitle), 'French help');
    say(privateChat(710), from, '/language klingon');
    await call(
      sent(
        710,
        messagesFor('fr')
          .conversation.localeUnknown({ input: 'klingon', valid: ['English'] })
          .split('«')[0]!,
      ),
      'the refusal, in French',
    );
  });

  it("refuses a group member who is not an admin in the member's own language", async () => {
    const group = { id: -1701, type: 'supergroup', title: 'Redaktion' };
    say(group, user(711, 'de'), '/breaking off');
    await call(sent(-1701, messagesFor('de').telegram.notAdmin), 'the German refusal');
  });
});
