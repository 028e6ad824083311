// Ingestion end to end on a real SQLite file, against a local feed server: the real-world
// corpus, conditional GET, compression, redirects, timeouts, size caps, 429, XXE, duplicates.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS, FeedServer } from '../fakes/feed-server.ts';
import { databaseKinds, sqlite, type TestDatabase } from '../support/databases.ts';
import { ingestHarness, type Harness } from '../support/ingest-harness.ts';

const BAD = new Map([
  ['node-feedparser/notafeed.html', 'not a feed: an HTML page, not RSS or Atom'],
  ['node-feedparser/saxerror.xml', 'not well formed: Invalid character in entity name'],
  ['rss-parser/unrecognized.rss', 'not a feed: root element <head> is not RSS or Atom'],
]);
// Well-formed, but with no entry a person could read (no title, no text): parsed, nothing stored.
const EMPTY = new Set(['node-feedparser/complexNamespaceFeed.xml', 'rss-parser/incomplete-fields.atom', 'rss-parser/missing-fields.atom']);
const RSS = (items: string, extra = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>${extra}${items}</channel></rss>`;
const ITEM = (n: number, guid = `g${n}`, link = `https://news.example/a/${n}`) =>
  `<item><title>Story ${n}</title><link>${link}</link><guid isPermaLink="false">${guid}</guid><pubDate>Sat, 21 Nov 2026 10:0${n % 10}:00 GMT</pubDate></item>`;

let server: FeedServer;
let testDb: TestDatabase;
let h: Harness;
beforeAll(async () => {
  server = await new FeedServer().start();
});
afterAll(() => server.stop());
beforeEach(async () => {
  testDb = await sqlite.create();
  h = await ingestHarness(testDb, { fetcher: { timeoutMs: 1500, connectTimeoutMs: 1500 } });
});
afterEach(async () => {
  await h.close();
  await testDb.dispose();
});

const feedRow = (id: string) => h.db.prisma.feed.findUniqueOrThrow({ where: { id } });
const itemsOf = (feedId: string) => h.db.prisma.item.findMany({ where: { feeds: { some: { feedId } } }, orderBy: { id: 'asc' } });

describe('the real-world corpus', () => {
  it('takes every well-formed feed and refuses each bad one with its own error, in one cycle', async () => {
    const files = ['rss-parser', 'node-feedparser', 'odd'].flatMap((dir) => readdirSync(join(CORPUS, dir)).map((f) => `${dir}/${f}`));
    expect(files.length).toBeGreaterThanOrEqual(62);
    for (const [i, file] of files.entries()) {
      const [dir, name] = file.split('/') as [string, string];
      // Half the gzip files arrive with Content-Encoding, the rest as raw gzip bytes.
      await h.addFeed(`corpus-${i}`, server.corpus(dir, name, i % 2 === 0 ? {} : { gzip: true }));
    }
    const summary = await h.ingester.runCycle();
    expect(summary.feeds).toBe(files.length);
    expect(summary.failed).toBe(BAD.size);
    expect(summary.fetched).toBe(files.length - BAD.size);
    for (const [i, file] of files.entries()) {
      const row = await feedRow(`corpus-${i}`);
      if (BAD.has(file)) {
        expect(row, file).toMatchObject({ status: 'failing', failures: 1, lastError: BAD.get(file) });
      } else {
        expect(row.status, `${file}: ${row.lastError}`).toBe('ok');
        if (!EMPTY.has(file)) expect((await itemsOf(`corpus-${i}`)).length, file).toBeGreaterThan(0);
      }
    }
    expect(summary.newItems).toBe(await h.db.prisma.item.count());
    // Declared and undeclared legacy encodings come out as the right characters.
    const titles = (await h.db.prisma.item.findMany({ select: { title: true } })).map((t) => t.title);
    expect(titles).toContain('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
    expect(titles.some((t) => t.includes('simulações de 2º turno'))).toBe(true);
    expect(titles.some((t) => t.includes('\uFFFD'))).toBe(false);
    // Odd shapes: Atom xhtml titles, RSS elements with attributes, a number for a title.
    expect(titles).toEqual(
      expect.arrayContaining([
        'Council approves the new budget',
        'Library opens late on Thu',
        'Ferry timetable changes from Monday',
        'Museum doubles its opening hours',
        '2026',
      ]),
    );
  });
});

describe('fetching politely', () => {
  it('sends ETag and Last-Modified back and stores nothing on 304', async () => {
    const url = server.route('/cond.xml', (req) =>
      req.headers['if-modified-since'] === 'Sat, 21 Nov 2026 11:00:00 GMT'
        ? { status: 304 }
        : { body: RSS(ITEM(1) + ITEM(2)), headers: { etag: '"v1"', 'last-modified': 'Sat, 21 Nov 2026 11:00:00 GMT' } },
    );
    await h.addFeed('cond', url);
    expect((await h.ingester.runCycle({ all: true })).newItems).toBe(2);
    const second = await h.ingester.runCycle({ all: true });
    expect(second).toMatchObject({ fetched: 0, notModified: 1, newItems: 0 });
    const [, again] = server.hits('/cond.xml');
    expect(again?.headers['if-none-match']).toBe('"v1"');
    expect(await feedRow('cond')).toMatchObject({ status: 'ok', etag: '"v1"' });
  });

  it('reads gzip, deflate and brotli bodies', async () => {
    for (const encoding of ['gzip', 'deflate', 'br'] as const)
      await h.addFeed(
        `enc-${encoding}`,
        server.route(`/enc-${encoding}.xml`, { body: RSS(ITEM(1, `${encoding}-1`, `https://news.example/${encoding}`)), encoding }),
      );
    expect(await h.ingester.runCycle()).toMatchObject({ fetched: 3, failed: 0, newItems: 3 });
    for (const encoding of ['gzip', 'deflate', 'br']) expect(server.hits(`/enc-${encoding}.xml`)[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('only fetches feeds that are due, and schedules the next fetch about one interval later', async () => {
    await h.addFeed('due', server.route('/due.xml', { body: RSS(ITEM(1)) }));
    await h.ingester.runCycle();
    const next = (await feedRow('due')).nextFetchAt!.getTime() - h.now.value.getTime();
    expect(next).toBeGreaterThanOrEqual(9 * 60_000);
    expect(next).toBeLessThanOrEqual(11 * 60_000);
    expect((await h.ingester.runCycle()).feeds).toBe(0);
    h.now.value = new Date(h.now.value.getTime() + 12 * 60_000);
    expect((await h.ingester.runCycle()).feeds).toBe(1);
  });

  it('follows redirects; a permanent chain moves the feed, a temporary one does not', async () => {
    server.route('/final.xml', { body: RSS(ITEM(1)) });
    server.route('/p1', { status: 301, headers: { location: '/p2' } });
    server.route('/p2', { status: 308, headers: { location: '/final.xml' } });
    server.route('/t1', { status: 302, headers: { location: '/final.xml' } });
    await h.addFeed('perm', server.url('/p1'));
    await h.addFeed('temp', server.url('/t1'));
    await h.ingester.runCycle();
    expect((await feedRow('perm')).url).toBe(server.url('/final.xml'));
    expect((await feedRow('temp')).url).toBe(server.url('/t1'));
  });

  it('refuses a redirect loop and more than five redirects', async () => {
    server.route('/loop-a', { status: 302, headers: { location: '/loop-b' } });
    server.route('/loop-b', { status: 302, headers: { location: '/loop-a' } });
    for (let i = 0; i < 7; i++) server.route(`/hop${i}`, { status: 301, headers: { location: `/hop${i + 1}` } });
    server.route('/hop7', { body: RSS(ITEM(1)) });
    await h.addFeed('loop', server.url('/loop-a'));
    await h.addFeed('long', server.url('/hop0'));
    await h.ingester.runCycle();
    expect((await feedRow('loop')).lastError).toMatch(/^redirect loop at .*\/loop-a$/);
    expect((await feedRow('long')).lastError).toBe('more than 5 redirects');
  });

  it('gives up on a server that never answers, and the rest of the cycle completes', async () => {
    await h.addFeed('hang', server.route('/hang.xml', { hang: true }));
    await h.addFeed('fine', server.route('/fine.xml', { body: RSS(ITEM(1)) }));
    const summary = await h.ingester.runCycle();
    expect(summary).toMatchObject({ failed: 1, fetched: 1, newItems: 1 });
    expect((await feedRow('hang')).lastError).toBe('timed out after 1500 ms');
  });

  it('aborts fetches in flight on shutdown without counting it against the feed', async () => {
    await h.addFeed('slow', server.route('/slow-abort.xml', { hang: true }));
    const cycle = h.ingester.runCycle();
    await new Promise((r) => setTimeout(r, 100));
    h.ingester.abort();
    expect(await cycle).toMatchObject({ failed: 1, newItems: 0 });
    expect(await feedRow('slow')).toMatchObject({ status: 'new', failures: 0, lastError: null, nextFetchAt: null });
  });

  it('caps the body, compressed or not', async () => {
    const big = RSS(ITEM(1), `<description>${'x'.repeat(6 * 1024 * 1024)}</description>`);
    await h.addFeed('big', server.route('/big.xml', { body: big }));
    await h.addFeed('bomb', server.route('/bomb.xml', { body: big, gzip: true }));
    await h.addFeed('raw-bomb', server.route('/raw-bomb.xml', { body: gzipSync(big) }));
    await h.ingester.runCycle();
    for (const id of ['big', 'bomb']) expect((await feedRow(id)).lastError).toBe('body larger than 5242880 bytes');
    expect((await feedRow('raw-bomb')).lastError).toBe('too large: body larger than 5242880 bytes');
  });

  it('waits out 429 Retry-After, turns unhealthy after repeated failures, and recovers by itself', async () => {
    let failing = true;
    server.route('/busy.xml', () => (failing ? { status: 429, headers: { 'retry-after': '7200' } } : { body: RSS(ITEM(1)) }));
    await h.addFeed('busy', server.url('/busy.xml'));
    await h.ingester.runCycle();
    const first = await feedRow('busy');
    expect(first).toMatchObject({ status: 'failing', failures: 1, lastError: 'HTTP 429' });
    expect(first.nextFetchAt!.getTime() - h.now.value.getTime()).toBeGreaterThanOrEqual(7200_000);
    for (let i = 0; i < 4; i++) await h.ingester.runCycle({ all: true });
    expect(await feedRow('busy')).toMatchObject({ status: 'unhealthy', failures: 5, lastError: 'HTTP 429' });
    failing = false;
    await h.ingester.runCycle({ all: true });
    expect(await feedRow('busy')).toMatchObject({ status: 'ok', failures: 0, lastError: null });
  });
});

describe('parsing safely', () => {
  it('never reads a local file through an external entity', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${RSS(
      '<item><title>Leak &xxe;</title><link>https://news.example/x</link></item>',
    ).replace('<?xml version="1.0"?>', '')}`;
    await h.addFeed('xxe', server.route('/xxe.xml', { body: xxe }));
    await h.ingester.runCycle();
    const stored = JSON.stringify(await h.db.prisma.item.findMany());
    expect(stored).not.toContain('root:');
    expect((await feedRow('xxe')).lastError ?? '').not.toContain('root:');
  });

  it('takes a hostile feed (unclosed markup in every entry) without stalling the cycle', async () => {
    const hostile = RSS(
      Array.from(
        { length: 20 },
        (_, n) => `<item><title>H${n}</title><link>https://news.example/h/${n}</link><description>${'&lt;!--'.repeat(20_000)}</description></item>`,
      ).join(''),
    );
    await h.addFeed('hostile', server.route('/hostile.xml', { body: hostile }));
    await h.addFeed('calm', server.route('/calm.xml', { body: RSS(ITEM(1)) }));
    expect(await h.ingester.runCycle()).toMatchObject({ fetched: 2, failed: 0, newItems: 21 });
  });

  it('does not expand nested entities (billion laughs)', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><rss version="2.0"><channel><title>&h;</title><item><title>&h;</title><link>https://news.example/l</link></item></channel></rss>`;
    await h.addFeed('lol', server.route('/lol.xml', { body: lol }));
    await h.ingester.runCycle();
    const items = await h.db.prisma.item.findMany();
    expect(items.every((i) => i.title.length < 1000)).toBe(true);
  });
});

describe('entries older than the content retention', () => {
  it('are not stored, so an entry pruned while its feed still lists it does not come back as new', async () => {
    await h.close();
    h = await ingestHarness(testDb, { ingest: { maxEntryAgeMs: 30 * 86_400_000 } });
    // The harness's clock reads 2026-11-21 12:00 UTC.
    const dated = (n: number, when: string) =>
      `<item><title>Dated ${n}</title><link>https://news.example/d/${n}</link><guid>d${n}</guid><pubDate>${when}</pubDate></item>`;
    const body = RSS(dated(1, 'Sat, 21 Nov 2026 10:00:00 GMT') + dated(2, 'Thu, 22 Oct 2026 13:00:00 GMT') + dated(3, 'Tue, 20 Oct 2026 10:00:00 GMT'));
    await h.addFeed('aged', server.route('/aged.xml', { body }));
    expect(await h.ingester.runCycle()).toMatchObject({ failed: 0, newItems: 2 });
    expect((await itemsOf('aged')).map((i) => i.title)).toEqual(['Dated 1', 'Dated 2']);
  });
});

// The store's SQL is written for both databases: these run on each.
for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`deduplicating on ${kind.name}`, () => {
    let own: TestDatabase;
    beforeEach(async () => {
      // This block's own database, of its kind, in place of the file-wide SQLite one.
      await h.close();
      own = await kind.create();
      h = await ingestHarness(own, { fetcher: { timeoutMs: 1500, connectTimeoutMs: 1500 } });
    });
    afterEach(async () => {
      await h.close();
      await own.dispose();
    });

    it('stores a guid once, however often the feed repeats it', async () => {
      let version = 1;
      server.route('/dupes.xml', () => ({ body: RSS(ITEM(1, 'same') + ITEM(2, 'same') + ITEM(3)), headers: { etag: `"${version}"` } }));
      await h.addFeed('dupes', server.url('/dupes.xml'));
      expect((await h.ingester.runCycle()).newItems).toBe(2);
      version = 2;
      expect((await h.ingester.runCycle({ all: true })).newItems).toBe(0);
      expect(await itemsOf('dupes')).toHaveLength(2);
    });

    it('takes the corpus file with duplicate guids once', async () => {
      await h.addFeed('gd', server.corpus('node-feedparser', 'guid-dupes.xml'));
      await h.ingester.runCycle();
      expect(await itemsOf('gd')).toHaveLength(1);
    });

    it('makes the same article in two feeds of an outlet one item in both categories', async () => {
      const shared = 'https://news.example/a/7?utm_source=rss#top';
      await h.addFeed('cbc-top', server.route('/top.xml', { body: RSS(ITEM(7, 'top-7', shared)) }), { categorySlug: 'national' });
      await h.addFeed('cbc-sport', server.route('/sport.xml', { body: RSS(ITEM(7, 'sport-7', shared) + ITEM(8)) }), { categorySlug: 'sports' });
      await h.ingester.runCycle();
      const items = await h.db.prisma.item.findMany({ include: { feeds: { include: { feed: true } } } });
      const article = items.find((i) => i.url === 'https://news.example/a/7');
      expect(items).toHaveLength(2);
      expect(article?.feeds.map((f) => f.feed.categorySlug).sort()).toEqual(['national', 'sports']);
    });

    it('stores values PostgreSQL would refuse once cleaned, instead of failing the feed', async () => {
      const body = RSS(
        '<item><title>Odd</title><guid>nul\u0001guid</guid><link>https://news.example/odd</link><pubDate>0000-01-01T00:00:00Z</pubDate></item>' + ITEM(2),
      );
      await h.addFeed('odd', server.route('/odd.xml', { body }));
      expect(await h.ingester.runCycle()).toMatchObject({ failed: 0, newItems: 2 });
    });

    it('keeps entries without guid or link apart by title and date', async () => {
      const body = RSS(
        '<item><title>No link A</title><pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>' +
          '<item><title>No link B</title><pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>',
      );
      let n = 0;
      await h.addFeed(
        'nolink',
        server.route('/nolink.xml', () => ({ body, headers: { etag: `"${n++}"` } })),
      );
      expect((await h.ingester.runCycle()).newItems).toBe(2);
      expect((await h.ingester.runCycle({ all: true })).newItems).toBe(0);
      expect((await itemsOf('nolink')).every((i) => i.url.startsWith('urn:herald:'))).toBe(true);
    });

    it("marks a new feed's first fetch as backlog, and later items as news", async () => {
      let body = RSS(ITEM(1) + ITEM(2));
      await h.addFeed(
        'fresh',
        server.route('/fresh.xml', () => ({ body })),
      );
      await h.ingester.runCycle();
      body = RSS(ITEM(1) + ITEM(2) + ITEM(3));
      await h.ingester.runCycle({ all: true });
      const items = await itemsOf('fresh');
      expect(items.map((i) => [i.title, i.backlog])).toEqual([
        ['Story 1', true],
        ['Story 2', true],
        ['Story 3', false],
      ]);
    });
  });
}
