// POST /telegram/webhook: Telegram's updates in webhook mode. The secret header is compared
// in constant time (401 otherwise). An update is stored in the inbox before it is
// acknowledged, and handled after: Telegram waits for the answer and retries slow ones, and
// an update it was told we have must never be lost. A retried update is stored once.
import { Hono } from 'hono';
import { telegramChatOf } from './telegram-updates.ts';
import type { InboxWriter } from '../../core/inbox/inbox-writer.ts';
import type { Logger } from '../../core/logger.ts';
import { requestLog } from '../../http/http-env.ts';
import { sameSecret } from '../../http/secrets.ts';

export function telegramWebhookRoutes(opts: { secret: string; inbox: InboxWriter; logger: Logger }): Hono {
  const app = new Hono();
  app.post('/webhook', async (c) => {
    if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token') ?? '', opts.secret)) return c.json({ error: 'unauthorized' }, 401);
    const raw = await c.req.text();
    let update: { update_id?: unknown };
    try {
      update = JSON.parse(raw);
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) return c.json({ error: 'no update_id' }, 400);
    try {
      const outcome = await opts.inbox.add({ updateId: String(update.update_id), chatKey: telegramChatOf(update), body: raw });
      return c.json(outcome === 'duplicate' ? { ok: true, duplicate: true } : { ok: true });
    } catch (error) {
      // Not stored: Telegram retries an update that was not acknowledged.
      requestLog(c, opts.logger).error({ err: error, update: update.update_id }, 'telegram update not stored');
      return c.json({ error: 'not stored; retry' }, 503);
    }
  });
  return app;
}
