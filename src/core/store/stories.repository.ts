// StoryRepository on Prisma.
import type { StoredAssignment, StoryListing, StoryRepository } from '../stories/stories.repository.ts';
import type { BreakingReason, StoryItemInput, StoryView } from '../stories/story.ts';
import type { DigestSource, DigestStory } from '../digest/digest-composer.ts';
import type { OperatorStoryRepository } from '../delivery/operator-breaking.ts';
import type { Db } from './prisma-client.ts';

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

export class PrismaStoryRepository implements StoryRepository, DigestSource, OperatorStoryRepository {
  constructor(private readonly db: Db) {}

  async clustered(since: Date): Promise<StoredAssignment[]> {
    const rows = await this.db.item.findMany({
      where: { storyId: { not: null }, publishedAt: { gte: since } },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
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
   * Writes the stories and points the items at them. Counts, outlets and first/last report
   * come from storage, not from memory: memory holds only the window, and a restart or an
   * eviction must not shrink a story. Breaking, once set, stays.
   */
  async save(stories: StoryView[], assignments: { itemId: string; storyKey: string }[]): Promise<void> {
    await this.db.$transaction(
      async (tx) => {
        const ids = new Map<string, number>();
        for (const s of stories) {
          const existing = await tx.story.findUnique({ where: { key: s.key }, select: { id: true, countries: true, categories: true, breakingAt: true, breakingReason: true } });
          const data = {
            headline: s.headline,
            languageCode: s.language,
            countries: union(existing?.countries, s.countries),
            categories: union(existing?.categories, s.categories),
            outletsPerHour: s.outletsPerHour,
            breakingAt: existing?.breakingAt ?? s.breakingAt,
            breakingReason: existing?.breakingReason ?? s.breakingReason,
          };
          const row = existing
            ? await tx.story.update({ where: { id: existing.id }, data, select: { id: true } })
            : await tx.story.create({ data: { key: s.key, ...data, firstSeenAt: s.firstSeenAt, lastUpdatedAt: s.lastUpdatedAt }, select: { id: true } });
          ids.set(s.key, row.id);
        }
        const byStory = new Map<number, number[]>();
        for (const a of assignments) {
          const storyId = ids.get(a.storyKey);
          if (storyId === undefined) continue;
          const list = byStory.get(storyId) ?? [];
          list.push(Number(a.itemId));
          byStory.set(storyId, list);
        }
        for (const [storyId, itemIds] of byStory) {
          // Only items still without a story: another process may have placed them first.
          for (let i = 0; i < itemIds.length; i += 500) await tx.item.updateMany({ where: { id: { in: itemIds.slice(i, i + 500) }, storyId: null }, data: { storyId } });
        }
        for (const storyId of ids.values()) {
          const items = await tx.item.findMany({ where: { storyId }, select: { sourceId: true, publishedAt: true }, orderBy: { publishedAt: 'asc' } });
          if (items.length === 0) continue;
          const outlets = [...new Set(items.map((i) => i.sourceId))];
          await tx.story.update({
            where: { id: storyId },
            data: { itemCount: items.length, outletCount: outlets.length, outlets: outlets.join(','), firstSeenAt: items[0]!.publishedAt, lastUpdatedAt: items.at(-1)!.publishedAt },
          });
        }
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  }

  async storiesSince(since: Date, limit: number): Promise<DigestStory[]> {
    const rows = await this.db.story.findMany({
      where: { lastUpdatedAt: { gte: since } },
      orderBy: { lastUpdatedAt: 'desc' },
      take: limit,
      include: { items: { select: { sourceId: true, languageCode: true, url: true, title: true, summary: true, publishedAt: true }, orderBy: { publishedAt: 'asc' } } },
    });
    return rows.map((r) => ({ id: r.id, headline: r.headline, categories: split(r.categories), outletCount: r.outletCount, lastUpdatedAt: r.lastUpdatedAt, items: r.items }));
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
