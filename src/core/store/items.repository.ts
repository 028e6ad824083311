// ItemRepository on Prisma: one transaction per feed batch, a handful of queries whatever the
// batch size (look up known guids and URLs, insert the new items, link the rest).
import type { NewItem } from '../items/item.ts';
import type { ItemRepository, StoreResult } from '../items/items.repository.ts';
import type { Db } from './prisma-client.ts';

const CHUNK = 500;
const chunks = <T>(list: T[]): T[][] =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

export class PrismaItemRepository implements ItemRepository {
  constructor(private readonly db: Db) {}

  async store(
    feed: { id: string; sourceId: string; languageCode: string },
    items: NewItem[],
    { backlog }: { backlog: boolean },
  ): Promise<StoreResult> {
    // Within the batch: the first entry of a guid (or URL) wins, as feeds repeat entries.
    const unique: NewItem[] = [];
    const seenGuids = new Set<string>();
    const seenUrls = new Set<string>();
    let duplicates = 0;
    for (const item of items) {
      if ((item.guid && seenGuids.has(item.guid)) || seenUrls.has(item.url)) {
        duplicates++;
        continue;
      }
      if (item.guid) seenGuids.add(item.guid);
      seenUrls.add(item.url);
      unique.push(item);
    }
    if (unique.length === 0) return { added: 0, linked: 0, duplicates, addedIds: [] };

    return this.db.$transaction(
      async (tx) => {
        // 1. Entries this feed already delivered, by guid or by URL.
        const knownGuids = new Set<string>();
        for (const part of chunks([...seenGuids])) {
          const rows = await tx.itemFeed.findMany({ where: { feedId: feed.id, guid: { in: part } }, select: { guid: true } });
          for (const r of rows) if (r.guid) knownGuids.add(r.guid);
        }
        const fresh = unique.filter((i) => !(i.guid && knownGuids.has(i.guid)));
        // 2. Items the source already has (from this feed without a guid, or another feed).
        const byUrl = new Map<string, number>();
        for (const part of chunks(fresh.map((i) => i.url))) {
          const rows = await tx.item.findMany({ where: { sourceId: feed.sourceId, url: { in: part } }, select: { id: true, url: true } });
          for (const r of rows) byUrl.set(r.url, r.id);
        }
        const linkedToFeed = new Set<number>();
        for (const part of chunks([...byUrl.values()])) {
          const rows = await tx.itemFeed.findMany({ where: { feedId: feed.id, itemId: { in: part } }, select: { itemId: true } });
          for (const r of rows) linkedToFeed.add(r.itemId);
        }
        const toLink = fresh.filter((i) => byUrl.has(i.url) && !linkedToFeed.has(byUrl.get(i.url)!));
        const toCreate = fresh.filter((i) => !byUrl.has(i.url));
        duplicates += unique.length - toLink.length - toCreate.length;

        // 3. New items, then every (item, feed) link.
        const addedIds: number[] = [];
        for (const part of chunks(toCreate)) {
          const created = await tx.item.createManyAndReturn({
            data: part.map((i) => ({
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
            select: { id: true, url: true },
          });
          for (const c of created) byUrl.set(c.url, c.id);
          addedIds.push(...created.map((c) => c.id));
        }
        const links = [...toCreate, ...toLink].map((i) => ({ itemId: byUrl.get(i.url)!, feedId: feed.id, guid: i.guid }));
        for (const part of chunks(links)) await tx.itemFeed.createMany({ data: part });
        return { added: toCreate.length, linked: toLink.length, duplicates, addedIds };
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
}
