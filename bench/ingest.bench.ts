// Ingest benchmark (issue 3). One full cycle over 2,000 feeds served on loopback — cold (every
// feed new) and steady (70 % answer 304, 30 % bring new items) — on SQLite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL; wall
// time, new items stored per second, peak memory; on SQLite also with parsing in a worker
// thread, as `herald start` runs it. In the same run: rss-parser against feedsmith on the
// same corpus files, as a ratio. Run: npm run bench:ingest
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { loadCatalog } from '../src/core/catalog/catalog-loader.ts';
import { PrismaCatalogRepository } from '../src/store/catalog.store.ts';
import { openDatabase } from '../src/store/database.ts';
import { PrismaFeedRepository } from '../src/store/feeds.store.ts';
import { PrismaItemRepository } from '../src/store/items.store.ts';
import type { ItemRepository, StoreBatch } from '../src/core/items/items.repository.ts';
import type { Db } from '../src/store/prisma-client.ts';
import { PerFeedPrismaStore } from './support/per-feed-prisma-store.ts';
import { FeedFetcher } from '../src/ingest/fetch/feed-fetcher.ts';
import { FeedParseThread } from '../src/threads/feed-parse-thread.ts';
import { Ingester } from '../src/ingest/ingester.ts';
import { decodeFeed } from '../src/ingest/parse/feed-decoder.ts';
import { parseFeed } from '../src/ingest/parse/feed-parser.ts';
import { DEFAULT_SCHEDULE } from '../src/ingest/schedule.ts';
import { postgres, sqlite } from '../test/support/databases.ts';
import { recordingLogger } from '../test/support/logger.ts';
import { fetcherOptions } from '../test/support/defaults.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 2000);
const root = join(import.meta.dirname, '..');
const CORPUS = join(root, 'test', 'fixtures', 'feeds');

async function startFarm(): Promise<{ hosts: string[]; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'dev.js'), join(root, 'bench', 'support', 'feed-farm.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
  return { hosts: JSON.parse(line).hosts, stop: () => child.kill() };
}

interface CycleFigures {
  wallS: number;
  feeds: number;
  fetched: number;
  notModified: number;
  failed: number;
  newItems: number;
  itemsPerS: number;
  /** Time inside ItemRepository.storeMany (one flush at a time, so these do not overlap). */
  storeS: number;
  storedPerS: number;
}

/** `thread`: parse in a worker thread, as `herald start` does (the other runs parse inline). */
async function benchDatabase(
  kind: typeof sqlite,
  hosts: string[],
  opts: { thread: boolean } = { thread: false },
): Promise<{ cold: CycleFigures; steady: CycleFigures }> {
  const testDb = await kind.create();
  const parser = opts.thread ? new FeedParseThread() : undefined;
  const db = await openDatabase(testDb.url);
  try {
    await db.migrate();
    await new PrismaCatalogRepository(db.prisma).sync(await loadCatalog(join(root, 'test', 'fixtures', 'catalogs', 'small.yaml')));
    await db.prisma.feed.updateMany({ data: { enabled: false } });
    const sources = ['cbc', 'radio-canada', 'cnn'];
    await db.prisma.feed.createMany({
      data: Array.from({ length: FEEDS }, (_, n) => {
        const url = `http://${hosts[n % hosts.length]}/feed/${n}.xml`;
        return { id: `bench-${n}`, url, catalogUrl: url, sourceId: sources[n % 3]!, categorySlug: 'national', languageCode: 'en' };
      }),
    });
    const fetcher = new FeedFetcher({ ...fetcherOptions, timeoutMs: 30_000, connectTimeoutMs: 30_000 });
    // Time spent storing, to tell storage throughput from the whole pipeline's.
    const repo = new PrismaItemRepository(db.prisma);
    let storeMs = 0;
    const items: ItemRepository = {
      async storeMany(batches) {
        const t = performance.now();
        try {
          return await repo.storeMany(batches);
        } finally {
          storeMs += performance.now() - t;
        }
      },
    };
    const ingester = new Ingester({
      feeds: new PrismaFeedRepository(db.prisma),
      items,
      ...(parser ? { parse: (input) => parser.processFeed(input) } : {}),
      fetcher,
      logger: recordingLogger().logger,
      clock: () => new Date(),
      options: { schedule: DEFAULT_SCHEDULE, concurrency: 32, hostConcurrency: 2, maxBytes: 5 * 1024 * 1024, unhealthyAfter: 5 },
    });
    const cycle = async (): Promise<CycleFigures> => {
      const t = performance.now();
      storeMs = 0;
      const s = await ingester.runCycle({ all: true });
      const wallS = (performance.now() - t) / 1000;
      return {
        wallS: round(wallS),
        feeds: s.feeds,
        fetched: s.fetched,
        notModified: s.notModified,
        failed: s.failed,
        newItems: s.newItems,
        itemsPerS: Math.round(s.newItems / wallS),
        storeS: round(storeMs / 1000),
        storedPerS: Math.round(s.newItems / (storeMs / 1000)),
      };
    };
    const cold = await cycle();
    await fetch(`http://${hosts[0]}/round`, { method: 'POST' });
    const steady = await cycle();
    await fetcher.close();
    return { cold, steady };
  } finally {
    await parser?.close();
    await db.close();
    await testDb.dispose();
  }
}

