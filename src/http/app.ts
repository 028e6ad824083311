// The Hono app: health and readiness now; webhook routes join it in later issues. Thin: it
// checks, parses and hands over to core. Errors answer JSON without stack traces.
import { Hono } from 'hono';
import type { Logger } from '../core/logger.ts';

export interface HttpDeps {
  /** True when the database answers. */
  isReady: () => Promise<boolean>;
  logger: Logger;
  /** Routes that callers from outside need (WebSub callbacks, Telegram's webhook), at their prefix. */
  routes?: { prefix: string; app: Hono }[];
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();

  // Liveness: the process answers. Nothing else is checked, so a slow database does not get
  // a healthy process restarted.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const ready = await deps.isReady();
    return ready ? c.json({ status: 'ready' }) : c.json({ status: 'not ready', reason: 'database unreachable' }, 503);
  });

  for (const r of deps.routes ?? []) app.route(r.prefix, r.app);

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
