// The Discord bot end to end: signed HTTP interactions through the real Hono route, answered
// by the interaction handler on the conversation core, on a real SQLite file, with the fake
// Discord REST API for follow-ups and permission lookups; and gateway mode with the real
// discord.js Client against the fake gateway.
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot, registerCommands, type RunningDiscordBot } from '../../src/platforms/discord/discord-bot.ts';
import { DiscordInteractions } from '../../src/platforms/discord/discord-interactions.ts';
import { createDiscordRest, DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { sendToTarget } from '../../src/core/delivery/send-to-target.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { Conversation } from '../../src/core/conversation/conversation.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaSuggestionRepository } from '../../src/store/suggestions.store.ts';
import { isPublicUrl } from '../../src/ingest/fetch/public-address.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { makeStory } from '../support/delivery-fixtures.ts';
import { encodeAction } from '../../src/core/message/action.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { PlatformHealth } from '../../src/core/status/platform-health.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { discordInteractionRoutes } from '../../src/platforms/discord/discord-interactions.routes.ts';
import { startHttpServer, type RunningServer } from '../../src/http/server.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { defaults } from '../support/defaults.ts';

const GUILD = '500000000000000001';
const OWNER = '600000000000000001';
const ADMIN_USER = '600000000000000002';
const PLAIN_USER = '600000000000000003';
const NEWS = '700000000000000001'; // a text channel the bot may post in
const LOCKED = '700000000000000002'; // the bot may view but not send
const VOICE = '700000000000000003';
// Permission bits (Discord's documented values).
const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const MANAGE_CHANNELS = 1n << 4n;
const ALL_BOT = String(VIEW | SEND | EMBED);

let discord: FakeDiscordApi;
let testDb: TestDatabase;
let db: Database;
let catalog: Catalog;
let server: RunningServer;
let privateKey: KeyObject;
let publicKeyHex: string;
let targets: PrismaTargetRepository;
let conversation: Conversation;
let interactionId = 1;

const user = (id: string) => ({ id, username: `u${id.slice(-3)}`, global_name: null, discriminator: '0', avatar: null });
const dmChannel = (id: string) => ({ id, type: 1 });
const guildChannel = (id: string, name: string, type = 0) => ({ id, type, name, guild_id: GUILD });

interface Base {
  channel: { id: string; type: number; name?: string };
  userId: string;
  /** The member's permissions in the channel (guild only). */
  member?: string;
  /** The bot's permissions in the channel (guild only). */
  app?: string;
}

function base(b: Base) {
  const guild = b.member !== undefined;
  return {
    id: String(interactionId++),
    application_id: '900000000000000001',
    token: `tok-${interactionId}`,
    version: 1,
    channel: b.channel,
    channel_id: b.channel.id,
    ...(guild
      ? {
          guild_id: GUILD,
          member: { user: user(b.userId), roles: [], permissions: b.member, joined_at: '2020-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 },
          app_permissions: b.app ?? ALL_BOT,
        }
      : { user: user(b.userId), app_permissions: ALL_BOT }),
    entitlements: [],
    authorizing_integration_owners: {},
    locale: 'en-US',
  };
}

const command = (b: Base, name: string, options: unknown[] = [], resolved?: unknown) => ({
  ...base(b),
  type: 2,
  data: { id: '1', name, type: 1, options, ...(resolved ? { resolved } : {}) },
});
const opt = (name: string, value: string | number, type = 3) => ({ name, type, value });
const press = (b: Base, customId: string) => ({ ...base(b), type: 3, message: { id: '1' }, data: { component_type: 2, custom_id: customId } });
const choose = (b: Base, customId: string, value: string) => ({
  ...base(b),
  type: 3,
  message: { id: '1' },
  data: { component_type: 3, custom_id: customId, values: [value] },
});

function signed(body: string, timestamp = String(Math.floor(Date.now() / 1000)), key = privateKey) {
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), key).toString('hex'),
  };
}

async function post(
  interaction: unknown,
  headers?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> & { type?: number; data?: Record<string, unknown> } }> {
  const body = JSON.stringify(interaction);
  const res = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, { method: 'POST', body, headers: headers ?? signed(body) });
  return { status: res.status, body: (await res.json()) as never };
}

