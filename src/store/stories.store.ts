// StoryRepository on Prisma.
import type { CoverageSource, StoryCoverage } from '../core/stories/coverage.ts';
import type { StoredAssignment, StoryListing, StoryRepository } from '../core/stories/stories.repository.ts';
import { LeaseLost, type LeaseFence } from '../core/coordination/lease.ts';
import type { BreakingReason, StoryItemInput, StoryUpdate } from '../core/stories/story.ts';
import type { DigestSource, DigestStory } from '../core/digest/digest-composer.ts';
import type { OperatorStoryRepository } from '../core/delivery/operator-breaking.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
/** Stories (with their items) per transaction: a short hold on SQLite's one writer. */
const SAVE_STORIES = 250;
/** Rows per INSERT and item links per UPDATE: well under the values one statement may bind. */
const INSERT_STORIES = 500;
const LINK_ITEMS = 400;

const REASONS: BreakingReason[] = ['outlets', 'breaking-feed', 'operator'];
const itemSelect = {
  id: true,
  title: true,
  summary: true,
  url: true,
  sourceId: true,
  publishedAt: true,
  languageCode: true,
  backlog: true,
  feeds: { select: { feed: { select: { categorySlug: true, countryCodes: true, breaking: true } } } },
} as const;

type ItemRow = {
  id: number;
  title: string;
  summary: string;
  url: string;
  sourceId: string;
  publishedAt: Date;
  languageCode: string;
  backlog: boolean;
  feeds: { feed: { categorySlug: string; countryCodes: string; breaking: boolean } }[];
};

function toInput(row: ItemRow): StoryItemInput {
  return {
    id: String(row.id),
    title: row.title,
    summary: row.summary,
    url: row.url,
    source: row.sourceId,
    publishedAt: row.publishedAt,
    language: row.languageCode,
    backlog: row.backlog,
    categories: [...new Set(row.feeds.map((f) => f.feed.categorySlug))],
    countries: [...new Set(row.feeds.flatMap((f) => f.feed.countryCodes.split(',').filter(Boolean)))],
    breakingFeed: row.feeds.some((f) => f.feed.breaking),
  };
}

const split = (s: string) => s.split(',').filter(Boolean);
const union = (stored: string | undefined, more: string[]) => [...new Set([...split(stored ?? ''), ...more])].join(',');

export class PrismaStoryRepository implements StoryRepository, DigestSource, OperatorStoryRepository, CoverageSource {
  constructor(private readonly db: Db) {}

  async clustered(since: Date, page: { limit: number; after?: { publishedAt: Date; id: string } }): Promise<StoredAssignment[]> {
    const after = page.after;
    const rows = await this.db.item.findMany({
      where: {
        storyId: { not: null },
        publishedAt: { gte: since },
        ...(after ? { OR: [{ publishedAt: { gt: after.publishedAt } }, { publishedAt: after.publishedAt, id: { gt: Number(after.id) } }] } : {}),
      },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: page.limit,
      select: { ...itemSelect, story: { select: { key: true, breakingAt: true, breakingReason: true } } },
    });
    return rows.map((row) => ({
      item: toInput(row),
      storyKey: row.story!.key,
      breaking:
        row.story!.breakingAt && REASONS.includes(row.story!.breakingReason as BreakingReason)
          ? { at: row.story!.breakingAt, reason: row.story!.breakingReason as BreakingReason }
          : undefined,
    }));
  }

  async itemByUrl(url: string): Promise<StoryItemInput | null> {
    const row = await this.db.item.findFirst({ where: { url }, orderBy: { id: 'asc' }, select: itemSelect });
    return row ? toInput(row) : null;
  }

  async unclustered(since: Date, limit: number): Promise<StoryItemInput[]> {
    const rows = await this.db.item.findMany({
      // Published before the window: old news (a new feed's archive), never clustered.
      where: { storyId: null, firstSeenAt: { gte: since }, publishedAt: { gte: since } },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: itemSelect,
    });
    return rows.map(toInput);
  }

