// A pseudo-locale run of the whole conversation on every adapter (issue 17, point 6): Hindi is
// replaced by the English catalogue with every letter accented (test/support/pseudo-locale.ts),
// and readers whose Telegram, Discord or browser says `hi` go through every command, menu,
// refusal and delivery, on a real SQLite file, through grammY and discord.js's REST client
// against the fakes on loopback, and the web chat's routes over HTTP. CLDR writes everything
// Hindi in Devanagari, so an unaccented English word on screen was written in code, not taken
// from the catalogue. Latin letters may come only from data: outlet names, the test stories,
// catalog codes, zone names (and their abbreviations from Intl), languages named in their own
// language, what the reader typed, and the words commands take ("now", "add", "off").
import { decodeHTML } from 'entities';
import type { Bot } from 'grammy';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { COMMAND_WORDS, COMMANDS, commandsOn } from '../../src/core/conversation/commands.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { DigestScheduler } from '../../src/core/digest/digest-scheduler.ts';
import { LOCALES, localeName } from '../../src/core/i18n/locales.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { source } from '../../src/core/i18n/messages.en.ts';
import { WindowedCounter } from '../../src/core/limits/windowed-counter.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { PlatformHealth } from '../../src/core/status/platform-health.ts';
import { createHttpApp, type MountedRoutes } from '../../src/http/app.ts';
import { startHttpServer, type RunningServer } from '../../src/http/server.ts';
import { registerCommands as registerDiscordCommands, startDiscordBot, type RunningDiscordBot } from '../../src/platforms/discord/discord-bot.ts';
import { discordInteractionRoutes } from '../../src/platforms/discord/discord-interactions.routes.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { createTelegramBot, registerCommands as registerTelegramCommands } from '../../src/platforms/telegram/telegram-bot.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { WebChat } from '../../src/platforms/web/web-chat.ts';
import { webChatRoutes } from '../../src/platforms/web/web-chat.routes.ts';
import { WebMessenger } from '../../src/platforms/web/web-messenger.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { PrismaChatLog } from '../../src/store/chat-log.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';
import { makeStory, makeTarget, type StorySpec } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { englishLeft, pseudoTranslation } from '../support/pseudo-locale.ts';

// Hindi, as the pseudo-locale: the other languages stay as they are.
vi.mock('../../src/core/i18n/translations/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/i18n/translations/index.ts')>();
  const { pseudoTranslation: pseudo } = await import('../support/pseudo-locale.ts');
  const { source: english } = await import('../../src/core/i18n/messages.en.ts');
  return { ...original, translations: { ...original.translations, hi: pseudo(english) } };
});

const log = recordingLogger().logger;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let testDb: TestDatabase;
let db: Database;
let catalog: Catalog;
let targets: PrismaTargetRepository;
let tg: FakeTelegramApi;
let dc: FakeDiscordApi;
let bot: Bot;
let polling: Promise<void>;
let discordBot: RunningDiscordBot;
let webChat: WebChat;
let conversation: Conversation;
let server: RunningServer;
let privateKey: KeyObject;
/** A story of three outlets from the sources a reader onboarded with, for /digest now and /story. */
let storyId: number;

/** Words of real data, which may be Latin: see the file's header. */
const allowed = new Set<string>();
const allow = (...texts: (string | undefined)[]) => texts.forEach((t) => t && allowed.add(t));
// The words commands take as typed ("/digest now", "add", "off") are the commands' own, like
// their names: the same in every language.
allow(...COMMAND_WORDS);
// What the tour mutes and keeps (/mute cricket, /only sports football) is the reader's own words.
allow('cricket', 'football');

/** Asserts that what a person saw at `where` holds no English but data (and what they typed). */
function check(where: string, texts: string[], typed: string[] = []): void {
  const text = texts.join('\n');
  expect(text.trim(), `nothing was seen at ${where}`).not.toBe('');
  const left = [...new Set(englishLeft(text, [...allowed, ...typed]))];
  expect.soft({ where, left }).toEqual({ where, left: [] });
}

/** What a page or an HTML message shows: its text, and its placeholders, labels and titles. */
function visible(html: string): string {
  const attributes = [...html.matchAll(/\s(?:placeholder|aria-label|title)="([^"]*)"/g)].map((m) => m[1]!);
  const text = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ');
  return decodeHTML([text, ...attributes].join('\n'));
}

