// ItemRepository on Prisma. Many feeds' items are stored in one transaction with a fixed
// handful of queries (known guids, known URLs, known links, inserts): per-query and
// per-transaction overhead is what costs. The two inserts are plain SQL, portable between
// SQLite and PostgreSQL, because Prisma's createManyAndReturn costs about 15 times as much
// per row (bench/README.md).
import type { FetchStateUpdate } from '../core/feeds/feed.ts';
import { firstInFlush, planStore } from '../core/items/store-plan.ts';
import type { ItemRepository, StoreBatch, StoreResult } from '../core/items/items.repository.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

// Prisma refuses a generated query with more than 999 parameters on SQLite; lookups stay
// under that. The raw inserts go to the driver directly (SQLite's own limit is 32766).
const LOOKUP = 900;
const INSERT_ROWS = 400;
const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
/** (group, value) pairs in chunks whose values plus distinct groups stay under LOOKUP parameters. */
function lookupChunks(pairs: (readonly [string, string])[]): Map<string, string[]>[] {
  const out: Map<string, string[]>[] = [];
  let current = new Map<string, string[]>();
  let params = 0;
  for (const [group, value] of pairs) {
    const cost = current.has(group) ? 1 : 2;
    if (params + cost > LOOKUP) {
      out.push(current);
      current = new Map();
      params = 0;
    }
    const list = current.get(group);
    if (list) list.push(value);
    else current.set(group, [value]);
    params += current.get(group)!.length === 1 ? 2 : 1;
  }
  if (current.size > 0) out.push(current);
  return out;
}
const key = (a: string | number, b: string | number) => `${a}\u0000${b}`;

// The fetch state's columns, as written: a fixed list, so column names are never input.
const STATE_COLUMNS = ['status', 'failures', 'lastError', 'nextFetchAt', 'lastFetchedAt', 'lastSuccessAt', 'etag', 'lastModified', 'url'] as const;

/** One plain UPDATE for a feed's fetch state (Prisma's own update costs about ten times as much). */
function feedStateUpdate(feedId: string, state: FetchStateUpdate, now: Date): Prisma.Sql {
  const sets = STATE_COLUMNS.filter((c) => state[c] !== undefined).map((c) => Prisma.sql`${Prisma.raw(`"${c}"`)} = ${state[c]}`);
  return Prisma.sql`UPDATE "Feed" SET ${Prisma.join([...sets, Prisma.sql`"updatedAt" = ${now}`])} WHERE "id" = ${feedId}`;
}

export class PrismaItemRepository implements ItemRepository {
  constructor(private readonly db: Db) {}

