// The limits contract on every adapter: Telegram (the real grammY client against the fake Bot
// API), Discord (the real REST client against the fake REST API) and the web chat (its
// messenger on a real SQLite chat log, rendered as the page shows it). Each harness checks
// what its platform received against that platform's own numbers, counted as the platform
// counts them (Telegram: the text after its HTML is parsed; Discord: characters of content and
// of a message's embeds together).
import { afterAll, beforeAll } from 'vitest';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { WebMessenger } from '../../src/platforms/web/web-messenger.ts';
import { renderEntry } from '../../src/platforms/web/web-render.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaChatLog } from '../../src/store/chat-log.store.ts';
import { limitsContract } from '../contracts/limits.contract.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';

let api: FakeTelegramApi;
let discord: FakeDiscordApi;
let testDb: TestDatabase;
let db: Database;
beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  discord = await new FakeDiscordApi().start();
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
});
afterAll(async () => {
  await api.stop();
  await discord.stop();
  await db.close();
  await testDb.dispose();
});

const BARE_URL = /https?:\/\/[^\s<>"]+/g;
const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
const length = (s: string) => [...s].length;
const over = (what: string, n: number, max: number) => (n > max ? [`${what} ${n} > ${max}`] : []);

// ---------------------------------------------------------------- Telegram

type TelegramBody = { text?: string; caption?: string; photo?: string; reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] } };

limitsContract('Telegram', async () => {
  const from = api.calls.length;
  const html = (b: TelegramBody) => b.text ?? b.caption ?? '';
  return {
    messenger: TelegramMessenger.create('123:TEST', api.apiRoot),
    target: '778',
    received: async () =>
      api.calls
        .slice(from)
        .filter((c) => c.method === 'sendMessage' || c.method === 'sendPhoto')
        .map((c) => c.body),
    check: (m) => {
      const b = m as TelegramBody;
      // Telegram counts the text its HTML stands for, and each tag (link, bold, italic) as one entity.
      const text = unescapeHtml(html(b).replace(/<[^>]*>/g, ''));
      const keys = b.reply_markup?.inline_keyboard?.flat() ?? [];
      return [
        ...(b.caption !== undefined ? over('caption', length(text), 1024) : over('text', length(text), 4096)),
        ...over('entities', html(b).match(/<(a|b|i|u|s|code|pre|blockquote)[\s>]/g)?.length ?? 0, 100),
        ...over('buttons', keys.length, 100),
        ...keys.flatMap((k) => over(`callback_data of "${k.text}"`, Buffer.byteLength(k.callback_data ?? ''), 64)),
      ];
    },
    links: (m) => [...hrefs(html(m as TelegramBody)), ...(unescapeHtml(html(m as TelegramBody).replace(/<[^>]*>/g, ' ')).match(BARE_URL) ?? [])],
    images: (m) => ((m as TelegramBody).photo ? [String((m as TelegramBody).photo)] : []),
  };
});

// ---------------------------------------------------------------- Discord

type Embed = {
  title?: string;
  url?: string;
  description?: string;
  author?: { name: string };
  footer?: { text: string };
  image?: { url: string };
  thumbnail?: { url: string };
};
type Component = { type: number; label?: string; custom_id?: string; options?: { label: string; value: string }[] };
type DiscordBody = { content?: string; embeds?: Embed[]; components?: { components: Component[] }[] };

limitsContract('Discord', async () => {
  const from = discord.calls.length;
  return {
    messenger: DiscordMessenger.create('discord-test-token', discord.base),
    target: '3101',
    received: async () =>
      discord.calls
        .slice(from)
        .filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path))
        .map((c) => c.body),
    check: (m) => {
      const b = m as DiscordBody;
      const embeds = b.embeds ?? [];
      // Discord counts title, description, author, footer (and fields) of all a message's embeds together.
      const size = (e: Embed) => length(e.title ?? '') + length(e.description ?? '') + length(e.author?.name ?? '') + length(e.footer?.text ?? '');
      const rows = b.components ?? [];
      return [
        ...over('content', length(b.content ?? ''), 2000),
        ...over('embeds', embeds.length, 10),
        ...over(
          'embed characters',
          embeds.reduce((n, e) => n + size(e), 0),
          6000,
        ),
        ...embeds.flatMap((e, i) => [
          ...over(`embed ${i} title`, length(e.title ?? ''), 256),
          ...over(`embed ${i} description`, length(e.description ?? ''), 4096),
          ...over(`embed ${i} author`, length(e.author?.name ?? ''), 256),
          ...over(`embed ${i} footer`, length(e.footer?.text ?? ''), 2048),
        ]),
        ...over('rows', rows.length, 5),
        ...rows.flatMap((r, i) => [
          ...over(`row ${i} components`, r.components.length, r.components[0]?.type === 3 ? 1 : 5),
          ...r.components.flatMap((c) => [
            ...over('button label', length(c.label ?? ''), 80),
            ...over('custom_id', length(c.custom_id ?? ''), 100),
            ...over('options', c.options?.length ?? 0, 25),
            ...(c.options ?? []).flatMap((o) => [...over('option label', length(o.label), 100), ...over('option value', length(o.value), 100)]),
          ]),
        ]),
      ];
    },
    links: (m) => {
      const b = m as DiscordBody;
      return [...(b.embeds ?? []).flatMap((e) => [e.url ?? '', ...(e.description?.match(BARE_URL) ?? [])]), ...(b.content?.match(BARE_URL) ?? [])];
    },
    images: (m) => ((m as DiscordBody).embeds ?? []).flatMap((e) => [e.image?.url, e.thumbnail?.url].filter((u): u is string => !!u)),
  };
});

// ---------------------------------------------------------------- the web chat

limitsContract('web chat', async () => {
  const log = new PrismaChatLog(db.prisma);
  const chat = `limits-${Math.random().toString(36).slice(2)}`;
  const clock = { locale: 'en' as const, timezone: 'Asia/Kolkata', region: 'IN' };
  const now = new Date('2026-11-21T07:00:00Z');
  return {
    messenger: new WebMessenger(log),
    target: chat,
    received: async () => (await log.since(chat, 0, 1000)).map((e) => renderEntry(e, clock, now).toString()),
    // A page has no message limit: a message is one entry, whole.
    check: () => [],
    links: (m) => hrefs(m as string),
    images: (m) => [...(m as string).matchAll(/<img src="([^"]*)"/g)].map((x) => unescapeHtml(x[1]!)),
  };
});
