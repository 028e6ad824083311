// FeedRepository on Prisma.
import { FEED_STATUSES, type FeedRecord, type FeedRepository, type FeedStatus } from '../core/feeds/feed.ts';
import type { Feed } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

const toRecord = (f: Feed): FeedRecord => ({
  id: f.id,
  sourceId: f.sourceId,
  url: f.url,
  categorySlug: f.categorySlug,
  languageCode: f.languageCode,
  etag: f.etag,
  lastModified: f.lastModified,
  failures: f.failures,
  status: (FEED_STATUSES as readonly string[]).includes(f.status) ? (f.status as FeedStatus) : 'new',
  lastError: f.lastError,
  lastSuccessAt: f.lastSuccessAt,
  nextFetchAt: f.nextFetchAt,
});

export class PrismaFeedRepository implements FeedRepository {
  constructor(private readonly db: Db) {}

  async due(now: Date, { all }: { all: boolean }): Promise<FeedRecord[]> {
    const rows = await this.db.feed.findMany({
      where: {
        enabled: true,
        source: { enabled: true },
        ...(all ? {} : { OR: [{ nextFetchAt: null }, { nextFetchAt: { lte: now } }] }),
      },
      orderBy: [{ nextFetchAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async get(id: string): Promise<FeedRecord | null> {
    const row = await this.db.feed.findUnique({ where: { id } });
    return row && toRecord(row);
  }
}