/** A story with one item per source; its headlines, summaries and links are data. */
async function story(spec: StorySpec): Promise<number> {
  const id = await makeStory(db.prisma, spec);
  for (const item of await db.prisma.item.findMany({ where: { storyId: id } })) allow(item.title, item.summary ?? '', item.url);
  return id;
}

// Discord: the application, one server with a news channel, and the permissions Discord sends.
const GUILD = '500000000000000001';
const NEWS = '700000000000000001';
const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const MANAGE_CHANNELS = 1n << 4n;

beforeAll(async () => {
  tg = await new FakeTelegramApi().start();
  dc = await new FakeDiscordApi().start();
  dc.guilds.set(GUILD, { id: GUILD, owner_id: '600000000000000001', roles: [{ id: GUILD, name: '@everyone', permissions: String(VIEW | SEND | EMBED) }] });
  dc.members.set(`${GUILD}/${dc.applicationId}`, []);
  dc.channels.set(NEWS, { id: NEWS, type: 0, name: 'समाचार', guild_id: GUILD, permission_overwrites: [] });
  const keys = generateKeyPairSync('ed25519');
  privateKey = keys.privateKey;
  const publicKey = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  targets = new PrismaTargetRepository(db.prisma);
  const stories = new PrismaStoryRepository(db.prisma);
  const rules = new PreferenceRules(catalog);
  const preferences = new PrismaPreferencesRepository(db.prisma);
  conversation = new Conversation({ catalog, rules, preferences, targets, digests: stories, coverage: stories, digestCap: defaults.delivery.digestCap });

  bot = createTelegramBot({ token: '123:TEST', apiRoot: tg.apiRoot, conversation, targets, logger: log });
  await bot.init();
  polling = bot.start({ timeout: 1 });
  const discord = { token: 'discord-test-token', applicationId: dc.applicationId, apiBase: dc.base, catalog, conversation, targets, logger: log };
  discordBot = startDiscordBot({ ...discord, publicKey, health: new PlatformHealth() });
  const limits = { newChats: new WindowedCounter({ max: 1000, windowMs: 3600_000 }), maxChats: 1000 };
  webChat = new WebChat({ conversation, targets, log: new PrismaChatLog(db.prisma), limits });
  const answer = (i: unknown, reply: unknown) => discordBot.interactions.answer(i as never, reply as never);
  const routes: MountedRoutes[] = [
    { prefix: '/discord', app: discordInteractionRoutes({ publicKey, logger: log, answer }) },
    { prefix: '/try', app: webChatRoutes({ chat: webChat, demo: true, openToAll: false }) },
  ];
  server = await startHttpServer(createHttpApp({ isReady: async () => true, logger: log, routes }), { host: '127.0.0.1', port: 0 });

  // The data a Hindi reader may see in Latin letters, from the catalog and from CLDR.
  for (const s of catalog.sources) allow(s.name, s.id);
  for (const c of catalog.countries) allow(c.code, c.timezone);
  for (const l of catalog.languages) allow(l.code);
  for (const l of LOCALES) allow(l, localeName(l));
  const zones = ['UTC', ...catalog.countries.map((c) => c.timezone ?? 'UTC')];
  const tags = ['hi', ...catalog.countries.filter((c) => /^[A-Z]{2}$/.test(c.code)).map((c) => `hi-${c.code}`)];
  for (const timeZone of zones)
    for (const tag of tags)
      allow(new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value);
  const sources = ['aajtak', 'ndtv-india', 'abp-news'];
  storyId = await story({ headline: 'Zubeen Garg tribute concert fills Guwahati stadium', sources, language: 'hi', at: new Date(Date.now() - 3600_000) });
});

afterAll(async () => {
  await bot.stop();
  await polling;
  await discordBot.stop();
  await server.close(1000);
  await tg.stop();
  await dc.stop();
  await db.close();
  await testDb.dispose();
});

/** What one answer showed: its texts, and the actions of its buttons (and select options). */
type Screen = { texts: string[]; actions: string[] };
interface Driver {
  name: string;
  /** Types a command; undefined when the platform cannot send it (a Discord option with fixed choices). */
  say(text: string): Promise<Screen | undefined>;
  press(action: string): Promise<Screen>;
}