  /**
   * Writes the stories and points the items at them, SAVE_STORIES stories (and their items) per
   * transaction, in a fixed handful of statements each (a query per story costs 0.3 ms of
   * Prisma on the main thread: seconds for a large first fetch). Counts, outlets and first and
   * last report come from storage, not from memory: memory holds only the window, and a
   * restart or an eviction must not shrink a story. Breaking, once set, stays.
   */
  async save(stories: StoryUpdate[], assignments: { itemId: string; storyKey: string }[], fence?: () => LeaseFence): Promise<void> {
    const itemsOf = new Map<string, number[]>();
    for (const a of assignments) {
      const list = itemsOf.get(a.storyKey);
      if (list) list.push(Number(a.itemId));
      else itemsOf.set(a.storyKey, [Number(a.itemId)]);
    }
    for (let i = 0; i < stories.length; i += SAVE_STORIES) {
      const part = stories.slice(i, i + SAVE_STORIES);
      await this.db.$transaction((tx) => this.#savePart(tx, part, itemsOf, fence?.()), { timeout: 120_000, maxWait: 60_000 });
    }
  }

  async #savePart(tx: Tx, stories: StoryUpdate[], itemsOf: Map<string, number[]>, fence: LeaseFence | undefined): Promise<void> {
    if (fence) {
      // First, so that on PostgreSQL the lease's row stays locked until this commits: a takeover waits for it.
      const renewed =
        await tx.$executeRaw`UPDATE "Lease" SET "expiresAt" = ${fence.until}, "updatedAt" = ${fence.now} WHERE "name" = ${fence.name} AND "holder" = ${fence.holder} AND "expiresAt" > ${fence.now}`;
      if (renewed !== 1) throw new LeaseLost(fence.name);
    }
    const keys = stories.map((s) => s.key);
    const existing = new Map(
      (
        await tx.story.findMany({
          where: { key: { in: keys } },
          select: { id: true, key: true, languages: true, countries: true, categories: true, breakingAt: true, breakingReason: true },
        })
      ).map((r) => [r.key, r]),
    );
    const ids = new Map<string, number>([...existing.values()].map((r) => [r.key, r.id]));
    const fresh = stories.filter((s) => !existing.has(s.key));
    for (let i = 0; i < fresh.length; i += INSERT_STORIES) {
      const values = fresh.slice(i, i + INSERT_STORIES).map((s) => Prisma.sql`(${s.key}, ${s.headline}, ${s.language}, ${s.firstSeenAt}, ${s.lastUpdatedAt})`);
      // DO NOTHING: a key is the clusterer's own, but a second writer must not fail the batch.
      const created = await tx.$queryRaw<{ id: number; key: string }[]>`
        INSERT INTO "Story" ("key", "headline", "languageCode", "firstSeenAt", "lastUpdatedAt") VALUES ${Prisma.join(values)}
        ON CONFLICT ("key") DO NOTHING RETURNING "id", "key"`;
      for (const c of created) ids.set(c.key, Number(c.id));
    }
    if (ids.size < stories.length) {
      for (const r of await tx.story.findMany({ where: { key: { in: keys.filter((k) => !ids.has(k)) } }, select: { id: true, key: true } }))
        ids.set(r.key, r.id);
    }
    // Each item to its story, with one statement per INSERT_STORIES items; only items still
    // without a story (an item placed already stays where it is).
    const links = stories.flatMap((s) => (itemsOf.get(s.key) ?? []).map((itemId) => [itemId, ids.get(s.key)!] as const));
    for (let i = 0; i < links.length; i += LINK_ITEMS) {
      const part = links.slice(i, i + LINK_ITEMS);
      const cases = Prisma.join(
        part.map(([itemId, storyId]) => Prisma.sql`WHEN CAST(${itemId} AS INTEGER) THEN CAST(${storyId} AS INTEGER)`),
        ' ',
      );
      await tx.$executeRaw`UPDATE "Item" SET "storyId" = CASE "id" ${cases} END WHERE "id" IN (${Prisma.join(part.map(([itemId]) => itemId))}) AND "storyId" IS NULL`;
    }
    // What storage holds of each story now: counts, outlets in order of first report, span.
    const storyIds = [...new Set(stories.map((s) => ids.get(s.key)!))];
    const stats = new Map<number, { items: number; first: Date; last: Date; outlets: { source: string; at: number }[] }>();
    for (const row of await tx.$queryRaw<{ storyId: number; sourceId: string; n: bigint | number; first: Date | string; last: Date | string }[]>`
      SELECT "storyId", "sourceId", COUNT(*) AS "n", MIN("publishedAt") AS "first", MAX("publishedAt") AS "last"
      FROM "Item" WHERE "storyId" IN (${Prisma.join(storyIds)}) GROUP BY "storyId", "sourceId"`) {
      const id = Number(row.storyId);
      const first = new Date(row.first);
      const last = new Date(row.last);
      const s = stats.get(id) ?? { items: 0, first, last, outlets: [] };
      s.items += Number(row.n);
      if (first < s.first) s.first = first;
      if (last > s.last) s.last = last;
      s.outlets.push({ source: row.sourceId, at: first.getTime() });
      stats.set(id, s);
    }
    for (const story of stories) {
      const id = ids.get(story.key)!;
      const old = existing.get(story.key);
      const st = stats.get(id);
      const outlets = st ? st.outlets.sort((a, b) => a.at - b.at || a.source.localeCompare(b.source)).map((o) => o.source) : [];
      await tx.$executeRaw`UPDATE "Story" SET
        "headline" = ${story.headline}, "languageCode" = ${story.language}, "languages" = ${union(old?.languages, story.languages)},
        "countries" = ${union(old?.countries, story.countries)}, "categories" = ${union(old?.categories, story.categories)},
        "outletsPerHour" = ${story.outletsPerHour},
        "breakingAt" = ${old?.breakingAt ?? story.breakingAt}, "breakingReason" = ${old?.breakingReason ?? story.breakingReason},
        "itemCount" = ${st?.items ?? 0}, "outletCount" = ${outlets.length}, "outlets" = ${outlets.join(',')},
        "firstSeenAt" = ${st?.first ?? story.firstSeenAt}, "lastUpdatedAt" = ${st?.last ?? story.lastUpdatedAt}
        WHERE "id" = ${id}`;
    }
  }

