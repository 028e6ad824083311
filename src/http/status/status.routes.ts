// GET /status: the operator's status page, behind HERALD_ADMIN_TOKEN (401 and a sign-in
// form without it). POST /status/login takes the token from the form and sets the cookie.
import { Hono } from 'hono';
import type { StatusSource } from '../../core/status/status.ts';
import type { HttpEnv } from '../http-env.ts';
import { sameSecret } from '../secrets.ts';
import { isAdmin, setAdminCookie } from './admin-auth.ts';
import { loginPage, statusPage } from './status.page.ts';

// The pages load nothing and run nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function statusRoutes(opts: { adminToken: string; source: StatusSource; clock?: () => Date }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-store');
  });
  app.get('/', async (c) => {
    if (!isAdmin(c, opts.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="herald status"');
      return c.html(loginPage(false), 401);
    }
    return c.html(statusPage(await opts.source.snapshot((opts.clock ?? (() => new Date()))())));
  });
  app.post('/login', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : '';
    if (!sameSecret(token, opts.adminToken)) return c.html(loginPage(true), 401);
    setAdminCookie(c, opts.adminToken);
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
