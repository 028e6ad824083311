// A database with the small test catalog synced, an ingester on it, and a way to point feeds
// at a FeedServer. Used by the ingestion tests.
import { join } from 'node:path';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaFeedRepository } from '../../src/store/feeds.store.ts';
import { PrismaItemRepository } from '../../src/store/items.store.ts';
import { FeedFetcher, type FetcherOptions } from '../../src/ingest/fetch/feed-fetcher.ts';
import { Ingester, type IngestOptions, type IngesterDeps } from '../../src/ingest/ingester.ts';
import { DEFAULT_SCHEDULE } from '../../src/ingest/schedule.ts';
import type { TestDatabase } from './databases.ts';
import { recordingLogger } from './logger.ts';
import { fetcherOptions } from './defaults.ts';

export const SMALL_CATALOG = join(import.meta.dirname, '..', 'fixtures', 'catalogs', 'small.yaml');

export interface Harness {
  db: Database;
  ingester: Ingester;
  fetcher: FeedFetcher;
  now: { value: Date };
  addFeed(id: string, url: string, extra?: { sourceId?: string; categorySlug?: string }): Promise<void>;
  close(): Promise<void>;
}

export async function ingestHarness(
  testDb: TestDatabase,
  options: { fetcher?: Partial<FetcherOptions>; ingest?: Partial<IngestOptions>; onParsed?: IngesterDeps['onParsed'] } = {},
): Promise<Harness> {
  const db = await openDatabase(testDb.url);
  await db.migrate();
  await new PrismaCatalogRepository(db.prisma).sync(await loadCatalog(SMALL_CATALOG));
  // The small catalog's own feeds point at the real outlets: keep them out of the cycles.
  await db.prisma.feed.updateMany({ data: { enabled: false } });
  const fetcher = new FeedFetcher({ ...fetcherOptions, timeoutMs: 2000, connectTimeoutMs: 2000, ...options.fetcher });
  const now = { value: new Date('2026-11-21T12:00:00Z') };
  const ingester = new Ingester({
    feeds: new PrismaFeedRepository(db.prisma),
    items: new PrismaItemRepository(db.prisma),
    fetcher,
    logger: recordingLogger().logger,
    clock: () => now.value,
    options: { schedule: DEFAULT_SCHEDULE, concurrency: 32, hostConcurrency: 2, maxBytes: 5 * 1024 * 1024, unhealthyAfter: 5, ...options.ingest },
    ...(options.onParsed ? { onParsed: options.onParsed } : {}),
  });
  let closed = false;
  return {
    db,
    ingester,
    fetcher,
    now,
    async addFeed(id, url, extra = {}) {
      await db.prisma.feed.create({
        data: { id, url, catalogUrl: url, sourceId: extra.sourceId ?? 'cbc', categorySlug: extra.categorySlug ?? 'national', languageCode: 'en' },
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await fetcher.close();
      await db.close();
    },
  };
}
