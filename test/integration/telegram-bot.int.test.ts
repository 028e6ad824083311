// The Telegram bot end to end: the real grammY bot against the fake Bot API on loopback, in
// long-polling mode and through the webhook route, on a real SQLite file.
import type { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { GROUP_ANONYMOUS_BOT } from '../../src/platforms/telegram/telegram-actor.ts';
import { telegramCommands, createTelegramBot, registerCommands, telegramUpdateHandler } from '../../src/platforms/telegram/telegram-bot.ts';
import { telegramWebhookRoutes } from '../../src/platforms/telegram/telegram-webhook.routes.ts';
import { InboxProcessor } from '../../src/core/inbox/inbox-processor.ts';
import { InboxWriter } from '../../src/core/inbox/inbox-writer.ts';
import { PrismaInboxRepository } from '../../src/store/inbox.store.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { Redactor } from '../../src/core/redact.ts';
import { sendToTarget } from '../../src/core/delivery/send-to-target.ts';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { defaults } from '../support/defaults.ts';
import { makeStory } from '../support/delivery-fixtures.ts';
import { PrismaSuggestionRepository } from '../../src/store/suggestions.store.ts';
import { isPublicUrl } from '../../src/ingest/fetch/public-address.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { encodeAction } from '../../src/core/message/action.ts';

let api: FakeTelegramApi;
let testDb: TestDatabase;
let db: Database;
let bot: Bot;
let polling: Promise<void>;
const user = (id: number) => ({ id, is_bot: false, first_name: `U${id}` });
const privateChat = (id: number) => ({ id, type: 'private', first_name: `U${id}` });
const group = { id: -1001, type: 'supergroup', title: 'Newsroom' };
const message = (chat: object, from: object | undefined, text: string, extra: object = {}) => ({
  message: {
    message_id: Math.floor(Math.random() * 1e6),
    date: Math.floor(Date.now() / 1000),
    chat,
    ...(from ? { from } : {}),
    text,
    entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
    ...extra,
  },
});

/** Waits until the fake API has received a call matching `pick`. */
async function call(pick: (c: ApiCall) => boolean, what: string): Promise<ApiCall> {
  for (let i = 0; i < 200; i++) {
    const found = api.calls.find(pick);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const replyTo = (chatId: number, text: RegExp) => (c: ApiCall) => c.method === 'sendMessage' && c.body.chat_id === chatId && text.test(String(c.body.text));

beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  const catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  const targets = new PrismaTargetRepository(db.prisma);
  const conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: new PrismaPreferencesRepository(db.prisma),
    targets,
    digestCap: defaults.delivery.digestCap,
    coverage: new PrismaStoryRepository(db.prisma),
    suggestions: { repository: new PrismaSuggestionRepository(db.prisma), isPublicUrl },
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

describe('long polling', () => {
  it('answers /start with the onboarding keyboard, and a button press edits it in place', async () => {
    api.pushUpdate(message(privateChat(501), user(501), '/start'));
    const start = await call(replyTo(501, /Welcome to Herald/), 'the /start reply');
    expect(start.body.parse_mode).toBe('HTML');
    const keyboard = (start.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    const india = keyboard.flat().find((b) => b.text === 'India')!;
    api.pushUpdate({
      callback_query: {
        id: 'cb1',
        from: user(501),
        chat_instance: 'x',
        data: india.callback_data,
        message: { message_id: 9, date: 0, chat: privateChat(501), text: 'x' },
      },
    });
    const edit = await call((c) => c.method === 'editMessageText' && c.body.message_id === 9, 'the edit');
    expect(edit.body.text).toBe('<b>Set News Language for India</b>\nPrimary Language (Mandatory)\nWhich language for India?');
    await call((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === 'cb1', 'the callback answer');
  });

  it("opens a story's every outlet in place from its Sources button, for any member of a group, and goes back", async () => {
    const storyId = await makeStory(db.prisma, { headline: 'Quake', sources: ['the-hindu', 'ndtv', 'india-today'], breaking: true, at: new Date() });
    const press = (id: string, data: string, messageId: number, photo = false) =>
      api.pushUpdate({
        callback_query: {
          id,
          from: user(777), // a member, not an admin: looking changes nothing
          chat_instance: 'g',
          data,
          message: {
            message_id: messageId,
            date: 0,
            chat: group,
            ...(photo ? { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: 'x' } : { text: 'x' }),
          },
        },
      });
    const buttons = (c: ApiCall) => (c.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    press('cbs1', encodeAction({ kind: 'sources', story: storyId }), 31);
    const opened = await call((c) => c.method === 'editMessageText' && c.body.message_id === 31, 'the sources');
    const text = String(opened.body.text);
    expect(text).toMatch(/^<b>Reported by 3 outlets<\/b>\n\n<a href="https:\/\/the-hindu\.example\/\d+">Quake \(the-hindu\)<\/a>\nThe Hindu · /);
    for (const outlet of ['ndtv', 'india-today']) expect(text).toMatch(new RegExp(`<a href="https://${outlet}\\.example/\\d+">Quake \\(${outlet}\\)</a>`));
    expect(text).toContain('\nNDTV · ');
    const back = buttons(opened).find((b) => b.text === '‹ Back')!;
    press('cbs2', back.callback_data, 31);
    const story = await call((c) => c.method === 'editMessageText' && c.body.message_id === 31 && c !== opened, 'back to the story');
    expect(String(story.body.text)).toMatch(/^<a href="https:\/\/the-hindu\.example\/\d+">Quake \(the-hindu\)<\/a>\nThe Hindu \+2 more sources · /);
    expect(buttons(story).map((b) => b.text)).toEqual(['Sources (3)']);
    // Under a photo (an alert with its image) the caption is what changes.
    press('cbs3', encodeAction({ kind: 'sources', story: storyId }), 32, true);
    const caption = await call((c) => c.method === 'editMessageCaption' && c.body.message_id === 32, 'the caption');
    expect(String(caption.body.caption)).toContain('Reported by 3 outlets');
    // A change still needs an admin.
    press('cbs4', encodeAction({ kind: 'category', category: 'sports' }), 33);
    const refused = await call((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === 'cbs4', 'the refusal');
    expect(refused.body.show_alert).toBe(true);
  });

  it('subscribes a forum topic to a category from inside it, delivers into the topic, and ends only that topic when it is deleted', async () => {
    const forum = { id: -1009, type: 'supergroup', title: 'Desk', is_forum: true };
    api.members.set('-1009/506', { status: 'administrator' });
    const inTopic = (text: string, topic: number) => message(forum, user(506), text, { is_topic_message: true, message_thread_id: topic });
    api.pushUpdate(message(forum, user(506), '/start'));
    await call(replyTo(-1009, /Welcome to Herald/), 'the group onboarding');
    api.pushUpdate(inTopic('/subscribe sports', 77));
    const answer = await call((c) => c.method === 'sendMessage' && c.body.chat_id === -1009 && /Sports/.test(String(c.body.text)), 'the topic answer');
    expect(answer.body.message_thread_id).toBe(77); // answered in the topic
    const topic = await db.prisma.target.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'telegram', externalId: '-1009:77' } },
      include: { subscriptions: true },
    });
    expect(topic.kind).toBe('topic');
    // The topic starts from nothing subscribed: what is subscribed inside it is what arrives there.
    expect(topic.subscriptions.map((x) => x.categorySlug)).toEqual(['sports']);
    const group = await db.prisma.target.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'telegram', externalId: '-1009' } },
      include: { subscriptions: true },
    });
    expect(group.subscriptions.map((x) => x.categorySlug)).not.toContain('sports');
    // Delivery into the topic; a deleted topic is that target gone, and the group goes on.
    const messenger = TelegramMessenger.create('123:TEST', api.apiRoot);
    await messenger.send('-1009:77', { lines: ['Match report'], silent: true });
    expect(api.sent().at(-1)!.body).toMatchObject({ chat_id: '-1009', message_thread_id: 77, disable_notification: true });
    api.failNext('sendMessage', 400, 'Bad Request: message thread not found', undefined, '-1009');
    await expect(messenger.send('-1009:77', { lines: ['Next match'] })).rejects.toThrow(/forum topic gone: Bad Request: message thread not found/);
    await messenger.send('-1009', { lines: ['Still here'] });
    expect(api.sent().at(-1)!.body).toMatchObject({ chat_id: '-1009', text: 'Still here' });
    expect(api.sent().at(-1)!.body).not.toHaveProperty('message_thread_id');
  });

  it('escapes what people type when it is echoed back', async () => {
    api.pushUpdate(message(privateChat(502), user(502), '/setcountry <b>Narnia</b>'));
    const reply = await call(replyTo(502, /know the country/), 'the refusal');
    expect(reply.body.text).toContain('&lt;b&gt;Narnia&lt;/b&gt;');
  });

  it("refuses a group member who is not an admin, and takes a group's anonymous admin", async () => {
    api.pushUpdate(message(group, user(503), '/setcountry India'));
    await call(replyTo(-1001, /Only this group's admins can change what it receives\./), 'the refusal');
    api.pushUpdate(message(group, user(GROUP_ANONYMOUS_BOT), '/setcountry Germany', { sender_chat: group }));
    await call(replyTo(-1001, /Germany is now your primary country/), 'the change');
    api.members.set(`-1001/504`, { status: 'administrator' });
    api.pushUpdate(message(group, user(504), '/breaking off'));
    await call(replyTo(-1001, /Breaking news: off/), 'the admin change');
  });

  it('takes /suggest from any member of a group, counted per member', async () => {
    api.pushUpdate(message(group, user(601), '/suggest https://khabar.example.in/rss'));
    await call(replyTo(-1001, /Thank you: I have passed https:\/\/khabar\.example\.in\/rss to the people who run this Herald/), 'the thanks');
    api.pushUpdate(message(group, user(602), '/suggest http://192.168.0.1/feed'));
    await call(replyTo(-1001, /is not on the public internet/), 'the refusal');
    expect((await db.prisma.suggestion.findMany()).map((x) => x.reader)).toEqual(['telegram:601']);
  });

  it('configures a channel from a private chat when the sender is its admin and the bot can post', async () => {
    api.chats.set('@herald_news', { id: -1002, type: 'channel', title: 'Herald News', username: 'herald_news' });
    api.pushUpdate(message(privateChat(505), user(505), '/subscribe @herald_news sports'));
    await call(replyTo(505, /You are not an admin of Herald News/), 'the not-admin refusal');
    api.members.set('-1002/505', { status: 'administrator' });
    api.pushUpdate(message(privateChat(505), user(505), '/subscribe @herald_news sports'));
    await call(replyTo(505, /I cannot post in Herald News: make me an admin there/), 'the bot-cannot-post refusal');
    api.members.set(`-1002/${api.botId}`, { status: 'administrator', can_post_messages: true });
    api.pushUpdate(message(privateChat(505), user(505), '/subscribe @herald_news sports'));
    await call(replyTo(505, /Subscribed to Sports/), 'the subscription');
    const channel = await db.prisma.target.findUnique({
      where: { platform_externalId: { platform: 'telegram', externalId: '-1002' } },
      include: { subscriptions: true },
    });
    expect(channel).toMatchObject({ kind: 'channel', title: 'Herald News' });
    expect(channel!.subscriptions.map((s) => s.categorySlug)).toContain('sports');
    api.pushUpdate(message(privateChat(505), user(505), '/subscribe @nowhere_at_all sports'));
    await call(replyTo(505, /I cannot find @nowhere_at_all/), 'the unknown-channel refusal');
  });

  it('answers every command it registers', async () => {
    const args: Record<string, string> = {
      setcountry: 'Canada',
      digest: 'time 07:15',
      breaking: 'on',
      quiet: '23:00-06:00',
      subscribe: 'business',
      unsubscribe: 'business',
    };
    for (const [i, { command }] of telegramCommands().entries()) {
      const chat = 900 + i;
      api.pushUpdate(message(privateChat(chat), user(chat), `/${command}${args[command] ? ` ${args[command]}` : ''}`));
      const reply = await call((c) => c.method === 'sendMessage' && c.body.chat_id === chat, `the reply to /${command}`);
      expect(String(reply.body.text), command).not.toMatch(/I don't know/);
    }
  });

  it('keeps running when Telegram lacks a method (answerCallbackQuery: method not found)', async () => {
    api.failNext('answerCallbackQuery', 404, 'Not Found: method not found');
    api.pushUpdate({
      callback_query: {
        id: 'cb-x',
        from: user(950),
        chat_instance: 'x',
        data: 'cat:t:sports',
        message: { message_id: 5, date: 0, chat: privateChat(950), text: 'x' },
      },
    });
    await call((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === 'cb-x', 'the failed answer');
    api.pushUpdate(message(privateChat(951), user(951), '/help'));
    await call(replyTo(951, /What I can do/), 'a reply after the failure');
  });

  it('keeps running when setMyCommands fails', async () => {
    api.failNext('setMyCommands', 500, 'Internal Server Error');
    await registerCommands(bot, recordingLogger().logger);
    api.pushUpdate(message(privateChat(506), user(506), '/help'));
    await call(replyTo(506, /What I can do/), 'the help reply');
  });
});

describe('targets follow what Telegram says', () => {
  it('deactivates a target that blocked the bot (403) and moves a migrated group, sending again there', async () => {
    const targets = new PrismaTargetRepository(db.prisma);
    const messenger = TelegramMessenger.create('123:TEST', api.apiRoot);
    const deps = { messenger, targets, logger: recordingLogger().logger };
    const blocked = await targets.upsert({ platform: 'telegram', externalId: '801', kind: 'private' });
    api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    expect(await sendToTarget(deps, blocked, { lines: ['news'] })).toEqual({ status: 'gone', reason: 'Forbidden: bot was blocked by the user' });
    expect(await targets.get(blocked.id)).toMatchObject({ active: false, deactivatedReason: 'Forbidden: bot was blocked by the user' });

    const oldGroup = await targets.upsert({ platform: 'telegram', externalId: '-802', kind: 'group' });
    api.failNext('sendMessage', 400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -100802 });
    expect((await sendToTarget(deps, oldGroup, { lines: ['news'] })).status).toBe('sent');
    expect(await targets.get(oldGroup.id)).toMatchObject({ externalId: '-100802', kind: 'supergroup', active: true });
    expect(api.sent().at(-1)!.body.chat_id).toBe('-100802');
  });

  it('deactivates a chat when the bot is blocked or removed, and reactivates it when added back', async () => {
    const member = (status: string) => ({
      my_chat_member: {
        chat: privateChat(803),
        from: user(803),
        date: 0,
        old_chat_member: { user: user(42), status: 'member' },
        new_chat_member: { user: user(42), status },
      },
    });
    api.pushUpdate(message(privateChat(803), user(803), '/help'));
    await call(replyTo(803, /What I can do/), 'the help reply');
    const targets = new PrismaTargetRepository(db.prisma);
    api.pushUpdate(member('kicked'));
    await expect.poll(async () => (await targets.find({ platform: 'telegram', externalId: '803' }))?.active).toBe(false);
    api.pushUpdate(member('member'));
    await expect.poll(async () => (await targets.find({ platform: 'telegram', externalId: '803' }))?.active).toBe(true);
  });
});

describe('webhook route, through the durable inbox', () => {
  const inboxOf = () => {
    const repo = new PrismaInboxRepository(db.prisma);
    const handled: unknown[] = [];
    const processor = new InboxProcessor({
      repo,
      platform: 'telegram',
      handle: async (u) => void handled.push(u),
      logger: recordingLogger().logger,
      clock: () => new Date(),
    });
    return { repo, handled, processor, writer: new InboxWriter(repo, 'telegram', { maxBatch: 500 }) };
  };

  it('refuses a wrong secret, stores an update before answering, and stores a repeated update once', async () => {
    const { writer, processor, handled } = inboxOf();
    const app = telegramWebhookRoutes({ secret: 's3cret-token', inbox: writer, logger: recordingLogger().logger });
    const post = (body: unknown, secret?: string) =>
      app.request('/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const update = api.nextUpdate(message(privateChat(601), user(601), '/help'));
    expect((await post(update)).status).toBe(401);
    expect((await post(update, 's3cret-tokeN')).status).toBe(401);
    expect((await post(update, 's3cret-token')).status).toBe(200);
    // Stored by the time the answer came back.
    expect(await db.prisma.inboundUpdate.count({ where: { updateId: String(update.update_id) } })).toBe(1);
    expect(await (await post(update, 's3cret-token')).json()).toEqual({ ok: true, duplicate: true });
    expect((await post({ nope: 1 }, 's3cret-token')).status).toBe(400);
    expect((await post('{not json', 's3cret-token')).status).toBe(400);
    expect(await processor.drain()).toBe(1);
    expect(handled).toEqual([update]);
    expect(await processor.drain()).toBe(0);
  });

  it('answers 503 when the update cannot be stored, so Telegram retries it', async () => {
    const failing = { store: async () => Promise.reject(new Error('disk full')) } as unknown as PrismaInboxRepository;
    const app = telegramWebhookRoutes({ secret: 'k', inbox: new InboxWriter(failing, 'telegram'), logger: recordingLogger().logger });
    const res = await app.request('/webhook', {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': 'k' },
      body: JSON.stringify(api.nextUpdate(message(privateChat(604), user(604), '/help'))),
    });
    expect(res.status).toBe(503);
  });

  it('stores a burst of concurrent updates once each, retries included', async () => {
    const { writer, processor, handled } = inboxOf();
    const app = telegramWebhookRoutes({ secret: 'k', inbox: writer, logger: recordingLogger().logger });
    const updates = Array.from({ length: 300 }, (_, i) => api.nextUpdate(message(privateChat(700 + (i % 7)), user(700 + (i % 7)), '/help')));
    const sends = [...updates, ...updates.slice(0, 60)].map(async (u) => {
      const res = await app.request('/webhook', { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': 'k' }, body: JSON.stringify(u) });
      return (await res.json()) as { duplicate?: boolean };
    });
    const answers = await Promise.all(sends);
    expect(answers.filter((a) => a.duplicate).length).toBe(60);
    await processor.drain();
    expect(handled.length).toBe(300);
    // One chat's updates are handled in the order they arrived.
    const ofChat = (handled as { update_id: number; message: { chat: { id: number } } }[]).filter((u) => u.message.chat.id === 703).map((u) => u.update_id);
    expect(ofChat).toEqual([...ofChat].sort((a, b) => a - b));
  });

  it('hands stored updates to the real bot', async () => {
    const { repo, writer } = inboxOf();
    const processor = new InboxProcessor({
      repo,
      platform: 'telegram',
      handle: telegramUpdateHandler(bot, new Redactor(['123:TEST'])),
      logger: recordingLogger().logger,
      clock: () => new Date(),
    });
    const app = telegramWebhookRoutes({ secret: 'k', inbox: writer, logger: recordingLogger().logger });
    const update = api.nextUpdate(message(privateChat(602), user(602), '/settings'));
    const res = await app.request('/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'k' },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    await processor.drain();
    await call(replyTo(602, /Nothing is set here yet/), 'the /settings reply');
  });
});
