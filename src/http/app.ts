// The Hono app: health and readiness, and the routes the roles bring (webhooks, pages,
// metrics). Thin: it checks, parses and hands over to core. The surface is hardened here, for
// every route at once: a request id on every response and log line, body limits (413), JSON
// errors without stack traces, no CORS (no Access-Control-* header is ever sent, so browsers
// keep other sites' scripts out), and headers that keep pages from being framed or sniffed.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from '../core/logger.ts';
import type { PlatformCondition } from '../core/status/platform-health.ts';
import type { HttpEnv } from './http-env.ts';

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface MountedRoutes {
  prefix: string;
  app: Hono<HttpEnv> | Hono;
  /** This prefix takes larger bodies than the default 1 MB (WebSub pushes of whole feeds). */
  maxBodyBytes?: number;
}

export interface HttpDeps {
  /** True when the database answers. */
  isReady: () => Promise<boolean>;
  /** How the chat platforms stand, as this process last saw them. */
  platforms?: () => Record<string, PlatformCondition>;
  logger: Logger;
  /** Routes that callers from outside need (WebSub callbacks, Telegram's webhook), at their prefix. */
  routes?: MountedRoutes[];
  /** Told of every request once answered, for the request metrics. */
  onRequest?: (method: string, route: string, status: number, seconds: number) => void;
  /** Where GET / leads (the web chat's /try when it is on); without it, / is a short JSON index. */
  home?: string;
}

export function createHttpApp(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = deps.routes ?? [];

  // An id the caller sent (a proxy's) is kept when it is short and plain; else a new one.
  app.use(requestId({ limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    const log = deps.logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    const matched = routePath(c, -1);
    const route = matched === '*' || matched === '/*' ? 'unmatched' : matched;
    const seconds = (performance.now() - started) / 1000;
    deps.onRequest?.(c.req.method, route, c.res.status, seconds);
    log.debug({ method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) }, 'request');
  });
  app.use(limitBodies(routes));

  // Liveness: the process answers. Nothing else is checked, so a slow database does not get
  // a healthy process restarted.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  // Readiness: the database answers (503 otherwise). A chat platform that is down makes
  // Herald degraded, not unready: it still takes webhooks and interactions for the others,
  // and that platform's messages wait for it. Each says how it stands, and why.
  app.get('/readyz', async (c) => {
    const ready = await deps.isReady();
    const platforms = deps.platforms?.() ?? {};
    const degraded = Object.values(platforms).some((p) => p.state !== 'up');
    const body = { status: !ready ? 'not ready' : degraded ? 'degraded' : 'ready', database: ready ? 'up' : 'down', platforms };
    return ready ? c.json(body) : c.json({ ...body, reason: 'database unreachable' }, 503);
  });

  // Someone who opens Herald's address in a browser lands somewhere useful.
  app.get('/', (c) => (deps.home ? c.redirect(deps.home, 302) : c.json({ name: 'herald', health: '/healthz', readiness: '/readyz', status: '/status' })));

  for (const r of routes) app.route(r.prefix, r.app as Hono<HttpEnv>);

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    (c.get('log') ?? deps.logger).error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error', requestId: c.get('requestId') }, 500);
  });
  return app;
}

/** 413 over the limit of the request's prefix (1 MB unless the prefix says otherwise). */
function limitBodies(routes: MountedRoutes[]): MiddlewareHandler<HttpEnv> {
  const tooLarge = bodyLimit({ maxSize: DEFAULT_BODY_LIMIT, onError: (c) => c.json({ error: 'request body too large' }, 413) });
  const larger = routes
    .filter((r) => r.maxBodyBytes !== undefined && r.maxBodyBytes > DEFAULT_BODY_LIMIT)
    .map((r) => ({ prefix: r.prefix, limit: bodyLimit({ maxSize: r.maxBodyBytes!, onError: (c) => c.json({ error: 'request body too large' }, 413) }) }));
  return (c, next) => {
    const own = larger.find((r) => c.req.path === r.prefix || c.req.path.startsWith(`${r.prefix}/`));
    return (own?.limit ?? tooLarge)(c, next);
  };
}