// ---------------------------------------------------------------- Telegram

const RESPONSES = new Set(['sendMessage', 'editMessageText', 'answerCallbackQuery']);
const tgUser = (id: number) => ({ id, is_bot: false, first_name: `U${id}`, language_code: 'hi' });
const entities = (text: string) => [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }];

function telegramScreen(calls: ApiCall[]): Screen {
  type Keyboard = { inline_keyboard?: { text: string; callback_data: string }[][] };
  const keys = calls.flatMap((c) => ((c.body.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat());
  const texts = calls.filter((c) => typeof c.body.text === 'string').map((c) => visible(String(c.body.text)));
  return { texts: [...texts, ...keys.map((k) => k.text)], actions: keys.map((k) => k.callback_data) };
}

function telegramDriver(chat: Record<string, unknown>, from: Record<string, unknown>): Driver {
  let n = 0;
  const exchange = async (update: Record<string, unknown>): Promise<Screen> => {
    const before = tg.calls.length;
    tg.pushUpdate(update);
    // grammY answers a batch of updates, then polls again: that poll closes the answer.
    for (let i = 0; i < 500; i++) {
      const after = tg.calls.slice(before);
      const first = after.findIndex((c) => RESPONSES.has(c.method));
      if (first >= 0 && after.slice(first).some((c) => c.method === 'getUpdates')) return telegramScreen(after.filter((c) => RESPONSES.has(c.method)));
      await sleep(10);
    }
    throw new Error(`telegram: no answer to ${JSON.stringify(update)}`);
  };
  return {
    name: 'telegram',
    // Telegram's bot answers commands only: free text is left alone.
    say: async (text) => (text.startsWith('/') ? exchange({ message: { message_id: ++n, date: 0, chat, from, text, entities: entities(text) } }) : undefined),
    press: (data) =>
      exchange({ callback_query: { id: `cb${++n}`, from, chat_instance: 'x', data, message: { message_id: 9000 + n, date: 0, chat, text: 'x' } } }),
  };
}

// ---------------------------------------------------------------- Discord

interface Where {
  channel?: { id: string; type: number; name?: string };
  userId: string;
  /** The member's permissions in the channel: a server channel when set. */
  member?: string;
  app?: string;
}
let interactionId = 1;
const discordUser = (id: string) => ({ id, username: `u${id.slice(-3)}`, global_name: null, discriminator: '0', avatar: null });
const dm = (n: number): Where => ({ channel: { id: `7100000000000001${n}`, type: 1 }, userId: `6000000000000001${n}` });
const news = { id: NEWS, type: 0, name: 'समाचार' };
const inNews = (member: bigint, app = VIEW | SEND | EMBED, channel: Where['channel'] = news): Where => ({
  channel,
  userId: '600000000000000003',
  member: String(member),
  app: String(app),
});

function interaction(w: Where, type: number, data: unknown) {
  const member = { user: discordUser(w.userId), roles: [], permissions: w.member, joined_at: '2020-01-01T00:00:00Z' };
  const who = w.member !== undefined ? { guild_id: GUILD, guild_locale: 'hi', member } : { user: discordUser(w.userId) };
  const where = w.channel ? { channel: w.channel, channel_id: w.channel.id } : {};
  const app = { application_id: dc.applicationId, app_permissions: w.app ?? String(VIEW | SEND | EMBED), entitlements: [], authorizing_integration_owners: {} };
  return { id: String(interactionId++), token: `tok-${interactionId}`, version: 1, type, data, ...where, ...who, ...app, locale: 'hi' };
}
const opt = (name: string, value: string, type = 3) => ({ name, type, value });
const slash = (w: Where, name: string, options: unknown[] = [], resolved?: unknown) =>
  interaction(w, 2, { id: '1', name, type: 1, options, ...(resolved ? { resolved } : {}) });

type Component = { type: number; label?: string; custom_id: string; placeholder?: string; options?: { label: string; value: string; description?: string }[] };
type Embed = { title?: string; description?: string; footer?: { text: string }; author?: { name: string }; fields?: { name: string; value: string }[] };
type MessageData = { content?: string; embeds?: Embed[]; components?: { components: Component[] }[]; choices?: { name: string }[] };

/** Where each shown action is: a button (its custom_id is the action) or an option of a select. */
const selects = new Map<string, string>();
function discordScreen(messages: MessageData[]): Screen {
  const texts: string[] = [];
  const actions: string[] = [];
  for (const m of messages) {
    texts.push(m.content ?? '', ...(m.choices ?? []).map((c) => c.name));
    for (const e of m.embeds ?? [])
      texts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]));
    for (const c of (m.components ?? []).flatMap((row) => row.components)) {
      texts.push(c.label ?? '', c.placeholder ?? '', ...(c.options ?? []).flatMap((o) => [o.label, o.description ?? '']));
      for (const o of c.options ?? []) selects.set(o.value, c.custom_id);
      actions.push(...(c.options ? c.options.map((o) => o.value) : [c.custom_id]));
    }
  }
  return { texts, actions };
}

