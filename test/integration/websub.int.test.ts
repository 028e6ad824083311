// WebSub through the composition root: a feed that names a hub gets subscribed, the hub's
// verification is answered, signed pushes are ingested, forged ones ignored, leases renewed.
import { createServer } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/core/clock.ts';
import { PrismaFeedRepository } from '../../src/store/feeds.store.ts';
import { PrismaWebSubRepository } from '../../src/store/websub.store.ts';
import { WebSubSubscriber } from '../../src/ingest/websub/websub-subscriber.ts';
import { startHerald, type RunningHerald } from '../../src/app/start.ts';
import { FeedServer } from '../fakes/feed-server.ts';
import { WebSubHub } from '../fakes/websub-hub.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { SMALL_CATALOG } from '../support/ingest-harness.ts';

const FEED_ID = 'cbc-en-national';
const feedXml = (hub: string, self: string, items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hubbed</title><link>https://news.example/</link>` +
  `<atom:link rel="hub" href="${hub}"/><atom:link rel="self" href="${self}"/>${items}</channel></rss>`;
const item = (n: number) => `<item><title>Pushed ${n}</title><link>https://news.example/p/${n}</link><guid>p${n}</guid></item>`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let feeds: FeedServer;
let hub: WebSubHub;
let testDb: TestDatabase;
let herald: RunningHerald;
let base: string;
let topic: string;

beforeAll(async () => {
  feeds = await new FeedServer().start();
  hub = await new WebSubHub().start();
  testDb = await sqlite.create();
  topic = feeds.url('/hubbed.xml');
  feeds.route('/hubbed.xml', { body: feedXml(hub.url, topic, item(1)) });
  const catalog = join(testDb.url.replace(/^file:/, '').replace(/herald\.db$/, ''), 'catalog.yaml');
  writeFileSync(catalog, readFileSync(SMALL_CATALOG, 'utf8').replace('https://www.cbc.ca/webfeed/rss/rss-canada', topic));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: base,
    HERALD_CATALOG: catalog,
    INGEST_TICK_SECONDS: '3600',
    INGEST_TIMEOUT_MS: '2000',
    // The test hub listens on loopback, which Herald refuses by default.
    WEBSUB_ALLOW_PRIVATE_HUBS: 'true',
  });
  herald = await startHerald(config, recordingLogger().logger, 'all');
});