const content = (r: { body: { data?: Record<string, unknown> } }) => String(r.body.data?.['content'] ?? '');
const customIds = (r: { body: { data?: Record<string, unknown> } }) =>
  ((r.body.data?.['components'] as { components: { custom_id: string; options?: { value: string }[] }[] }[]) ?? []).flatMap((row) =>
    row.components.flatMap((c) => (c.options ? c.options.map((o) => o.value) : [c.custom_id])),
  );

beforeAll(async () => {
  discord = await new FakeDiscordApi().start();
  discord.guilds.set(GUILD, {
    id: GUILD,
    owner_id: OWNER,
    roles: [
      { id: GUILD, name: '@everyone', permissions: String(VIEW | SEND) },
      { id: '800000000000000001', name: 'herald', permissions: String(EMBED) },
    ],
  });
  discord.members.set(`${GUILD}/${discord.applicationId}`, ['800000000000000001']);
  discord.channels.set(NEWS, { ...guildChannel(NEWS, 'news'), permission_overwrites: [] });
  discord.channels.set(LOCKED, {
    ...guildChannel(LOCKED, 'announcements', 5),
    permission_overwrites: [{ id: GUILD, type: 0, allow: '0', deny: String(SEND) }],
  });
  discord.channels.set(VOICE, guildChannel(VOICE, 'voice', 2));

  const keys = generateKeyPairSync('ed25519');
  privateKey = keys.privateKey;
  publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

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
    digestCap: defaults.delivery.digestCap,
    coverage: new PrismaStoryRepository(db.prisma),
    suggestions: { repository: new PrismaSuggestionRepository(db.prisma), isPublicUrl },
  });
  const log = recordingLogger().logger;
  const bot = startDiscordBot({
    token: 'discord-test-token',
    applicationId: discord.applicationId,
    apiBase: discord.base,
    publicKey: publicKeyHex,
    catalog,
    conversation,
    targets,
    logger: log,
    health: new PlatformHealth(),
  });
  const routes = [
    {
      prefix: '/discord',
      app: discordInteractionRoutes({ publicKey: publicKeyHex, logger: log, answer: (i, reply) => bot.interactions.answer(i as never, reply as never) }),
    },
  ];
  server = await startHttpServer(createHttpApp({ isReady: async () => true, logger: log, routes }), { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close(1000);
  await discord.stop();
  await db.close();
  await testDb.dispose();
});

describe('HTTP interactions: signatures', () => {
  it('answers PING with PONG', async () => {
    const r = await post({ id: '1', type: 1, application_id: '1', token: 't', version: 1 });
    expect(r).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a forged signature, a body changed after signing, a missing signature and a stale timestamp with 401', async () => {
    const body = JSON.stringify({ id: '1', type: 1 });
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, { method: 'POST', body, headers: signed(body, undefined, forger) });
    expect(forged.status).toBe(401);
    const tampered = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, {
      method: 'POST',
      body: body.replace('1', '2'),
      headers: signed(body),
    });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    const stale = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, {
      method: 'POST',
      body,
      headers: signed(body, String(Math.floor(Date.now() / 1000) - 3600)),
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: 'stale timestamp' });
  });

  it('answers a signed body that is not an interaction with 400', async () => {
    const body = 'not json';
    const res = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, { method: 'POST', body, headers: signed(body) });
    expect(res.status).toBe(400);
  });
});

