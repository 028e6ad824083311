// POST /telegram/webhook: Telegram's updates in webhook mode. The secret header is compared
// in constant time (401 otherwise); the answer is 200 at once and the update is handled
// after, because Telegram waits for the answer and retries slow ones; an update_id seen
// before (such a retry) is ignored.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from '../core/logger.ts';

const REMEMBERED = 10_000;

export function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes the comparison independent of the lengths too.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export function telegramWebhookRoutes(opts: { secret: string; handle: (update: { update_id: number }) => Promise<void>; logger: Logger }): Hono {
  const app = new Hono();
  const seen = new Set<number>();
  app.post('/webhook', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'too large' }, 413) }), async (c) => {
    if (!sameSecret(c.req.header('x-telegram-bot-api-secret-token') ?? '', opts.secret)) return c.json({ error: 'unauthorized' }, 401);
    let update: { update_id?: unknown };
    try {
      update = await c.req.json();
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    if (typeof update.update_id !== 'number') return c.json({ error: 'no update_id' }, 400);
    const id = update.update_id;
    if (seen.has(id)) return c.json({ ok: true, duplicate: true });
    seen.add(id);
    if (seen.size > REMEMBERED) seen.delete(seen.values().next().value!);
    setImmediate(() => {
      opts.handle(update as { update_id: number }).catch((error: unknown) => opts.logger.error({ err: error, update: id }, 'telegram update failed'));
    });
    return c.json({ ok: true });
  });
  return app;
}