afterAll(async () => {
  await herald?.stop();
  await hub?.stop();
  await feeds?.stop();
  await testDb?.dispose();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('WebSub', () => {
  it("subscribes a feed that names a hub, and answers the hub's verification", async () => {
    const sub = await until(async () => hub.subscriptions[0], 'a subscription request');
    expect(sub).toMatchObject({ topic, callback: `${base}/websub/${FEED_ID}`, leaseSeconds: 7 * 24 * 3600 });
    expect(sub.secret).toMatch(/^[0-9a-f]{48}$/);
    expect(await sub.verified).toBe(true);
    const row = await until(async () => {
      const r = await herald.database.prisma.webSubSubscription.findUnique({ where: { feedId: FEED_ID } });
      return r?.state === 'active' ? r : undefined;
    }, 'an active subscription');
    expect(row.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
  });

  it('answers 404 to a verification for an unknown topic or feed, or one nobody asked for', async () => {
    const q = (feed: string, t: string) =>
      `${base}/websub/${feed}?hub.mode=subscribe&hub.topic=${encodeURIComponent(t)}&hub.challenge=abc&hub.lease_seconds=999999999`;
    expect((await fetch(q(FEED_ID, 'https://other.example/feed'))).status).toBe(404);
    expect((await fetch(q('no-such-feed', topic))).status).toBe(404);
    // The subscription is active: a second "verification" is no request of Herald's.
    const before = await herald.database.prisma.webSubSubscription.findUniqueOrThrow({ where: { feedId: FEED_ID } });
    expect((await fetch(q(FEED_ID, topic))).status).toBe(404);
    const after = await herald.database.prisma.webSubSubscription.findUniqueOrThrow({ where: { feedId: FEED_ID } });
    expect(after.leaseExpiresAt).toEqual(before.leaseExpiresAt);
  });

  it('ingests a signed push through the same pipeline, and ignores a forged one', async () => {
    const { secret, callback } = hub.subscriptions[0]!;
    const countPushed = () => herald.database.prisma.item.count({ where: { title: { startsWith: 'Pushed' } } });
    const before = await countPushed();
    expect(await hub.publish(callback, feedXml(hub.url, topic, item(2) + item(3)), 'not-the-secret')).toBe(202);
    expect(await hub.publish(callback, feedXml(hub.url, topic, item(4)), undefined)).toBe(202);
    expect(await countPushed()).toBe(before);
    expect(await hub.publish(callback, feedXml(hub.url, topic, item(2) + item(3)), secret)).toBe(202);
    const titles = (await herald.database.prisma.item.findMany({ where: { title: { startsWith: 'Pushed' } }, orderBy: { title: 'asc' } })).map((i) => i.title);
    expect(titles).toEqual(['Pushed 1', 'Pushed 2', 'Pushed 3']);
  });

  it('refuses a push too large for a feed', async () => {
    const res = await fetch(`${base}/websub/${FEED_ID}`, { method: 'POST', body: 'x'.repeat(6 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('renews a lease that is about to end', async () => {
    // Granted a week ago for a week, ending within the hour: due. Renewed and verified: not.
    await herald.database.prisma.webSubSubscription.update({
      where: { feedId: FEED_ID },
      data: { leaseExpiresAt: new Date(Date.now() + 3600_000), verifiedAt: new Date(Date.now() - 7 * 24 * 3600_000) },
    });
    const subscriber = new WebSubSubscriber({
      subscriptions: new PrismaWebSubRepository(herald.database.prisma),
      feeds: new PrismaFeedRepository(herald.database.prisma),
      ingester: undefined as never, // renewal never ingests
      logger: recordingLogger().logger,
      clock: systemClock,
      options: { publicUrl: base, leaseSeconds: 7 * 24 * 3600, renewBeforeMs: 24 * 3600_000, timeoutMs: 2000, allowPrivateHubs: true },
    });
    expect(await subscriber.renewDue()).toBe(1);
    expect(hub.subscriptions).toHaveLength(2);
    // A renewal keeps the secret, so pushes signed with it stay valid meanwhile.
    expect(hub.subscriptions[1]!.secret).toBe(hub.subscriptions[0]!.secret);
    expect(await hub.subscriptions[1]!.verified).toBe(true);
    await until(
      async () => ((await herald.database.prisma.webSubSubscription.findUnique({ where: { feedId: FEED_ID } }))?.state === 'active' ? true : undefined),
      'reactivation',
    );
    expect(await subscriber.renewDue()).toBe(0);
  });

  it('refuses hubs on loopback or private networks unless allowed', async () => {
    const { isAllowedHub } = await import('../../src/ingest/websub/websub-subscriber.ts');
    for (const hubUrl of [
      'http://127.0.0.1:8080/',
      'http://localhost/hub',
      'http://10.1.2.3/',
      'http://192.168.0.1/',
      'http://[::1]/',
      'http://169.254.169.254/latest',
      'ftp://hub.example/',
    ])
      expect(isAllowedHub(hubUrl, false), hubUrl).toBe(false);
    for (const hubUrl of ['https://pubsubhubbub.appspot.com/', 'https://websub.example.org/hub']) expect(isAllowedHub(hubUrl, false), hubUrl).toBe(true);
    expect(isAllowedHub('http://127.0.0.1:8080/', true)).toBe(true);
  });

  it('does not renew on every tick when the hub grants a short lease', async () => {
    const now = Date.now();
    await herald.database.prisma.webSubSubscription.update({
      where: { feedId: FEED_ID },
      data: { state: 'active', verifiedAt: new Date(now - 60_000), leaseExpiresAt: new Date(now + 3540_000) },
    });
    const subscriber = new WebSubSubscriber({
      subscriptions: new PrismaWebSubRepository(herald.database.prisma),
      feeds: new PrismaFeedRepository(herald.database.prisma),
      ingester: undefined as never,
      logger: recordingLogger().logger,
      clock: systemClock,
      options: { publicUrl: base, leaseSeconds: 7 * 24 * 3600, renewBeforeMs: 24 * 3600_000, timeoutMs: 2000, allowPrivateHubs: true },
    });
    // A one-hour lease, a minute old: renewed at half-time, not now.
    expect(await subscriber.renewDue()).toBe(0);
  });
});