/** The store alone, on the same synthetic batches: batched raw inserts against the per-feed Prisma baseline. */
async function benchStore(kind: typeof sqlite): Promise<{ items: number; batchedPerS: number; perFeedPerS: number; ratio: number }> {
  const FEEDS_N = 400;
  const ITEMS = 25;
  const run = async (make: (db: Db) => ItemRepository, flush: number) => {
    const testDb = await kind.create();
    const db = await openDatabase(testDb.url);
    try {
      await db.migrate();
      await db.prisma.source.create({ data: { id: 's', name: 's', homepage: 'https://x.example' } });
      const feeds = Array.from({ length: FEEDS_N }, (_, i) => ({
        id: `f${i}`,
        sourceId: 's',
        url: `https://x.example/${i}`,
        catalogUrl: `https://x.example/${i}`,
        categorySlug: 'national',
        languageCode: 'en',
      }));
      await db.prisma.feed.createMany({ data: feeds });
      const batches: StoreBatch[] = feeds.map((feed) => ({
        feed,
        backlog: false,
        items: Array.from({ length: ITEMS }, (_, j) => ({
          guid: `${feed.id}-${j}`,
          url: `https://x.example/${feed.id}/${j}`,
          title: `Headline ${j} of ${feed.id}`,
          summary: 'A summary. '.repeat(30),
          imageUrl: null,
          categories: ['World'],
          publishedAt: new Date(),
          contentHash: `${feed.id}-${j}`,
        })),
      }));
      const repo = make(db.prisma);
      const start = performance.now();
      for (let i = 0; i < batches.length; i += flush) await repo.storeMany(batches.slice(i, i + flush));
      return Math.round((FEEDS_N * ITEMS) / ((performance.now() - start) / 1000));
    } finally {
      await db.close();
      await testDb.dispose();
    }
  };
  const perFeedPerS = await run((db) => new PerFeedPrismaStore(db), 1);
  const batchedPerS = await run((db) => new PrismaItemRepository(db), 100);
  return { items: FEEDS_N * ITEMS, batchedPerS, perFeedPerS, ratio: round(batchedPerS / perFeedPerS) };
}

async function benchParsers(): Promise<{ files: number; rssParserMs: number; feedsmithMs: number; ratio: number }> {
  const bad = new Set(['notafeed.html', 'saxerror.xml', 'unrecognized.rss']);
  const texts = ['rss-parser', 'node-feedparser'].flatMap((dir) =>
    readdirSync(join(CORPUS, dir))
      .filter((f) => !bad.has(f))
      .map((f) => decodeFeed(readFileSync(join(CORPUS, dir, f)), undefined, 5 * 1024 * 1024)),
  );
  const time = async (parse: (t: string) => unknown) => {
    for (const t of texts) await Promise.resolve(parse(t)).catch(() => {}); // warm-up
    const start = performance.now();
    for (let i = 0; i < 10; i++) for (const t of texts) await Promise.resolve(parse(t)).catch(() => {});
    return performance.now() - start;
  };
  const rssParserMs = await time(parseFeed);
  const feedsmithMs = await time(feedsmithParse);
  return { files: texts.length, rssParserMs: Math.round(rssParserMs), feedsmithMs: Math.round(feedsmithMs), ratio: round(rssParserMs / feedsmithMs) };
}

const round = (x: number) => Math.round(x * 100) / 100;

const farm = await startFarm();
try {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`feeds: ${FEEDS} on ${farm.hosts.length} loopback hosts; steady cycle: 70 % answer 304\n`);
  const results: Record<string, unknown> = { feeds: FEEDS };
  for (const kind of [sqlite, postgres]) {
    if (kind.skipReason) {
      console.log(`${kind.name}: skipped (${kind.skipReason})`);
      continue;
    }
    const r: Record<string, CycleFigures> = { ...(await benchDatabase(kind, farm.hosts)) };
    if (kind.name === 'sqlite') {
      const threaded = await benchDatabase(kind, farm.hosts, { thread: true });
      r['cold, parse thread'] = threaded.cold;
      r['steady, parse thread'] = threaded.steady;
    }
    const store = await benchStore(kind);
    results[kind.name] = { ...r, store };
    console.log(
      `${kind.name.padEnd(8)} store  ${store.items} items in 400 feeds: batched raw inserts ${store.batchedPerS} items/s, per-feed Prisma baseline ${store.perFeedPerS} items/s → ${store.ratio}×`,
    );
    for (const [name, c] of Object.entries(r))
      console.log(
        `${kind.name.padEnd(8)} ${name.padEnd(20)} cycle ${String(c.wallS).padStart(6)} s  fetched ${c.fetched}  304 ${c.notModified}  failed ${c.failed}  new items ${c.newItems}  → ${c.itemsPerS} items/s (pipeline), store ${c.storeS} s → ${c.storedPerS} items/s`,
      );
  }
  const parsers = await benchParsers();
  results.parsers = parsers;
  console.log(
    `\nparsers: ${parsers.files} corpus files × 10: rss-parser ${parsers.rssParserMs} ms, feedsmith ${parsers.feedsmithMs} ms → rss-parser/feedsmith time ratio ${parsers.ratio}`,
  );
  results.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`peak memory (benchmark process, RSS): ${results.peakRssMiB} MiB`);
  console.log(JSON.stringify(results));
} finally {
  farm.stop();
}
