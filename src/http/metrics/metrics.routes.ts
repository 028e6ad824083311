// GET /metrics in Prometheus's text format. With HERALD_ADMIN_TOKEN set, a scrape must send it
// as a bearer token (Prometheus's `authorization` setting); without it, /metrics is open, as
// most exporters are: bind HOST to a private address then.
import { Hono } from 'hono';
import type { HttpEnv } from '../http-env.ts';
import { admission, type AdminAuth } from '../status/admin-auth.ts';
import type { PrometheusMetrics } from './prometheus-metrics.ts';

/** `admin`: the admin token and its counter of wrong tokens; without it, /metrics is open. */
export function metricsRoutes(opts: { metrics: PrometheusMetrics; admin?: AdminAuth }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', async (c) => {
    const admitted = opts.admin ? await admission(c, opts.admin, { cookie: false }) : 'admin';
    if (typeof admitted === 'object') {
      c.header('Retry-After', String(Math.ceil(admitted.retryAfterMs / 1000)));
      return c.json({ error: 'too many wrong tokens; try again later' }, 429);
    }
    if (admitted === 'refused') {
      c.header('WWW-Authenticate', 'Bearer realm="herald metrics"');
      return c.json({ error: 'unauthorized' }, 401);
    }
    const { contentType, body } = await opts.metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
