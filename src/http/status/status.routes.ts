// GET /status: the operator's status page, behind HERALD_ADMIN_TOKEN (401 and a sign-in
// form without it). POST /status/login takes the token from the form and starts a session;
// failed attempts are limited per client address (429 with Retry-After once over the limit).
// POST /status/logout ends the session.
import { Hono } from 'hono';
import { WindowedCounter } from '../../core/limits/windowed-counter.ts';
import type { AdminSessionRepository } from '../../core/status/admin-sessions.ts';
import type { PlatformCondition } from '../../core/status/platform-health.ts';
import type { StatusSource } from '../../core/status/status.ts';
import { clientAddress } from '../client-address.ts';
import type { HttpEnv } from '../http-env.ts';
import { sameSecret } from '../secrets.ts';
import { endSession, isAdmin, startSession } from './admin-auth.ts';
import { loginPage, statusPage } from './status.page.ts';

// The pages load nothing and run nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Failed sign-ins a client address may make in LOGIN_WINDOW_MS before it must wait. */
export const LOGIN_FAILURES = 10;
const LOGIN_WINDOW_MS = 15 * 60_000;

export interface StatusRoutesDeps {
  adminToken: string;
  source: StatusSource;
  sessions: AdminSessionRepository;
  clock?: () => Date;
  /** Failed sign-ins per client (the default: LOGIN_FAILURES in 15 minutes). */
  failures?: WindowedCounter;
  /** How the chat platforms stand, as this process last saw them. */
  platforms?: () => Record<string, PlatformCondition>;
}

export function statusRoutes(deps: StatusRoutesDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const clock = deps.clock ?? (() => new Date());
  const failures = deps.failures ?? new WindowedCounter({ max: LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS });
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-store');
  });
  app.get('/', async (c) => {
    if (!(await isAdmin(c, deps))) {
      c.header('WWW-Authenticate', 'Bearer realm="herald status"');
      return c.html(loginPage({ failed: false }), 401);
    }
    return c.html(statusPage(await deps.source.snapshot(clock()), deps.platforms?.() ?? {}));
  });
  app.post('/login', async (c) => {
    const client = clientAddress(c) ?? 'unknown';
    const wait = failures.retryAfterMs(client);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.html(loginPage({ failed: true, retryAfterMinutes: Math.ceil(wait / 60_000) }), 429);
    }
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : '';
    if (!sameSecret(token, deps.adminToken)) {
      failures.add(client);
      return c.html(loginPage({ failed: true }), 401);
    }
    failures.reset(client);
    await startSession(c, deps);
    return c.redirect('/status', 303);
  });
  app.post('/logout', async (c) => {
    await endSession(c, deps);
    return c.redirect('/status', 303);
  });
  return app;
}

/** Where the status page is off: says how to turn it on. */
export function statusOffRoutes(): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.all('/*', (c) => c.json({ error: 'the status page is off: set HERALD_ADMIN_TOKEN to turn it on' }, 404));
  return app;
}
