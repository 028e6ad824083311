// AudienceRepository and BreakingSource on Prisma: targets with their preferences in pages,
// due digest subscriptions by (time zone, time) slot, and breaking stories awaiting fan-out.
import type { AudienceMember, AudienceRepository, BreakingSource, BreakingStory, DueSubscription } from '../delivery/audience.ts';
import { platformSchema, targetKindSchema } from '../targets/target.ts';
import { PREFERENCES_INCLUDE, toPreferences } from './preferences.repository.ts';
import type { Db } from './prisma-client.ts';

// Ids per query: well under the 32,766 values one statement may bind (SQLite and PostgreSQL
// alike), relation loads included.
const CHUNK = 10_000;
const split = (s: string) => s.split(',').filter(Boolean);

export class PrismaAudienceRepository implements AudienceRepository, BreakingSource {
  constructor(private readonly db: Db) {}

  // Only targets that chose a country have preferences: the others must not shorten a page,
  // or the fan-out would stop early.
  async breakingAudience(afterId: number, limit: number): Promise<AudienceMember[]> {
    const rows = await this.db.target.findMany({ where: { id: { gt: afterId }, active: true, breakingEnabled: true, countries: { some: {} } }, orderBy: { id: 'asc' }, take: limit, include: PREFERENCES_INCLUDE });
    return rows.flatMap((r) => {
      const prefs = toPreferences(r);
      return prefs ? [{ targetId: r.id, platform: platformSchema.parse(r.platform), kind: targetKindSchema.parse(r.kind), prefs }] : [];
    });
  }

  async scheduleSlots(): Promise<{ timezone: string; digestTime: string }[]> {
    const rows = await this.db.$queryRaw<{ timezone: string; digestTime: string }[]>`
      SELECT DISTINCT t."timezone" AS "timezone", s."digestTime" AS "digestTime"
      FROM "Subscription" s JOIN "Target" t ON t."id" = s."targetId"
      WHERE t."active" = true`;
    return rows;
  }

  async dueSubscriptions(timezone: string, digestTime: string, occurrence: Date, limit: number): Promise<DueSubscription[]> {
    const rows = await this.db.subscription.findMany({
      where: { digestTime, target: { timezone, active: true }, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: occurrence } }] },
      orderBy: [{ targetId: 'asc' }, { position: 'asc' }],
      take: limit,
      select: { targetId: true, categorySlug: true, lastDigestAt: true },
    });
    return rows.map((r) => ({ targetId: r.targetId, category: r.categorySlug, lastDigestAt: r.lastDigestAt }));
  }

  async markDigested(subscriptions: { targetId: number; category: string }[], at: Date): Promise<void> {
    const byCategory = new Map<string, number[]>();
    for (const s of subscriptions) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s.targetId]);
    for (const [categorySlug, ids] of byCategory) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.db.subscription.updateMany({ where: { categorySlug, targetId: { in: ids.slice(i, i + CHUNK) } }, data: { lastDigestAt: at } });
      }
    }
  }

  async members(targetIds: number[]): Promise<Map<number, AudienceMember>> {
    const out = new Map<number, AudienceMember>();
    for (let i = 0; i < targetIds.length; i += CHUNK) {
      const rows = await this.db.target.findMany({ where: { id: { in: targetIds.slice(i, i + CHUNK) } }, include: PREFERENCES_INCLUDE });
      for (const r of rows) {
        const prefs = toPreferences(r);
        if (prefs) out.set(r.id, { targetId: r.id, platform: platformSchema.parse(r.platform), kind: targetKindSchema.parse(r.kind), prefs });
      }
    }
    return out;
  }

  async foldedSince(targetIds: number[], since: Date): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (let i = 0; i < targetIds.length; i += CHUNK) {
      const rows = await this.db.outbox.findMany({ where: { targetId: { in: targetIds.slice(i, i + CHUNK) }, status: 'folded', createdAt: { gte: since } }, select: { targetId: true, dedupeKey: true } });
      for (const r of rows) {
        const id = Number(/^breaking:(\d+)$/.exec(r.dedupeKey)?.[1]);
        if (Number.isFinite(id)) out.set(r.targetId, [...(out.get(r.targetId) ?? []), id]);
      }
    }
    return out;
  }

  async awaitingFanout(limit: number): Promise<BreakingStory[]> {
    const rows = await this.db.story.findMany({
      where: { breakingAt: { not: null }, fanoutAt: null },
      orderBy: { breakingAt: 'asc' },
      take: limit,
      include: { items: { select: { url: true, summary: true, sourceId: true, publishedAt: true }, orderBy: { publishedAt: 'asc' }, take: 1 } },
    });
    return rows.map((r) => {
      const first = r.items[0];
      return {
        id: r.id,
        headline: r.headline,
        language: r.languageCode,
        outlets: split(r.outlets),
        countries: split(r.countries),
        categories: split(r.categories),
        reason: r.breakingReason,
        breakingAt: r.breakingAt!,
        lead: first ? { url: first.url, summary: first.summary, sourceId: first.sourceId, publishedAt: first.publishedAt } : { url: r.url ?? '', summary: r.summary ?? '', sourceId: split(r.outlets)[0] ?? null, publishedAt: r.breakingAt! },
      };
    });
  }

  async markFannedOut(storyId: number, at: Date): Promise<void> {
    await this.db.story.update({ where: { id: storyId }, data: { fanoutAt: at } });
  }
}
