// POST /hooks/breaking: an operator pushes a breaking story. The body must be signed:
// X-Herald-Signature: sha256=<hex HMAC-SHA256 of the raw body with HERALD_HOOK_SECRET>,
// compared in constant time (401 when missing or wrong). Too large → 413; not JSON or
// invalid fields → 400 with every field error; accepted → 202 with the story id (200 when
// the same URL was pushed before).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Catalog } from '../core/catalog/catalog.ts';
import { operatorBreakingSchema, pushOperatorBreaking, resolveOperatorBreaking, type OperatorStoryRepository } from '../core/delivery/operator-breaking.ts';
import type { Logger } from '../core/logger.ts';
import { requestLog } from './http-env.ts';

const HOOK_MAX_BYTES = 64 * 1024;

function validHookSignature(secret: string, body: string, header: string | undefined): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

export interface BreakingHookDeps {
  secret: string;
  catalog: Catalog;
  stories: OperatorStoryRepository;
  logger: Logger;
  /** Called after a new story is stored (fan it out now, in a process that can). */
  afterPush?: () => Promise<void>;
  clock?: () => Date;
}

export function breakingHookRoutes(deps: BreakingHookDeps): Hono {
  const app = new Hono();
  app.post(
    '/breaking',
    bodyLimit({ maxSize: HOOK_MAX_BYTES, onError: (c) => c.json({ error: `body larger than ${HOOK_MAX_BYTES} bytes` }, 413) }),
    async (c) => {
      const body = await c.req.text();
      if (!validHookSignature(deps.secret, body, c.req.header('x-herald-signature'))) return c.json({ error: 'missing or invalid X-Herald-Signature' }, 401);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return c.json({ error: 'body is not JSON' }, 400);
      }
      const parsed = operatorBreakingSchema.safeParse(json);
      if (!parsed.success)
        return c.json({ error: 'invalid fields', fields: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) }, 400);
      const resolved = resolveOperatorBreaking(parsed.data, deps.catalog);
      if ('errors' in resolved) return c.json({ error: 'invalid fields', fields: resolved.errors }, 400);
      const { id, created } = await pushOperatorBreaking(deps.stories, resolved.story, (deps.clock ?? (() => new Date()))());
      const log = requestLog(c, deps.logger);
      log.info({ story: id, created }, created ? 'operator breaking story stored' : 'operator breaking story pushed again');
      if (created && deps.afterPush) {
        deps.afterPush().catch((error: unknown) => log.error({ err: error }, 'fan-out after push failed; the scheduler will retry'));
      }
      return c.json({ story: id, created }, created ? 202 : 200);
    },
  );
  return app;
}
