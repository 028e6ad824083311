// The baseline the item store is measured against: what Herald did first, one transaction
// per feed with Prisma's own queries (createManyAndReturn, createMany). Same results, same
// deduplication; only the way rows reach the database differs.
import type { ItemRepository, StoreBatch, StoreResult } from '../../src/core/items/items.repository.ts';
import type { Db } from '../../src/store/prisma-client.ts';

export class PerFeedPrismaStore implements ItemRepository {
  constructor(private readonly db: Db) {}

  async storeMany(batches: StoreBatch[]): Promise<StoreResult[]> {
    const results: StoreResult[] = [];
    for (const b of batches) results.push(await this.#store(b));
    return results;
  }

  async #store({ feed, items, backlog }: StoreBatch): Promise<StoreResult> {
    return this.db.$transaction(async (tx) => {
      const guids = items.map((i) => i.guid).filter((g): g is string => g !== null);
      const known = new Set((await tx.itemFeed.findMany({ where: { feedId: feed.id, guid: { in: guids } }, select: { guid: true } })).map((r) => r.guid));
      const fresh = items.filter((i) => !(i.guid && known.has(i.guid)));
      const existing = new Set(
        (await tx.item.findMany({ where: { sourceId: feed.sourceId, url: { in: fresh.map((i) => i.url) } }, select: { url: true } })).map((r) => r.url),
      );
      const toCreate = fresh.filter((i) => !existing.has(i.url));
      const created = await tx.item.createManyAndReturn({
        data: toCreate.map((i) => ({
          sourceId: feed.sourceId,
          guid: i.guid,
          url: i.url,
          title: i.title,
          summary: i.summary,
          imageUrl: i.imageUrl,
          languageCode: feed.languageCode,
          categories: i.categories.join('\n'),
          contentHash: i.contentHash,
          publishedAt: i.publishedAt,
          backlog,
        })),
        select: { id: true, guid: true },
      });
      await tx.itemFeed.createMany({ data: created.map((c) => ({ itemId: c.id, feedId: feed.id, guid: c.guid })) });
      return { added: created.length, linked: 0, duplicates: items.length - created.length, addedIds: created.map((c) => c.id) };
    });
  }
}
