// Operating Herald over real HTTP on loopback: the status page and /metrics render with data
// from a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), the admin token
// is enforced, and the hardened surface holds for every route: request ids, body limits, JSON
// errors, no CORS, and a graceful shutdown that lets requests in flight finish.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { PrismaAdminSessionRepository } from '../../src/store/admin-sessions.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaStatusSource } from '../../src/store/status.store.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { metricsRoutes } from '../../src/http/metrics/metrics.routes.ts';
import { PrometheusMetrics } from '../../src/http/metrics/prometheus-metrics.ts';
import { startHttpServer, type RunningServer } from '../../src/http/server.ts';
import { LOGIN_FAILURES, LOGIN_WINDOW_MS, statusRoutes } from '../../src/http/status/status.routes.ts';
import { WindowedCounter } from '../../src/core/limits/windowed-counter.ts';
import { connect } from 'node:net';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';

const ADMIN = 'admin-token-for-the-operations-test';

describe.each(databaseKinds)('status and metrics on $name', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let catalog: Catalog;
  let server: RunningServer;
  let base: string;
  const metrics = { current: undefined as PrometheusMetrics | undefined };
  const now = new Date();

  beforeAll(async () => {
    if (kind.skipReason) return;
    testDb = await kind.create();
    db = await openDatabase(testDb.url);
    await db.migrate();
    catalog = await loadCatalog();
    await new PrismaCatalogRepository(db.prisma).sync(catalog);
    // A feed that keeps failing, one that works.
    const [bad, good] = catalog.feeds;
    await db.prisma.feed.update({
      where: { id: bad!.id },
      data: { status: 'unhealthy', failures: 7, lastError: 'HTTP 503 from upstream <script>\u001b[0m\u0007' },
    });
    await db.prisma.feed.update({ where: { id: good!.id }, data: { status: 'ok', lastSuccessAt: now } });
    // Stories (with their items), one breaking.
    const sources = catalog
      .sourcesIn('IN')
      .filter((s) => catalog.editionLanguages(s.id, 'IN').includes('en'))
      .slice(0, 3)
      .map((s) => s.id);
    expect(sources.length).toBe(3);
    await makeStory(db.prisma, { headline: 'Monsoon arrives in Kerala', sources, at: new Date(now.getTime() - 30 * 60_000), breaking: true });
    await makeStory(db.prisma, { headline: 'Budget session opens', sources: sources.slice(0, 1), at: new Date(now.getTime() - 3 * 3600_000) });
    // Targets on two platforms; deliveries sent, pending and dead.
    const a = await makeTarget(db.prisma, catalog, { externalId: '1001', country: 'IN' });
    const b = await makeTarget(db.prisma, catalog, { externalId: '1002', country: 'US' });
    const c = await makeTarget(db.prisma, catalog, { platform: 'discord', externalId: '2001', kind: 'dm', country: 'IN' });
    const { id: payloadId } = await db.prisma.outboxPayload.create({ data: { hash: 'operations:1', body: '{}' } });
    const row = (targetId: number, dedupeKey: string, status: string, extra: object = {}) =>
      db.prisma.outbox.create({ data: { targetId, dedupeKey, kind: 'breaking', status, payloadId, ...extra } });
    await row(a.id, 'breaking:1', 'sent', { sentAt: new Date(now.getTime() - 20 * 60_000) });
    await row(b.id, 'breaking:1', 'sent', { sentAt: new Date(now.getTime() - 2 * 3600_000) });
    await row(c.id, 'breaking:1', 'pending');
    await row(c.id, 'breaking:2', 'dead', { lastError: 'Forbidden: bot was blocked by the user', attempts: 1 });

    const status = new PrismaStatusSource(db.prisma, ['telegram', 'discord']);
    metrics.current = new PrometheusMetrics(status);
    // One counter of wrong admin tokens for the form, /status and /metrics, as Herald wires it.
    const failures = new WindowedCounter({ max: LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS });
    const app = createHttpApp({
      isReady: () => db.ping(),
      logger: recordingLogger().logger,
      routes: [
        { prefix: '/status', app: statusRoutes({ adminToken: ADMIN, failures, source: status, sessions: new PrismaAdminSessionRepository(db.prisma) }) },
        { prefix: '/metrics', app: metricsRoutes({ metrics: metrics.current, admin: { adminToken: ADMIN, failures } }) },
      ],
      onRequest: (...args) => metrics.current!.httpRequest(...args),
    });
    server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.close(1000);
    await db?.close();
    await testDb?.dispose();
  });

  it.skipIf(kind.skipReason)('refuses /status without the admin token, with a sign-in form', async () => {
    const none = await fetch(`${base}/status`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).toContain('<form method="post" action="/status/login">');
    const wrong = await fetch(`${base}/status`, { headers: { authorization: `Bearer ${ADMIN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('Monsoon');
  });

  it.skipIf(kind.skipReason)('renders feed health, hourly charts, stories, deliveries, dead letters and targets', async () => {
    const res = await fetch(`${base}/status`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('unhealthy');
    expect(page).toContain('HTTP 503 from upstream &lt;script&gt;'); // escaped, never markup
    expect(page).not.toContain('<script>');
    // eslint-disable-next-line no-control-regex
    expect(page).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/); // no control character reaches the page
    expect(page).toMatch(/<b>2<\/b>stories in 24 h/);
    expect(page).toMatch(/<b>1<\/b>breaking in 24 h/);
    expect(page).toContain('Monsoon arrives in Kerala');
    expect(page.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3); // items, telegram, discord
    expect(page).toMatch(/Sent per hour: telegram <span class="muted">\(2 in 24 h/);
    expect(page).toMatch(/Dead letters <span class="muted">\(1\)/);
    expect(page).toContain('Forbidden: bot was blocked by the user');
    expect(page).toMatch(/<td>telegram<\/td><td>IN<\/td><td>1<\/td>/);
    expect(page).toMatch(/<td>discord<\/td><td>IN<\/td><td>1<\/td>/);
  });

  it.skipIf(kind.skipReason)('signs a browser in with the token through the form, by a random session that sign-out and expiry end', async () => {
    const bad = await fetch(`${base}/status/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    expect(bad.status).toBe(401);
    const signIn = async () => {
      const good = await fetch(`${base}/status/login`, { method: 'POST', body: new URLSearchParams({ token: ADMIN }), redirect: 'manual' });
      expect(good.status).toBe(303);
      return good.headers.get('set-cookie')!;
    };
    const cookie = await signIn();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Max-Age=43200/i);
    expect(cookie).not.toContain(ADMIN);
    const session = cookie.split(';')[0]!;
    const page = (c: string) => fetch(`${base}/status`, { headers: { cookie: c } });
    expect((await page(session)).status).toBe(200);
    // Every sign-in is a session of its own, not a fixed function of the token.
    const other = (await signIn()).split(';')[0]!;
    expect(other).not.toBe(session);
    // Nothing in the database gives a session back.
    const stored = await db.prisma.adminSession.findMany();
    expect(stored.some((r) => session.includes(r.id))).toBe(false);
    // A forged cookie is refused; sign-out ends that session and only that one.
    expect((await page('herald_admin=deadbeef')).status).toBe(401);
    const out = await fetch(`${base}/status/logout`, { method: 'POST', headers: { cookie: session }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/herald_admin=;.*Max-Age=0/i);
    expect((await page(session)).status).toBe(401);
    expect((await page(other)).status).toBe(200);
    // An expired session is refused.
    await db.prisma.adminSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await page(other)).status).toBe(401);
  });

  it.skipIf(kind.skipReason)('serves Prometheus metrics behind the admin token, with depths from the database', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const m = metrics.current!;
    m.feedFetched('fetched');
    m.feedFetched('failed');
    m.itemsIngested(12);
    m.storiesClustered(3, 1);
    m.delivery('telegram', 'sent');
    m.delivery('telegram', 'deferred');
    m.delivery('discord', 'failed');
    m.sendDuration('telegram', 0.042);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const line of [
      'herald_items_ingested_total 12',
      'herald_feed_fetches_total{result="fetched"} 1',
      'herald_feed_fetches_total{result="failed"} 1',
      'herald_stories_total 3',
      'herald_breaking_stories_total 1',
      'herald_deliveries_total{platform="telegram",result="sent"} 1',
      'herald_deliveries_total{platform="telegram",result="deferred"} 1',
      'herald_deliveries_total{platform="discord",result="failed"} 1',
      'herald_send_duration_seconds_bucket{le="0.05",platform="telegram"} 1',
      'herald_outbox_depth{status="pending"} 1',
      'herald_dead_letters 1',
      'herald_inbox_depth 0',
      'herald_feeds{status="unhealthy"} 1',
      'herald_http_requests_total{method="GET",route="/metrics",status="401"} 1',
    ]) {
      expect(text).toContain(line);
    }
    // Every metric is Herald's own.
    expect(text.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('herald_'))).toEqual([]);
  });
  it.skipIf(kind.skipReason)('limits wrong admin tokens per client, on the form and as bearers alike, even when sent together', async () => {
    const attempt = (token: string) => fetch(`${base}/status/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    // Sent together: every one counts, none slips past the check before the others are counted.
    const together = await Promise.all(Array.from({ length: LOGIN_FAILURES + 5 }, (_, i) => attempt(`wrong-${i}`)));
    const statuses = together.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_FAILURES);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    // Blocked now, for the right token too, on every route that takes it.
    const blocked = await attempt(ADMIN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await blocked.text()).toMatch(/Too many failed sign-ins from your address\. Try again in 15 minutes\./);
    expect((await fetch(`${base}/status`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(429);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer wrong-token` } })).status).toBe(429);
  });
});

