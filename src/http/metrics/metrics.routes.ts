// GET /metrics in Prometheus's text format. With HERALD_ADMIN_TOKEN set, a scrape must send it
// as a bearer token (Prometheus's `authorization` setting); without it, /metrics is open, as
// most exporters are: bind HOST to a private address then.
import { Hono } from 'hono';
import type { HttpEnv } from '../http-env.ts';
import { isAdmin } from '../status/admin-auth.ts';
import type { PrometheusMetrics } from './prometheus-metrics.ts';

export function metricsRoutes(opts: { metrics: PrometheusMetrics; adminToken: string | undefined }): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', async (c) => {
    if (opts.adminToken && !(await isAdmin(c, { adminToken: opts.adminToken }, { cookie: false }))) {
      c.header('WWW-Authenticate', 'Bearer realm="herald metrics"');
      return c.json({ error: 'unauthorized' }, 401);
    }
    const { contentType, body } = await opts.metrics.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
