// /try: the local web chat's page, its three calls, and a story's sources (opened under a card). A browser's chat is named by a random
// HttpOnly cookie (SameSite=Strict, so another site cannot post into it). Forms work without
// the script (303 back to the page); the script asks for JSON and gets rendered entries.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ChatRefused, type WebChat } from './web-chat.ts';
import { renderEntry, renderSources } from './web-render.ts';
import type { ChatEntry } from '../../core/chatlog/chat-log.ts';
import { fromAcceptLanguage } from '../../core/i18n/locales.ts';
import type { ReaderClock } from '../../core/i18n/reader-time.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { clientAddress, clientKey } from '../../http/client-address.ts';
import type { HttpEnv } from '../../http/http-env.ts';
import { sourcesPage, tryPage } from './try.page.ts';

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
const asJson = (entries: ChatEntry[], clock: ReaderClock) => {
  const now = new Date();
  return { entries: entries.map((e) => ({ id: e.id, html: renderEntry(e, clock, now).toString() })) };
};

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** The browser's language (Accept-Language), for a new chat and for what is said before one exists. */
const browserLocale = (c: Context) => fromAcceptLanguage(c.req.header('accept-language'));
const words = (c: Context) => messagesFor(browserLocale(c)).web;

export function webChatRoutes(opts: { chat: WebChat; demo: boolean; openToAll: boolean }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  // Unless opened on purpose, a trial chat answers only this machine: anyone else reaching
  // the port (HOST is 0.0.0.0 by default) could otherwise fill the database.
  app.use(async (c, next) => {
    if (!opts.openToAll) {
      const address = clientAddress(c);
      if (!address || !LOOPBACK.test(address)) return c.json({ error: words(c).localOnly }, 403);
    }
    await next();
  });

  app.get('/', async (c) => {
    // Nothing is stored before the first message: a visit (a crawler, a prefetch) makes no chat.
    const chatId = chatIdOf(c, false);
    const stored = chatId ? await opts.chat.history(chatId) : [];
    const clock = await opts.chat.clock(chatId, browserLocale(c));
    const { locale } = clock;
    const entries = stored.length > 0 ? stored : [opts.chat.intro(locale)];
    const now = new Date();
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      // Story images are the outlets' own (Herald never fetches them): any web address.
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src https: http: data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    c.header('Cache-Control', 'no-store');
    return c.html(tryPage({ entries: entries.map((e) => renderEntry(e, clock, now)), lastId: stored.at(-1)?.id ?? 0, nonce, demo: opts.demo, locale }));
  });

  const answer = async (c: Context, entries: ChatEntry[], reset = false) =>
    wantsJson(c)
      ? c.json({ ...asJson(entries, await opts.chat.clock(chatIdOf(c, false), browserLocale(c))), ...(reset ? { reset } : {}) })
      : c.redirect('/try', 303);
  const form = async (c: Context) => (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;

  app.post('/say', async (c) => {
    const chatId = chatIdOf(c, true)!;
    const text = (await form(c)).text;
    if (typeof text !== 'string') return c.json({ error: words(c).textRequired }, 400);
    try {
      return answer(c, await opts.chat.say(chatId, text, clientKey(c), browserLocale(c)));
    } catch (error) {
      if (!(error instanceof ChatRefused)) throw error;
      c.header('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      return c.json({ error: error.message }, 429);
    }
  });

  app.post('/press', async (c) => {
    const chatId = chatIdOf(c, false);
    if (!chatId) return c.json({ error: words(c).noChat }, 400);
    const body = await form(c);
    const entry = Number(body.entry);
    if (!Number.isSafeInteger(entry) || typeof body.action !== 'string') return c.json({ error: words(c).pressRequired }, 400);
    const pressed = await opts.chat.press(chatId, entry, body.action);
    if (!pressed) return c.json({ error: words(c).noChat }, 400);
    return answer(c, pressed.entries, pressed.reset);
  });

  // A story's every outlet: a fragment for the script to put under its card, or (without the
  // script, from the link inside "Sources (N)") a page of its own with the way back.
  app.get('/story/:id{[0-9]+}', async (c) => {
    const chatId = chatIdOf(c, false);
    const found = chatId ? await opts.chat.story(chatId, Number(c.req.param('id'))) : undefined;
    if (!found) return c.json({ error: words(c).noChat }, 400);
    const clock = await opts.chat.clock(chatId, browserLocale(c));
    const list = renderSources(found, clock, new Date());
    c.header('Cache-Control', 'no-store');
    if (wantsJson(c)) return c.json({ html: list.toString() }, found.error ? 404 : 200);
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'");
    return c.html(sourcesPage({ list, locale: clock.locale }), found.error ? 404 : 200);
  });

  app.get('/entries', async (c) => {
    const chatId = chatIdOf(c, false);
    if (!chatId) return c.json({ entries: [] });
    const after = Number(c.req.query('after') ?? 0);
    return c.json(
      asJson(await opts.chat.history(chatId, Number.isSafeInteger(after) && after > 0 ? after : 0), await opts.chat.clock(chatId, browserLocale(c))),
    );
  });
  return app;
}