describe('HTTP interactions: personal preferences in a DM', () => {
  const me: Base = { channel: dmChannel('710000000000000001'), userId: '600000000000000010' };

  it('runs onboarding from /start through buttons, updating the message in place', async () => {
    const start = await post(command(me, 'start'));
    expect(start.status).toBe(200);
    expect(start.body.type).toBe(4);
    expect(content(start)).toMatch(/Welcome to Herald/);
    expect(start.body.data!['flags']).toBeUndefined(); // a DM answer is not ephemeral
    expect(start.body.data!['allowed_mentions']).toEqual({ parse: [] });
    const india = customIds(start).find((id) => id.startsWith('ob:') && id.includes('IN'));
    expect(india).toBeDefined();
    const next = await post(press(me, india!));
    expect(next.body.type).toBe(7); // UPDATE_MESSAGE: the same message, edited
    expect(content(next)).toMatch(/India/);
    const target = await targets.find({ platform: 'discord', externalId: '710000000000000001' });
    expect(target).toMatchObject({ kind: 'dm', active: true });
  });

  it("maps each command's options onto the conversation core", async () => {
    expect(content(await post(command(me, 'setcountry', [opt('country', 'US')])))).toMatch(/United States is now your primary country/);
    expect(content(await post(command(me, 'setcountry', [opt('country', 'IN'), opt('mode', 'add')])))).toMatch(/Added India/);
    expect(content(await post(command(me, 'setlanguage', [opt('language', 'hi')])))).toMatch(/United States offers no language "hi". Available: English./);
    expect(content(await post(command(me, 'digest', [{ name: 'time', type: 1, options: [opt('time', '07:30')] }])))).toMatch(/07:30/);
    expect(content(await post(command(me, 'digest', [{ name: 'timezone', type: 1, options: [opt('zone', 'Asia/Kolkata')] }])))).toMatch(/Asia\/Kolkata/);
    // Options the command takes reach the core: /sound's, /previews', /language's and /story's.
    expect(content(await post(command(me, 'sound', [opt('what', 'digests'), opt('state', 'on')])))).toBe(
      'Digests arrive with a sound; breaking news with a sound.',
    );
    expect(content(await post(command(me, 'previews', [opt('state', 'off')])))).toBe('Link previews under breaking news: off.');
    expect(content(await post(command(me, 'story', [opt('number', '999999')])))).toMatch(/999999/);
    expect(content(await post(command(me, 'language', [opt('locale', 'de')])))).toContain(messagesFor('de').conversation.localeSet({ language: 'Deutsch' }));
    expect(content(await post(command(me, 'language', [opt('locale', 'en')])))).toContain(messagesFor('en').conversation.localeSet({ language: 'English' }));
    expect(content(await post(command(me, 'digest', [{ name: 'now', type: 1 }])))).toMatch(/not available|Nothing new/i);
    expect(content(await post(command(me, 'breaking', [opt('state', 'off')])))).toMatch(/off/i);
    expect(content(await post(command(me, 'quiet', [opt('hours', '22:00-07:00')])))).toMatch(/22:00/);
    const badQuiet = await post(command(me, 'quiet', [opt('hours', 'whenever')]));
    expect(badQuiet.body.data!['flags']).toBe(64); // a wrong argument is answered privately
    expect(content(await post(command(me, 'subscribe', [opt('category', 'sports')])))).toMatch(/Sports/);
    expect(content(await post(command(me, 'unsubscribe', [opt('category', 'sports')])))).toMatch(/Sports/);
    const settings = await post(command(me, 'settings'));
    expect(content(settings)).toMatch(/United States/);
    expect(content(settings)).toMatch(/Asia\/Kolkata/);
    expect(content(await post(command(me, 'help')))).toMatch(/\/setcountry/);
    expect(customIds(await post(command(me, 'categories'))).some((id) => id.startsWith('cat:t:'))).toBe(true);
  });

  it('shows menus too long for buttons as select menus, and a choice updates the message', async () => {
    const sources = await post(command(me, 'sources', [opt('country', 'US')]));
    const rows = sources.body.data!['components'] as { components: { type: number; custom_id: string }[] }[];
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows[0]!.components[0]!.type).toBe(3); // a string select
    const primary = customIds(sources).find((v) => v.startsWith('src:US:p:'))!;
    const chosen = await post(choose(me, rows[0]!.components[0]!.custom_id, primary));
    expect(chosen.body.type).toBe(7);
    expect(content(chosen)).toMatch(/Primary source|main source|primary/i);
  });

  it("shows a story's every outlet to whoever pressed Sources, as a message of their own, and goes back in it", async () => {
    const story = await makeStory(db.prisma, { headline: 'Quake', sources: ['the-hindu', 'ndtv'], breaking: true, at: new Date() });
    const opened = await post(press(me, encodeAction({ kind: 'sources', story })));
    expect(opened.body.type).toBe(4); // a new message, not an update of the alert everyone sees
    expect(opened.body.data!['flags']).toBe(64);
    expect(content(opened)).toBe('**Reported by 2 outlets**');
    const embeds = opened.body.data!['embeds'] as { title: string; url: string; author: { name: string } }[];
    expect(embeds.map((e) => [e.author.name, e.url])).toEqual([
      ['The Hindu', expect.stringMatching(/^https:\/\/the-hindu\.example\//)],
      ['NDTV', expect.stringMatching(/^https:\/\/ndtv\.example\//)],
    ]);
    // Back, within that message: it is updated in place.
    const back = await post({
      ...press(
        me,
        customIds(opened).find((id) => id.endsWith(':b'))!,
      ),
      message: { id: '2', flags: 64 },
    });
    expect(back.body.type).toBe(7);
    expect(customIds(back)).toEqual([encodeAction({ kind: 'sources', story })]);
  });

  it('autocompletes countries and time zones', async () => {
    const countries = await post({
      ...base(me),
      type: 4,
      data: { id: '1', name: 'setcountry', type: 1, options: [{ name: 'country', type: 3, value: 'ind', focused: true }] },
    });
    expect(countries.body).toEqual({ type: 8, data: { choices: [{ name: 'India', value: 'IN' }] } });
    const zones = await post({
      ...base(me),
      type: 4,
      data: { id: '1', name: 'digest', type: 1, options: [{ name: 'timezone', type: 1, options: [{ name: 'zone', type: 3, value: 'kolk', focused: true }] }] },
    });
    expect(zones.body.data!['choices']).toEqual([{ name: 'Asia/Kolkata', value: 'Asia/Kolkata' }]);
    // In the user's language, matched in it as well as in English and by code.
    const inGerman = (value: string) =>
      post({
        ...base(me),
        locale: 'de',
        type: 4,
        data: { id: '1', name: 'setcountry', type: 1, options: [{ name: 'country', type: 3, value, focused: true }] },
      });
    expect((await inGerman('indi')).body).toEqual({ type: 8, data: { choices: [{ name: 'Indien', value: 'IN' }] } });
    expect((await inGerman('united states')).body).toEqual({ type: 8, data: { choices: [{ name: 'Vereinigte Staaten', value: 'US' }] } });
    const city = await post({
      ...base(me),
      type: 4,
      data: {
        id: '1',
        name: 'digest',
        type: 1,
        options: [{ name: 'timezone', type: 1, options: [{ name: 'zone', type: 3, value: 'Mumbai', focused: true }] }],
      },
    });
    expect((city.body.data!['choices'] as { value: string }[])[0]).toEqual({ name: 'Asia/Kolkata', value: 'Asia/Kolkata' });
  });

  it('/stop asks first, and the confirmation deletes the target', async () => {
    const other: Base = { channel: dmChannel('710000000000000009'), userId: '600000000000000019' };
    await post(command(other, 'breaking', [opt('state', 'on')]));
    const stop = await post(command(other, 'stop'));
    expect(customIds(stop)).toEqual(['stop:yes', 'stop:no']);
    await post(press(other, 'stop:yes'));
    expect(await targets.find({ platform: 'discord', externalId: '710000000000000009' })).toBeNull();
  });
});

describe('HTTP interactions: channel subscriptions in a guild', () => {
  const admin = (channel = guildChannel(NEWS, 'news'), app = ALL_BOT): Base => ({
    channel,
    userId: ADMIN_USER,
    member: String(VIEW | SEND | MANAGE_CHANNELS),
    app,
  });
  const plain = (): Base => ({ channel: guildChannel(NEWS, 'news'), userId: PLAIN_USER, member: String(VIEW | SEND) });

  it('lets a member with Manage Channels subscribe the channel, answering ephemerally', async () => {
    const r = await post(command(admin(), 'subscribe', [opt('category', 'national')]));
    expect(r.body.data!['flags']).toBe(64);
    expect(content(r)).toMatch(/National/);
    const target = await targets.find({ platform: 'discord', externalId: NEWS });
    expect(target).toMatchObject({ kind: 'guild_channel', title: 'news' });
  });

  it('refuses a member without Manage Channels, ephemerally, saying what is missing; read-only commands still answer', async () => {
    const r = await post(command(plain(), 'subscribe', [opt('category', 'sports')]));
    expect(r.body.data!['flags']).toBe(64);
    expect(content(r)).toBe('You need the Manage Channels or Manage Server permission to change what #news receives.');
    const button = await post(press(plain(), 'cat:t:sports'));
    expect(content(button)).toMatch(/Manage Channels/);
    expect(button.body.data!['flags']).toBe(64);
    const settings = await post(command(plain(), 'settings'));
    expect(content(settings)).toMatch(/National/);
  });

  it('takes /suggest from any member, answering privately, and counts it per member, not per channel', async () => {
    const r = await post(command(plain(), 'suggest', [opt('url', 'https://nachrichten.example.de/')]));
    expect(r.body.data!['flags']).toBe(64);
    expect(content(r)).toMatch(/^Thank you: I have passed https:\/\/nachrichten\.example\.de\/ to the people who run this Herald/);
    expect(content(await post(command(admin(), 'suggest', [opt('url', 'https://nachrichten.example.de/')])))).toMatch(/^Thank you/);
    expect(content(await post(command(plain(), 'suggest', [opt('url', 'nachrichten.example.de')])))).toMatch(/^You have suggested/);
    const rows = await db.prisma.suggestion.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((x) => x.reader)).toEqual([`discord:${PLAIN_USER}`, `discord:${ADMIN_USER}`]);
  });

  it('refuses a channel the bot cannot post in, naming the missing permissions', async () => {
    const r = await post(command(admin(guildChannel(NEWS, 'news'), String(VIEW)), 'subscribe', [opt('category', 'sports')]));
    expect(content(r)).toBe('I cannot post in #news: I am missing Send Messages and Embed Links there. Give me them, then try again.');
    expect(r.body.data!['flags']).toBe(64);
  });

  it("subscribes another channel after checking the member's and the bot's permissions there", async () => {
    const resolved = (id: string, name: string, type: number, permissions: string) => ({ channels: { [id]: { id, name, type, permissions } } });
    const ok = await post(
      command(admin(), 'subscribe', [opt('category', 'business'), opt('channel', NEWS, 7)], resolved(NEWS, 'news', 0, String(MANAGE_CHANNELS | VIEW))),
    );
    expect(content(ok)).toMatch(/Business/);
    // The bot's rights in #announcements come from roles and overwrites: @everyone is denied Send Messages there.
    const locked = await post(
      command(admin(), 'subscribe', [opt('category', 'sports'), opt('channel', LOCKED, 7)], resolved(LOCKED, 'announcements', 5, String(MANAGE_CHANNELS))),
    );
    expect(content(locked)).toBe('I cannot post in #announcements: I am missing Send Messages there. Give me it, then try again.');
    expect(await targets.find({ platform: 'discord', externalId: LOCKED })).toBeNull();
    const notManager = await post(command(admin(), 'subscribe', [opt('category', 'sports'), opt('channel', NEWS, 7)], resolved(NEWS, 'news', 0, String(VIEW))));
    expect(content(notManager)).toMatch(/Manage Channels/);
    const voice = await post(
      command(admin(), 'subscribe', [opt('category', 'sports'), opt('channel', VOICE, 7)], resolved(VOICE, 'voice', 2, String(MANAGE_CHANNELS))),
    );
    expect(content(voice)).toMatch(/not a text or announcement channel/);
  });
});

describe('delivery to a Discord channel', () => {
  it('deactivates the target when the channel is gone (404) or access is lost (403), keeping its preferences', async () => {
    const messenger = DiscordMessenger.create('discord-test-token', discord.base);
    const deps = { messenger, targets, logger: recordingLogger().logger };
    const target = (await targets.find({ platform: 'discord', externalId: NEWS }))!;
    expect(await sendToTarget(deps, target, { lines: ['@everyone hello'] })).toMatchObject({ status: 'sent' });
    discord.failNext(`POST /channels/${NEWS}/messages`, { status: 404 });
    expect(await sendToTarget(deps, target, { lines: ['x'] })).toEqual({ status: 'gone', reason: 'Discord 404: Unknown Channel' });
    expect(await targets.find({ platform: 'discord', externalId: NEWS })).toMatchObject({ active: false, deactivatedReason: 'Discord 404: Unknown Channel' });
    expect(await new PrismaPreferencesRepository(db.prisma).load(target.id)).not.toBeNull();
    // Talking to Herald there again brings it back.
    await post(command({ channel: guildChannel(NEWS, 'news'), userId: ADMIN_USER, member: String(MANAGE_CHANNELS) }, 'settings'));
    expect(await targets.find({ platform: 'discord', externalId: NEWS })).toMatchObject({ active: true });
  });
});

describe('the 3-second rule', () => {
  it('defers a slow answer and edits the original message when it is ready', async () => {
    const slowConversation = Object.create(conversation) as Conversation;
    slowConversation.command = async (...args) => {
      await new Promise((r) => setTimeout(r, 300));
      return conversation.command(...args);
    };
    const interactions = new DiscordInteractions({
      conversation: slowConversation,
      targets,
      catalog,
      rest: createDiscordRest('discord-test-token', discord.base),
      applicationId: discord.applicationId,
      logger: recordingLogger().logger,
      deferAfterMs: 50,
    });
    const replies: unknown[] = [];
    const interaction = command({ channel: dmChannel('710000000000000020'), userId: '600000000000000020' }, 'help');
    await interactions.answer(interaction as never, async (r) => void replies.push(r));
    expect(replies).toEqual([{ type: 5 }]);
    const edit = discord.callsTo('PATCH', new RegExp(`^/webhooks/${discord.applicationId}/${interaction.token}/messages/@original$`));
    expect(edit).toHaveLength(1);
    expect(String(edit[0]!.body!['content'])).toMatch(/\/setcountry/);
    expect(edit[0]!.headers.authorization).toBeUndefined(); // webhook routes use the interaction token, not the bot's
  });
});

describe('gateway mode and registration', () => {
  let bot: RunningDiscordBot;
  afterAll(() => bot?.stop());

  it('receives an interaction from the gateway with discord.js and answers through the callback route', async () => {
    const health = new PlatformHealth();
    bot = startDiscordBot({
      token: 'discord-test-token',
      applicationId: discord.applicationId,
      apiBase: discord.base,
      publicKey: undefined,
      catalog,
      conversation,
      targets,
      logger: recordingLogger().logger,
      health,
    });
    expect(bot.mode).toBe('gateway');
    // It logs in in the background.
    for (let i = 0; i < 200 && health.get('discord')?.state !== 'up'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(health.get('discord')?.state).toBe('up');
    expect(discord.identified).toBeGreaterThanOrEqual(1);
    const interaction = command({ channel: dmChannel('710000000000000030'), userId: '600000000000000030' }, 'help');
    discord.dispatch('INTERACTION_CREATE', interaction);
    let callback;
    for (let i = 0; i < 100 && !callback; i++) {
      callback = discord.callsTo('POST', new RegExp(`^/interactions/${interaction.id}/${interaction.token}/callback$`))[0];
      if (!callback) await new Promise((r) => setTimeout(r, 20));
    }
    expect(callback?.body).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
    expect(String((callback!.body!['data'] as { content: string }).content)).toMatch(/\/setcountry/);
  });

  it('registers the slash commands, in one guild or globally', async () => {
    const names = await registerCommands({ token: 'discord-test-token', applicationId: discord.applicationId, apiBase: discord.base, catalog, guildId: GUILD });
    expect(names).toEqual(
      'start setcountry setlanguage sources categories digest breaking quiet sound previews threads mute only unmute why suggest filters subscribe unsubscribe story settings language stop help'.split(
        ' ',
      ),
    );
    const put = discord.callsTo('PUT', new RegExp(`^/applications/${discord.applicationId}/guilds/${GUILD}/commands$`));
    expect(put).toHaveLength(1);
    // Described in Discord's locales Herald speaks (Discord has none for Arabic).
    const language = (put[0]!.body as unknown as { name: string; description_localizations: Record<string, string> }[]).find((c) => c.name === 'language')!;
    expect(Object.keys(language.description_localizations).sort()).toEqual(['de', 'fr', 'hi', 'zh-CN']);
    expect(language.description_localizations.de).toBe(messagesFor('de').commands.language);
    type Choice = { name: string; value: string; name_localizations?: Record<string, string> };
    type Registered = { name: string; options?: { name: string; name_localizations?: Record<string, string>; choices?: Choice[] }[] };
    const commands = put[0]!.body as unknown as Registered[];
    const subscribe = commands.find((c) => c.name === 'subscribe')!;
    expect(subscribe.options![0]!.choices).toContainEqual({ name: 'Sports', value: 'sports', name_localizations: expect.objectContaining({ de: 'Sport' }) });
    // Options named in each language, within Discord's rule for names; choices too.
    const setcountry = commands.find((c) => c.name === 'setcountry')!;
    expect(setcountry.options![0]!.name_localizations).toEqual({ hi: 'देश', de: 'land', fr: 'pays', 'zh-CN': '国家' });
    expect(setcountry.options![1]!.choices).toContainEqual({
      name: 'add',
      value: 'add',
      name_localizations: { hi: 'जोड़ें', de: 'hinzufügen', fr: 'ajouter', 'zh-CN': '添加' },
    });
    const languages = commands.find((c) => c.name === 'language')!.options![0]!.choices!;
    expect(languages.map((c) => c.name)).toEqual(['English', 'हिन्दी', 'العربية', 'Deutsch', '中文', 'Français']);
    for (const o of commands.flatMap((c) => c.options ?? []))
      for (const name of Object.values(o.name_localizations ?? {})) expect(name).toMatch(/^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u);
  });
});