describe('the hardened HTTP surface', () => {
  let server: RunningServer;
  let base: string;
  const { logger, lines } = recordingLogger();
  let release: () => void = () => {};
  let started: () => void = () => {};
  const slowStarted = new Promise<void>((r) => (started = r));

  beforeAll(async () => {
    const routes = new Hono();
    routes.post('/echo', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
    routes.get('/slow', async (c) => {
      started();
      await new Promise<void>((r) => (release = r));
      return c.json({ finished: true });
    });
    routes.get('/boom', () => {
      throw new Error('secret detail at /src/x.ts:1');
    });
    const big = new Hono();
    big.post('/', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
    const app = createHttpApp({
      isReady: async () => true,
      logger,
      routes: [
        { prefix: '/t', app: routes },
        { prefix: '/big', app: big, maxBodyBytes: 3 * 1024 * 1024 },
      ],
    });
    server = await startHttpServer(app, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close(100));

  it('puts a request id on every response and on the log lines of its request', async () => {
    const ok = await fetch(`${base}/healthz`);
    const missing = await fetch(`${base}/nowhere`);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'proxy-abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-abc-123');
    const boom = await fetch(`${base}/t/boom`);
    expect(boom.status).toBe(500);
    const id = boom.headers.get('x-request-id');
    const body = await boom.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error', requestId: id });
    expect(body).not.toContain('secret detail');
    expect(lines.find((l) => l.message === 'request failed')?.fields).toMatchObject({ requestId: id });
  });

  it('refuses bodies over 1 MB with 413, unless the route takes more', async () => {
    const mb = (n: number) => new Uint8Array(Math.round(n * 1024 * 1024));
    expect((await fetch(`${base}/t/echo`, { method: 'POST', body: mb(0.5) })).status).toBe(200);
    const tooBig = await fetch(`${base}/t/echo`, { method: 'POST', body: mb(1.5) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ error: 'request body too large' });
    expect((await fetch(`${base}/big`, { method: 'POST', body: mb(1.5) })).status).toBe(200);
    // Refused from its Content-Length, before a byte of the body is read.
    const announced = await fetch(`${base}/big`, {
      method: 'POST',
      headers: { 'content-length': String(4 * 1024 * 1024) },
      body: 'x',
      duplex: 'half',
    } as RequestInit).catch((e: Error) => e);
    if (!(announced instanceof Error)) expect(announced.status).toBe(413);
  });

  it('sends no CORS headers, to simple requests or preflights', async () => {
    const simple = await fetch(`${base}/healthz`, { headers: { origin: 'https://evil.example' } });
    const preflight = await fetch(`${base}/t/echo`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    for (const res of [simple, preflight]) {
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(preflight.status).toBe(404);
  });

  it('finishes requests in flight when it shuts down, and takes no new ones', async () => {
    const inFlight = fetch(`${base}/t/slow`);
    await slowStarted;
    const closing = server.close(5000);
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ finished: true });
    await closing;
  });

  it('cuts off a client that sends its headers or its body too slowly (408)', async () => {
    const slow = await startHttpServer(
      createHttpApp({
        isReady: async () => true,
        logger,
        routes: [{ prefix: '/t', app: new Hono().post('/', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength })) }],
      }),
      {
        host: '127.0.0.1',
        port: 0,
        headersTimeoutMs: 600,
        requestTimeoutMs: 1200,
      },
    );
    try {
      // One byte every 100 ms, as a slow-loris client sends; the server must not wait for ever.
      const trickle = (head: string, drip: string) =>
        new Promise<{ answer: string; seconds: number }>((resolve) => {
          const started = performance.now();
          const socket = connect(slow.port, '127.0.0.1', () => socket.write(head));
          let answer = '';
          let i = 0;
          const timer = setInterval(() => socket.writable && socket.write(drip[i++ % drip.length]!), 100);
          socket.on('data', (d) => (answer += d.toString()));
          socket.on('close', () => (clearInterval(timer), resolve({ answer, seconds: (performance.now() - started) / 1000 })));
          socket.on('error', () => undefined);
          setTimeout(() => socket.destroy(), 8000);
        });
      const headers = await trickle('GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-Slow: abcdefghijklmnopqrstuvwxyz\r\n');
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(headers.seconds).toBeLessThan(3);
      const body = await trickle('POST /t HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n', 'x');
      expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.seconds).toBeLessThan(4);
      // A client that is merely quick enough is served.
      expect((await fetch(`http://127.0.0.1:${slow.port}/healthz`)).status).toBe(200);
    } finally {
      await slow.close(100);
    }
  });
});