/** Posts a signed interaction; the answer and the follow-ups sent for it. */
async function discord(body: ReturnType<typeof interaction>): Promise<Screen> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex');
  const headers = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature };
  const res = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, { method: 'POST', body: raw, headers });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { data?: MessageData };
  await sleep(20); // the rest of a long answer follows the response
  const followUps = dc.calls.filter((c) => c.path.startsWith(`/webhooks/${dc.applicationId}/${body.token}`)).map((c) => c.body as MessageData);
  return discordScreen([answer.data ?? {}, ...followUps]);
}

/** A typed command as Discord sends it; undefined when Discord's client cannot send it (a required option left out, a value not among the choices). */
function slashOptions(name: string, args: string): unknown[] | undefined {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec?.options) return [];
  if (!args) return spec.options.some((o) => o.required || o.kind === 'subcommand') ? undefined : [];
  const [first = '', ...rest] = args.split(/\s+/);
  if (name === 'setcountry') return first === 'add' || first === 'remove' ? [opt('country', rest.join(' ')), opt('mode', first)] : [opt('country', args)];
  if (name === 'setlanguage') return [opt(/^[A-Z]{2}$/.test(args) ? 'country' : 'language', args)];
  const sub = spec.options.find((o) => o.kind === 'subcommand' && o.name === first);
  if (sub) return [{ name: sub.name, type: 1, options: sub.options?.map((o) => opt(o.name, rest.join(' '))) ?? [] }];
  const o = spec.options[0]!;
  const choices = o.choices === 'categories' ? [...catalog.categories, ...(catalog.allCategory ? [catalog.allCategory] : [])].map((c) => c.slug) : o.choices;
  return o.kind === 'subcommand' || (choices && !choices.includes(args)) ? undefined : [opt(o.name, args)];
}

function discordDriver(w: Where): Driver {
  return {
    name: 'discord',
    say: async (text) => {
      const m = /^\/(\w+)\s*(.*)$/.exec(text);
      const options = m ? slashOptions(m[1]!, m[2]!.trim()) : undefined;
      return options && discord(slash(w, m![1]!, options));
    },
    press: (action) => {
      const menu = selects.get(action);
      const data = menu ? { component_type: 3, custom_id: menu, values: [action] } : { component_type: 2, custom_id: action };
      return discord({ ...interaction(w, 3, data), message: { id: '1', flags: 0 } } as never);
    },
  };
}

// ---------------------------------------------------------------- the web chat