  async storiesSince(since: Date, limit: number): Promise<DigestStory[]> {
    const rows = await this.db.story.findMany({
      where: { lastUpdatedAt: { gte: since } },
      orderBy: { lastUpdatedAt: 'desc' },
      take: limit,
      include: {
        items: {
          select: { sourceId: true, languageCode: true, url: true, title: true, summary: true, publishedAt: true, imageUrl: true },
          orderBy: { publishedAt: 'asc' },
        },
      },
    });
    return rows.map((r) => ({
      id: r.id,
      headline: r.headline,
      categories: split(r.categories),
      outletCount: r.outletCount,
      lastUpdatedAt: r.lastUpdatedAt,
      items: r.items,
      ...(r.fanoutOutlets !== null ? { alertOutlets: split(r.fanoutOutlets) } : {}),
    }));
  }

  async coverage(storyId: number): Promise<StoryCoverage | null> {
    const row = await this.db.story.findUnique({
      where: { id: storyId },
      include: {
        items: {
          select: { sourceId: true, title: true, url: true, summary: true, publishedAt: true, languageCode: true, imageUrl: true },
          orderBy: { publishedAt: 'asc' },
        },
      },
    });
    if (!row) return null;
    // An operator's story has no items: its own link and summary are its one report.
    const reports =
      row.items.length > 0
        ? row.items
        : [{ sourceId: split(row.outlets)[0] ?? null, title: row.headline, url: row.url ?? '', summary: row.summary ?? '', publishedAt: row.firstSeenAt }];
    return { id: row.id, reports };
  }

  async list({ since, breakingOnly, limit }: { since: Date; breakingOnly: boolean; limit: number }): Promise<StoryListing[]> {
    const rows = await this.db.story.findMany({
      where: { lastUpdatedAt: { gte: since }, ...(breakingOnly ? { breakingAt: { not: null } } : {}) },
      orderBy: [{ outletCount: 'desc' }, { lastUpdatedAt: 'desc' }],
      take: limit,
      include: { items: { select: { url: true }, orderBy: { publishedAt: 'asc' } } },
    });
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      headline: r.headline,
      language: r.languageCode,
      outlets: split(r.outlets),
      countries: split(r.countries),
      categories: split(r.categories),
      itemCount: r.itemCount,
      firstSeenAt: r.firstSeenAt,
      lastUpdatedAt: r.lastUpdatedAt,
      breakingAt: r.breakingAt,
      breakingReason: r.breakingReason,
      urls: r.items.map((i) => i.url),
    }));
  }

  async createOperatorStory(story: Parameters<OperatorStoryRepository['createOperatorStory']>[0]): Promise<{ id: number; created: boolean }> {
    const found = await this.db.story.findUnique({ where: { key: story.key }, select: { id: true } });
    if (found) return { id: found.id, created: false };
    try {
      const row = await this.db.story.create({
        data: {
          key: story.key,
          headline: story.headline,
          url: story.url,
          summary: story.summary,
          imageUrl: story.imageUrl,
          languageCode: story.language,
          languages: story.language,
          outlets: story.sourceId ?? '',
          outletCount: story.sourceId ? 1 : 0,
          itemCount: 0,
          countries: story.countries.join(','),
          categories: story.categories.join(','),
          firstSeenAt: story.at,
          lastUpdatedAt: story.at,
          breakingAt: story.at,
          breakingReason: 'operator',
        },
        select: { id: true },
      });
      return { id: row.id, created: true };
    } catch (error) {
      // Pushed twice at once: the other request created it.
      const again = await this.db.story.findUnique({ where: { key: story.key }, select: { id: true } });
      if (again) return { id: again.id, created: false };
      throw error;
    }
  }
}
