// GET /status: the operator's status page, behind HERALD_ADMIN_TOKEN (401 and a sign-in
// form without it). POST /status/login takes the token from the form and starts a session.
// Wrong tokens, on the form or as a bearer, are limited per client (429 with Retry-After once
// over the limit, the right token too until then). POST /status/logout ends the session.
import { Hono, type Context } from 'hono';
import type { AdminSessionRepository } from '../../core/status/admin-sessions.ts';
import type { PlatformCondition } from '../../core/status/platform-health.ts';
import type { StatusSource } from '../../core/status/status.ts';
import type { HttpEnv } from '../http-env.ts';
import { admission, checkToken, endSession, startSession, type AdminAuth } from './admin-auth.ts';
import { loginPage, statusPage } from './status.page.ts';
import { systemClock } from '../../core/clock.ts';

// The pages load nothing and run nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Wrong admin tokens a client may give in LOGIN_WINDOW_MS before it must wait. */
export const LOGIN_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface StatusRoutesDeps extends Omit<AdminAuth, 'sessions'> {
  source: StatusSource;
  sessions: AdminSessionRepository;
  /** How the chat platforms stand, as this process last saw them. */
  platforms?: () => Record<string, PlatformCondition>;
  /** Takes secrets out of stored text before it is shown (rows written before errors were redacted). */
  redact?: (text: string) => string;
}

export function statusRoutes(deps: StatusRoutesDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const clock = deps.clock ?? systemClock;
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-store');
  });
  const tooMany = (c: Context, retryAfterMs: number) => {
    c.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    return c.html(loginPage({ failed: true, retryAfterMinutes: Math.ceil(retryAfterMs / 60_000) }), 429);
  };
  app.get('/', async (c) => {
    const admitted = await admission(c, deps);
    if (typeof admitted === 'object') return tooMany(c, admitted.retryAfterMs);
    if (admitted === 'refused') {
      c.header('WWW-Authenticate', 'Bearer realm="herald status"');
      return c.html(loginPage({ failed: false }), 401);
    }
    return c.html(statusPage(await deps.source.snapshot(clock()), deps.platforms?.() ?? {}, deps.redact));
  });
  app.post('/login', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const admitted = checkToken(c, deps, typeof form.token === 'string' ? form.token : '');
    if (typeof admitted === 'object') return tooMany(c, admitted.retryAfterMs);
    if (admitted === 'refused') return c.html(loginPage({ failed: true }), 401);
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