const hindiBrowser = { 'accept-language': 'hi', accept: 'application/json' };
const webScreen = (htmls: string[]): Screen => ({
  texts: htmls.map(visible),
  actions: htmls.flatMap((h) => [...h.matchAll(/<button name="action" value="([^"]*)"/g)].map((m) => decodeHTML(m[1]!))),
});

function webDriver(chatId: string): Driver {
  let menu = 0; // the bot's last message with buttons: the one pressed
  const post = async (path: string, form: Record<string, string>): Promise<Screen> => {
    const headers = { ...hindiBrowser, cookie: `herald_try=${chatId}` };
    const res = await fetch(`http://127.0.0.1:${server.port}/try/${path}`, { method: 'POST', headers, body: new URLSearchParams(form) });
    expect(res.status, `web ${path} ${JSON.stringify(form)}`).toBe(200);
    const entries = ((await res.json()) as { entries: { id: number; html: string }[] }).entries.filter((e) => !e.html.startsWith('<div class="msg user'));
    menu = entries.filter((e) => e.html.includes('<form class="buttons"')).at(-1)?.id ?? menu;
    return webScreen(entries.map((e) => e.html));
  };
  return { name: 'web', say: (text) => post('say', { text }), press: (action) => post('press', { entry: String(menu), action }) };
}

// ---------------------------------------------------------------- the tour

/** A typed command, or (after ▸) a button pressed; ▸! presses one no longer on screen. Built from what is on screen when it is a function. */
type Step = string | ((shown: string[]) => string);

/** Every command of the catalogue, without, with a good and with a bad argument, and every menu's buttons. */
const TOUR: Step[] = [
  ...['/start', '▸ob:c:IN', '▸ob:l:hi', '▸ob:s:aajtak', '▸ob:k:sports', '▸ob:k:done', '▸ob:t:08:00', '/help', '/settings'],
  ...['/language', '▸loc:hi', '/language hi', '/language klingon', '/setcountry', '▸cty:t:US', '▸cty:p:IN', '/setcountry IN', '/setcountry add US'],
  ...['/setcountry add CA', '/setcountry remove CA', '/setcountry remove CA', '/setcountry remove IN', '/setcountry Atlantis'],
  ...['/setlanguage', '▸lng:IN:t:en', '▸lng:US', '/setlanguage hi', '/setlanguage klingon', '/setlanguage US', '/sources', '▸src:IN:2'],
  (shown) => `▸${shown.find((a) => a.startsWith('src:IN:t:'))}`,
  ...['/sources IN', '/sources Atlantis', '/categories', '▸cat:t:business', '▸cat:t:all', '/subscribe', '/subscribe sports', '/subscribe astrology'],
  ...['/unsubscribe', '/unsubscribe business', '/unsubscribe astrology', '/digest', '/digest now', '/digest time 07:30', '/digest time 25:99'],
  ...['/digest timezone Asia/Kolkata', '/digest timezone Mars/Base', '/digest timezone Mumbai', '/breaking', '/breaking on', '/breaking off'],
  ...['/breaking maybe', '/quiet', '/quiet 22:00-07:00', '/quiet 22:00-22:00', '/quiet whenever', '/quiet off', '/story'],
  ...['/sound digests on', '/sound breaking off', '/previews off', '/threads on', '/threads off'],
  ...['/mute cricket', '/mute source NDTV', '/mute source Nowhere', '/only sports football', '/filters', '/filters test', '/unmute cricket', '/unmute tennis'],
  () => `/story ${storyId}`,
  () => `/why ${storyId}`,
  '/why 99999999',
  ...['/story abc', '/story 999999', '/frobnicate', 'hello there', '▸!zz:stale', '/stop', '▸stop:no', '/stop', '▸stop:yes'],
];

async function tour(d: Driver): Promise<void> {
  let shown: string[] = [];
  let said = '';
  let seen = 0;
  for (const step of TOUR) {
    const text = typeof step === 'string' ? step : step(shown);
    if (text.startsWith('▸')) {
      const action = text.replace(/^▸!?/, '');
      if (!text.startsWith('▸!')) expect(shown, `${d.name} ${said}: the button ${action} is on screen`).toContain(action);
      const screen = await d.press(action);
      check(`${d.name} ${said} → button ${action}`, screen.texts);
      seen++;
      if (screen.actions.length > 0) shown = screen.actions; // a refusal leaves the menu as it was
      continue;
    }
    said = text;
    const screen = await d.say(said);
    if (!screen) continue;
    check(`${d.name} ${said}`, screen.texts, said.split(/\s+/).slice(1));
    seen++;
    shown = screen.actions;
  }
  // Discord's client cannot send some steps (a required option left out): the rest must have been seen.
  expect(seen).toBeGreaterThan(TOUR.length * 0.8);
}

it('uses the pseudo-locale for readers who speak Hindi', () => {
  const welcome = pseudoTranslation(source).conversation.welcome;
  expect(messagesFor('hi').conversation.welcome).toBe(welcome);
  expect(englishLeft(welcome)).toEqual([]);
  expect(englishLeft(`${welcome} Welcome`)).toEqual(['Welcome']); // and English is seen
});

describe('Telegram, in the pseudo-locale', () => {
  it('goes through every command, onboarding step and menu button without English', async () => {
    await tour(telegramDriver({ id: 801, type: 'private', first_name: 'U801' }, tgUser(801)));
  });

  it('refuses a group member who is not an admin, and channel subscriptions the sender or Herald may not make', async () => {
    const group = telegramDriver({ id: -901, type: 'supergroup', title: 'समाचार समूह' }, tgUser(802));
    check('telegram group, non-admin: /breaking off', (await group.say('/breaking off'))!.texts);
    check('telegram group, non-admin presses a button', (await group.press('cat:t:sports')).texts);
    check('telegram group, non-admin: /help', (await group.say('/help'))!.texts);
    tg.chats.set('@herald_desk', { id: -100901, type: 'channel', title: 'हेराल्ड डेस्क', username: 'herald_desk' });
    const me = telegramDriver({ id: 803, type: 'private', first_name: 'U803' }, tgUser(803));
    check('telegram /subscribe @nowhere_here sports (unknown channel)', (await me.say('/subscribe @nowhere_here sports'))!.texts, ['@nowhere_here', 'sports']);
    check('telegram /subscribe @herald_desk sports (not its admin)', (await me.say('/subscribe @herald_desk sports'))!.texts, ['sports']);
    tg.members.set('-100901/803', { status: 'administrator' });
    check('telegram /subscribe @herald_desk sports (Herald cannot post)', (await me.say('/subscribe @herald_desk sports'))!.texts, ['sports']);
  });

  it('describes every command of the Hindi menu (setMyCommands, language_code hi)', async () => {
    await registerTelegramCommands(bot, log);
    const menu = tg.calls.find((c) => c.method === 'setMyCommands' && c.body.language_code === 'hi');
    const commands = menu!.body.commands as { command: string; description: string }[];
    expect(commands.map((c) => c.command)).toEqual(commandsOn('telegram').map((c) => c.name));
    for (const c of commands) check(`telegram setMyCommands hi: /${c.command}`, [c.description]);
  });
});

describe('Discord, in the pseudo-locale', () => {
  it('goes through every command, onboarding step and menu in a DM without English', async () => {
    await tour(discordDriver(dm(1)));
  });

  it('refuses in a server, and answers odd interactions, without English', async () => {
    const plain = inNews(VIEW | SEND);
    const manager = VIEW | SEND | MANAGE_CHANNELS;
    check('discord server, member without Manage Server: /breaking off', (await discord(slash(plain, 'breaking', [opt('state', 'off')]))).texts);
    const button = { ...interaction(plain, 3, { component_type: 2, custom_id: 'cat:t:sports' }), message: { id: '1', flags: 64 } };
    check('discord server, member without Manage Server presses a button', (await discord(button as never)).texts);
    check('discord server, member without Manage Server: /settings', (await discord(slash(plain, 'settings'))).texts);
    const unnamed = inNews(VIEW | SEND, undefined, { id: NEWS, type: 0 });
    check(
      'discord server, a channel without a name, member without Manage Server: /breaking off',
      (await discord(slash(unnamed, 'breaking', [opt('state', 'off')]))).texts,
    );
    check('discord server, Herald may not post: /breaking off', (await discord(slash(inNews(manager, VIEW), 'breaking', [opt('state', 'off')]))).texts);
    const voice = inNews(manager, VIEW | SEND | EMBED, { id: '700000000000000003', type: 2, name: 'आवाज़' });
    check('discord server, a voice channel: /breaking off', (await discord(slash(voice, 'breaking', [opt('state', 'off')]))).texts);
    const elsewhere = [opt('category', 'sports'), opt('channel', '700000000000000009', 7)];
    check('discord server, /subscribe sports channel: unknown', (await discord(slash(inNews(manager), 'subscribe', elsewhere))).texts, ['sports']);
    check('discord DM, /subscribe sports channel: (servers only)', (await discord(slash(dm(2), 'subscribe', elsewhere))).texts, ['sports']);
    check('discord DM, a user command (not a slash command)', (await discord(interaction(dm(2), 2, { id: '1', name: 'start', type: 2 }))).texts);
    check('discord DM, a modal submit', (await discord(interaction(dm(2), 5, { custom_id: 'x', components: [] }))).texts);
    check(
      'discord, an interaction without a channel',
      (await discord(interaction({ userId: '600000000000000005' }, 2, { id: '1', name: 'stop', type: 1 }))).texts,
    );
    check('discord, a group DM', (await discord(slash({ channel: { id: '710000000000000300', type: 3 }, userId: '600000000000000006' }, 'stop'))).texts);
    // Permissions Discord would never send make the handler fail: the apology is what the member sees.
    const broken: Where = { ...inNews(VIEW), member: 'not-a-number' };
    check('discord server, an answer that failed', (await discord(slash(broken, 'stop'))).texts);
  });

  it('autocompletes in the pseudo-locale', async () => {
    const typing = (command: string, options: unknown[]) => discord(interaction(dm(3), 4, { id: '1', name: command, type: 1, options }));
    check('discord autocomplete /setcountry country:"ind"', (await typing('setcountry', [{ ...opt('country', 'ind'), focused: true }])).texts, ['ind']);
    check('discord autocomplete /setlanguage language:""', (await typing('setlanguage', [{ ...opt('language', ''), focused: true }])).texts);
    const zone = [{ name: 'timezone', type: 1, options: [{ ...opt('zone', 'kolk'), focused: true }] }];
    check('discord autocomplete /digest timezone zone:"kolk"', (await typing('digest', zone)).texts, ['kolk']);
  });

  it("registers every command with Hindi descriptions, and its options' descriptions and choices in Hindi", async () => {
    await registerDiscordCommands({ token: 'discord-test-token', applicationId: dc.applicationId, apiBase: dc.base, catalog, guildId: GUILD });
    type Described = { name: string; description: string; description_localizations?: Record<string, string> };
    type Choice = { name: string; name_localizations?: Record<string, string> };
    type Definition = Described & { options?: Definition[]; choices?: Choice[] };
    const put = dc.callsTo('PUT', /\/commands$/).at(-1)!.body as unknown as Definition[];
    expect(put.map((c) => c.name)).toEqual(commandsOn('discord').map((c) => c.name));
    // What a Hindi client shows: the Hindi localization, else the default.
    const seen = (d: Definition): string[] => [
      d.description_localizations?.hi ?? d.description,
      ...(d.choices ?? []).map((c) => c.name_localizations?.hi ?? c.name),
      ...(d.options ?? []).flatMap(seen),
    ];
    for (const c of put) check(`discord registration /${c.name} (descriptions and choices)`, seen(c));
  });
});

describe('the web chat, in the pseudo-locale', () => {
  it('goes through every command, onboarding step and menu button without English', async () => {
    await tour(webDriver('b2'.repeat(16)));
  });

  it('shows its page, its refusals and its errors to a Hindi browser without English', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/try`, { headers: hindiBrowser });
    check('web /try page, first visit', [visible(await page.text())]);
    const at = (path: string, form: Record<string, string>, cookie = 'c3'.repeat(16)) =>
      fetch(`http://127.0.0.1:${server.port}/try/${path}`, {
        method: 'POST',
        headers: { ...hindiBrowser, cookie: `herald_try=${cookie}` },
        body: new URLSearchParams(form),
      });
    const errorOf = async (res: Response, status: number) => (expect(res.status).toBe(status), [((await res.json()) as { error: string }).error]);
    await at('say', { text: '/help' });
    check('web POST /try/say without text (400)', await errorOf(await at('say', {}), 400));
    check('web POST /try/press without entry and action (400)', await errorOf(await at('press', {}), 400));
    check('web POST /try/press before any chat (400)', await errorOf(await at('press', { entry: '1', action: 'cat:t:sports' }, 'd4'.repeat(16)), 400));
    const inProcess = (chat: WebChat, openToAll: boolean) =>
      createHttpApp({ isReady: async () => true, logger: log, routes: [{ prefix: '/try', app: webChatRoutes({ chat, demo: false, openToAll }) }] });
    // From another machine: in process, the request has no loopback peer.
    check('web /try from another machine (403)', await errorOf(await inProcess(webChat, false).request('/try', { headers: hindiBrowser }), 403));
    const limited = (max: number, maxChats: number) =>
      new WebChat({
        conversation,
        targets,
        log: new PrismaChatLog(db.prisma),
        limits: { newChats: new WindowedCounter({ max, windowMs: 3600_000 }), maxChats },
      });
    const say = (app: ReturnType<typeof inProcess>) =>
      app.request('/try/say', { method: 'POST', headers: hindiBrowser, body: new URLSearchParams({ text: '/help' }) });
    const perClient = inProcess(limited(1, 1000), true);
    await say(perClient);
    check('web: too many new chats (429)', await errorOf(await say(perClient), 429));
    check('web: the web chat is full (429)', await errorOf(await say(inProcess(limited(100, 0), true)), 429));
  });
});