  async storeMany(batches: StoreBatch[]): Promise<StoreResult[]> {
    const first = firstInFlush(batches);
    if (first.unique.every((u) => u.length === 0) && batches.every((b) => !b.state)) return first.results;

    return this.db.$transaction(
      async (tx) => {
        // 1. Entries each feed already delivered, by guid.
        const feedGuids = batches.flatMap((b, i) => first.unique[i]!.filter((x) => x.guid).map((x) => [b.feed.id, x.guid!] as const));
        const knownGuids = new Set<string>();
        for (const part of lookupChunks(feedGuids)) {
          const rows = await tx.itemFeed.findMany({
            where: { OR: [...part].map(([feedId, guids]) => ({ feedId, guid: { in: guids } })) },
            select: { feedId: true, guid: true },
          });
          for (const r of rows) knownGuids.add(key(r.feedId, r.guid!));
        }

        // 2. Items each source already has, by canonical URL, and which feeds carry them
        // (looked up for the entries not known by guid: the others are repeats whatever).
        const sourceUrls = batches.flatMap((b, i) =>
          first.unique[i]!.filter((x) => !(x.guid && knownGuids.has(key(b.feed.id, x.guid)))).map((x) => [b.feed.sourceId, x.url] as const),
        );
        const itemIds = new Map<string, number>();
        for (const part of lookupChunks(sourceUrls)) {
          const rows = await tx.item.findMany({
            where: { OR: [...part].map(([sourceId, urls]) => ({ sourceId, url: { in: urls } })) },
            select: { id: true, sourceId: true, url: true },
          });
          for (const r of rows) itemIds.set(key(r.sourceId, r.url), r.id);
        }
        const links = new Set<string>();
        for (const part of chunks([...new Set(itemIds.values())], LOOKUP)) {
          const rows = await tx.itemFeed.findMany({ where: { itemId: { in: part } }, select: { itemId: true, feedId: true } });
          for (const r of rows) links.add(key(r.itemId, r.feedId));
        }

        // 3. What is new, what is linked, what is a repeat: core's rule.
        const plan = planStore(batches, first, {
          feedHasGuid: (feedId, guid) => knownGuids.has(key(feedId, guid)),
          itemId: (sourceId, url) => itemIds.get(key(sourceId, url)),
          linked: (itemId, feedId) => links.has(key(itemId, feedId)),
        });
        const { results } = plan;
        const toCreate = plan.create.map((c) => ({ source: c.sourceId, item: c.item, batch: c.batch }));
        const toLink = plan.link.map((l) => ({ source: l.sourceId, url: l.url, feedId: l.feedId, guid: l.guid, batch: l.batch }));

        // 4. Insert the new items, then every (item, feed) link.
        const now = new Date();
        for (const part of chunks(toCreate, INSERT_ROWS)) {
          const values = part.map(({ source, item, batch }) => {
            const b = batches[batch]!;
            return Prisma.sql`(${source}, ${item.guid}, ${item.url}, ${item.title}, ${item.summary}, ${item.imageUrl}, ${b.feed.languageCode}, ${item.categories.join('\n')}, ${item.contentHash}, ${item.publishedAt}, ${now}, ${b.backlog})`;
          });
          // DO NOTHING: another process (a WebSub push beside a poll) may have stored the
          // same article since the lookup; that row is then linked, not duplicated.
          const created = await tx.$queryRaw<{ id: number; sourceId: string; url: string }[]>`
            INSERT INTO "Item" ("sourceId", "guid", "url", "title", "summary", "imageUrl", "languageCode", "categories", "contentHash", "publishedAt", "firstSeenAt", "backlog")
            VALUES ${Prisma.join(values)}
            ON CONFLICT DO NOTHING
            RETURNING "id", "sourceId", "url"`;
          const inserted = new Set<string>();
          for (const c of created) {
            itemIds.set(key(c.sourceId, c.url), Number(c.id));
            inserted.add(key(c.sourceId, c.url));
          }
          const raced = part.filter((c) => !inserted.has(key(c.source, c.item.url)));
          for (const group of lookupChunks(raced.map((c) => [c.source, c.item.url] as const))) {
            const rows = await tx.item.findMany({
              where: { OR: [...group].map(([sourceId, urls]) => ({ sourceId, url: { in: urls } })) },
              select: { id: true, sourceId: true, url: true },
            });
            for (const r of rows) itemIds.set(key(r.sourceId, r.url), r.id);
          }
          for (const c of raced) {
            results[c.batch]!.added--;
            results[c.batch]!.linked++;
          }
          for (const c of part) if (inserted.has(key(c.source, c.item.url))) results[c.batch]!.addedIds.push(itemIds.get(key(c.source, c.item.url))!);
        }
        for (const part of chunks(toLink, INSERT_ROWS)) {
          const values = part.map((l) => Prisma.sql`(${itemIds.get(key(l.source, l.url))!}, ${l.feedId}, ${l.guid})`);
          await tx.$executeRaw`INSERT INTO "ItemFeed" ("itemId", "feedId", "guid") VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING`;
        }
        for (const b of batches) if (b.state) await tx.$executeRaw(feedStateUpdate(b.feed.id, b.state, now));
        return results;
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  }
}
