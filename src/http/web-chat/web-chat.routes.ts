// /try: the local web chat's page and its three calls. A browser's chat is named by a random
// HttpOnly cookie (SameSite=Strict, so another site cannot post into it). Forms work without
// the script (303 back to the page); the script asks for JSON and gets rendered entries.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WebChat } from '../../bots/web/web-chat.ts';
import { renderEntry } from '../../bots/web/web-render.ts';
import type { ChatEntry } from '../../core/chatlog/chat-log.ts';
import type { HttpEnv } from '../http-env.ts';
import { tryPage } from './try.page.ts';

const COOKIE = 'herald_try';
const ID_RE = /^[a-f0-9]{32}$/;

function chatIdOf(c: Context, create: boolean): string | undefined {
  const id = getCookie(c, COOKIE);
  if (id && ID_RE.test(id)) return id;
  if (!create) return undefined;
  const fresh = randomBytes(16).toString('hex');
  setCookie(c, COOKIE, fresh, { httpOnly: true, sameSite: 'Strict', path: '/try', maxAge: 30 * 24 * 3600 });
  return fresh;
}

const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');
const asJson = (entries: ChatEntry[]) => ({ entries: entries.map((e) => ({ id: e.id, html: renderEntry(e).toString() })) });

export function webChatRoutes(opts: { chat: WebChat; demo: boolean }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', async (c) => {
    const chatId = chatIdOf(c, true)!;
    let entries = await opts.chat.history(chatId);
    // A first visit starts with /start, so the page opens on the onboarding.
    if (entries.length === 0) entries = await opts.chat.say(chatId, '/start');
    const nonce = randomBytes(16).toString('base64');
    c.header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
    c.header('Cache-Control', 'no-store');
    return c.html(tryPage({ entries: entries.map(renderEntry), lastId: entries.at(-1)?.id ?? 0, nonce, demo: opts.demo }));
  });

  const answer = (c: Context, entries: ChatEntry[]) => (wantsJson(c) ? c.json(asJson(entries)) : c.redirect('/try', 303));
  const form = async (c: Context) => (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;

  app.post('/say', async (c) => {
    const chatId = chatIdOf(c, true)!;
    const text = (await form(c)).text;
    if (typeof text !== 'string') return c.json({ error: 'text is required' }, 400);
    return answer(c, await opts.chat.say(chatId, text));
  });

  app.post('/press', async (c) => {
    const chatId = chatIdOf(c, false);
    if (!chatId) return c.json({ error: 'no chat: open /try first' }, 400);
    const body = await form(c);
    const entry = Number(body.entry);
    if (!Number.isSafeInteger(entry) || typeof body.action !== 'string') return c.json({ error: 'entry and action are required' }, 400);
    return answer(c, await opts.chat.press(chatId, entry, body.action));
  });

  app.get('/entries', async (c) => {
    const chatId = chatIdOf(c, false);
    if (!chatId) return c.json({ entries: [] });
    const after = Number(c.req.query('after') ?? 0);
    return c.json(asJson(await opts.chat.history(chatId, Number.isSafeInteger(after) && after > 0 ? after : 0)));
  });
  return app;
}