describe('delivery, in the pseudo-locale', () => {
  it('sends a digest and a breaking alert to Hindi readers on Telegram, Discord and the web chat without English', async () => {
    const now = new Date('2026-11-23T02:30:00Z'); // 08:00 in Kolkata
    const clock = () => now;
    const webId = 'a1'.repeat(16);
    const readers = [
      { platform: 'telegram', externalId: '9101', kind: 'private' as const },
      { platform: 'discord', externalId: '720000000000000901', kind: 'dm' as const },
      { platform: 'web', externalId: webId, kind: 'private' as const },
    ];
    for (const r of readers) await targets.setLocale((await makeTarget(db.prisma, catalog, { ...r, country: 'IN', categories: ['national'] })).id, 'hi');
    await story({
      headline: 'Tea estate workers win wage revision in Assam',
      sources: ['the-hindu', 'ndtv', 'india-today'],
      at: new Date(now.getTime() - 3600_000),
    });
    const outbox = new PrismaOutboxRepository(db.prisma, clock);
    const audience = new PrismaAudienceRepository(db.prisma);
    const stories = new PrismaStoryRepository(db.prisma);
    await new DigestScheduler({ audience, outbox, stories, catalog, logger: log, clock }, { cap: defaults.delivery.digestCap }).tick();
    await story({
      headline: 'Brahmaputra embankment breach near Dibrugarh',
      sources: ['the-hindu', 'ndtv'],
      at: new Date(now.getTime() - 300_000),
      breaking: true,
    });
    await new BreakingFanout({ stories: audience, audience, outbox, catalog, logger: log, clock }, { capPerHour: defaults.delivery.breakingCapPerHour }).run();
    const messengers = {
      telegram: TelegramMessenger.create('123:TEST', tg.apiRoot),
      discord: DiscordMessenger.create('discord-test-token', dc.base),
      web: new WebMessenger(new PrismaChatLog(db.prisma)),
    };
    const deliverer = new Deliverer({
      outbox,
      messengers,
      targets,
      budget: new MemorySendBudget(budgetLimits()),
      logger: log,
      clock,
      options: deliveryOptions,
    });
    await new OutboxWorker({ outbox, deliverer, logger: log, clock }, { batch: 50, concurrency: 4, idleMs: 50 }).drain();

    const telegram = tg.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === '9101');
    expect(telegram).toHaveLength(2);
    telegram.forEach((c, i) => check(`telegram delivery ${['digest', 'breaking'][i]}`, telegramScreen([c]).texts));
    const posts = dc.callsTo('POST', /^\/channels\/720000000000000901\/messages$/);
    expect(posts).toHaveLength(2);
    posts.forEach((c, i) => check(`discord delivery ${['digest', 'breaking'][i]}`, discordScreen([c.body as MessageData]).texts));
    const headers = { ...hindiBrowser, cookie: `herald_try=${webId}` };
    const { entries } = (await (await fetch(`http://127.0.0.1:${server.port}/try/entries`, { headers })).json()) as { entries: { html: string }[] };
    expect(entries).toHaveLength(2);
    entries.forEach((e, i) => check(`web delivery ${['digest', 'breaking'][i]}`, [visible(e.html)]));
    check('web /try page with the deliveries', [visible(await (await fetch(`http://127.0.0.1:${server.port}/try`, { headers })).text())]);
  });
});
