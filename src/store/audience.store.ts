// AudienceRepository, BreakingSource, FollowUpSource and WhySource on Prisma: targets with their
// preferences in pages, due digest subscriptions by (time zone, time) slot, breaking stories
// awaiting fan-out, fanned-out ones awaiting their follow-up, and what /why reads of a story
// and of the rows that carried it to one target.
import type { AudienceMember, AudienceRepository, BreakingSource, BreakingStory, DueSubscription, StoryLead } from '../core/delivery/audience.ts';
import type { DevelopingStory, FollowUpSource } from '../core/delivery/follow-ups.ts';
import { parseMessage } from '../core/delivery/outbox.ts';
import type { WhyRow, WhySource, WhyStory } from '../core/delivery/why.ts';
import { platformSchema, targetKindSchema } from '../core/targets/target.ts';
import { PREFERENCES_INCLUDE, toPreferences, toSubscription, type FilterRow, type SubscriptionRow } from './preferences.store.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

// Ids per query: well under the 32,766 values one statement may bind (SQLite and PostgreSQL
// alike), relation loads included.
const CHUNK = 10_000;
const split = (s: string) => s.split(',').filter(Boolean);

/** A story's first report: the one its alert shows, headline, link and outlet together. */
const LEAD_INCLUDE = {
  items: {
    select: { title: true, url: true, summary: true, sourceId: true, publishedAt: true, imageUrl: true },
    orderBy: { publishedAt: 'asc' as const },
    take: 1,
  },
};

/** The first reports of a story, enough to find the first in each language. */
const LEADS_INCLUDE = { items: { ...LEAD_INCLUDE.items, select: { ...LEAD_INCLUDE.items.select, languageCode: true }, take: 200 } };

function leadsByLanguage(items: ({ languageCode: string } & Parameters<typeof leadOf>[0]['items'][number])[]): Record<string, StoryLead> {
  const out: Record<string, StoryLead> = {};
  for (const i of items)
    out[i.languageCode] ??= { title: i.title, url: i.url, summary: i.summary, sourceId: i.sourceId, publishedAt: i.publishedAt, imageUrl: i.imageUrl };
  return out;
}

function leadOf(r: {
  headline: string;
  url: string | null;
  summary: string | null;
  outlets: string;
  breakingAt: Date | null;
  imageUrl: string | null;
  items: { title: string; url: string; summary: string; sourceId: string; publishedAt: Date; imageUrl: string | null }[];
}): StoryLead {
  const first = r.items[0];
  // An operator's story has no items: its own headline, link and summary.
  return first
    ? { title: first.title, url: first.url, summary: first.summary, sourceId: first.sourceId, publishedAt: first.publishedAt, imageUrl: first.imageUrl }
    : {
        title: r.headline,
        url: r.url ?? '',
        summary: r.summary ?? '',
        sourceId: split(r.outlets)[0] ?? null,
        publishedAt: r.breakingAt!,
        imageUrl: r.imageUrl,
      };
}

type StoryWithLeads = Parameters<typeof leadOf>[0] & {
  id: number;
  languages: string;
  languageCode: string;
  countries: string;
  categories: string;
  breakingReason: string | null;
  firstSeenAt: Date;
  items: ({ languageCode: string } & Parameters<typeof leadOf>[0]['items'][number])[];
};

/** A stored story with its first reports as the fan-out and /why read it (its time of breaking aside). */
function breakingFields(r: StoryWithLeads): Omit<BreakingStory, 'breakingAt'> {
  return {
    id: r.id,
    headline: r.headline,
    languages: split(r.languages).length > 0 ? split(r.languages) : [r.languageCode],
    leads: leadsByLanguage(r.items),
    outlets: split(r.outlets),
    countries: split(r.countries),
    categories: split(r.categories),
    reason: r.breakingReason,
    // An operator's story that has not broken has no breaking time: its first sighting stands in.
    lead: leadOf({ ...r, breakingAt: r.breakingAt ?? r.firstSeenAt }),
  };
}

/** Rows of one target that /why reads, newest first: far more than a day or two delivers. */
const WHY_ROWS = 500;

/**
 * The subscriptions a slot (a local time, on a local weekday) is due for: daily ones at their
 * time, twice-daily ones at either time, weekday ones Monday to Friday, weekly ones on their day.
 */
function slotWhere(time: string, weekday: number) {
  return {
    OR: [
      { digestTime: time, rhythm: { in: ['daily', 'twice', ...(weekday <= 5 ? ['weekdays'] : [])] } },
      { digestTime: time, rhythm: 'weekly', weekday },
      { secondTime: time, rhythm: 'twice' },
    ],
  };
}

const pick = (s: { rhythm?: DueSubscription['rhythm'] }) => (s.rhythm ? { rhythm: s.rhythm } : {});

/** Whether a stored message (a digest, held news merged) shows this story. */
function carries(body: string, storyId: number): boolean {
  // Cheap first: the number must be in it at all.
  if (!body.includes(String(storyId))) return false;
  return (parseMessage(body).cards ?? []).some((c) => c.storyId === storyId);
}

export class PrismaAudienceRepository implements AudienceRepository, BreakingSource, FollowUpSource, WhySource {
  constructor(private readonly db: Db) {}

  // Only targets that chose a country have preferences: the others must not shorten a page,
  // or the fan-out would stop early.
  async breakingAudience(afterId: number, limit: number): Promise<AudienceMember[]> {
    const rows = await this.db.target.findMany({
      where: { id: { gt: afterId }, active: true, breakingEnabled: true, countries: { some: {} } },
      orderBy: { id: 'asc' },
      take: limit,
      include: PREFERENCES_INCLUDE,
    });
    return rows.flatMap((r) => {
      const prefs = toPreferences(r);
      return prefs ? [{ targetId: r.id, platform: platformSchema.parse(r.platform), kind: targetKindSchema.parse(r.kind), locale: r.locale, prefs }] : [];
    });
  }

  // A twice-daily subscription's second time is a slot of its own.
  async scheduleSlots(): Promise<{ timezone: string; digestTime: string }[]> {
    const rows = await this.db.$queryRaw<{ timezone: string; digestTime: string }[]>`
      SELECT DISTINCT t."timezone" AS "timezone", s."digestTime" AS "digestTime"
      FROM "Subscription" s JOIN "Target" t ON t."id" = s."targetId"
      WHERE t."active" = true
      UNION
      SELECT DISTINCT t."timezone" AS "timezone", s."secondTime" AS "digestTime"
      FROM "Subscription" s JOIN "Target" t ON t."id" = s."targetId"
      WHERE t."active" = true AND s."rhythm" = 'twice' AND s."secondTime" IS NOT NULL`;
    return rows;
  }

  async dueSubscriptions(
    timezone: string,
    digestTime: string,
    occurrence: Date,
    weekday: number,
    afterTargetId: number,
    limit: number,
  ): Promise<DueSubscription[]> {
    const rows = await this.db.subscription.findMany({
      where: {
        AND: [slotWhere(digestTime, weekday), { OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: occurrence } }] }],
        targetId: { gt: afterTargetId },
        target: { timezone, active: true },
      },
      orderBy: [{ targetId: 'asc' }, { position: 'asc' }],
      take: limit,
      select: { targetId: true, categorySlug: true, digestTime: true, rhythm: true, secondTime: true, weekday: true, lastDigestAt: true },
    });
    return rows.map((r) => ({ targetId: r.targetId, category: r.categorySlug, lastDigestAt: r.lastDigestAt, ...pick(toSubscription(r)) }));
  }

  async markSlotDigested(timezone: string, digestTime: string, occurrence: Date, weekday: number): Promise<void> {
    await this.db.subscription.updateMany({
      where: {
        AND: [slotWhere(digestTime, weekday), { OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: occurrence } }] }],
        target: { timezone, active: true },
      },
      data: { lastDigestAt: occurrence },
    });
  }

  /**
   * Targets with their preferences, read with one plain query per table and chunk: a digest
   * tick loads 100,000 of them, and Prisma's nested reads cost several times as much.
   */
  async members(targetIds: number[]): Promise<Map<number, AudienceMember>> {
    const out = new Map<number, AudienceMember>();
    for (let i = 0; i < targetIds.length; i += CHUNK) {
      const ids = Prisma.join(targetIds.slice(i, i + CHUNK));
      const [targets, countries, languages, sources, subscriptions, filters] = await Promise.all([
        this.db.$queryRaw<
          {
            id: number;
            platform: string;
            kind: string;
            locale: string;
            timezone: string;
            digestTime: string;
            breakingEnabled: boolean | number;
            digestSound: boolean | number;
            breakingSound: boolean | number;
            linkPreviews: boolean | number;
            breakingThreads: boolean | number;
            breakingMinOutlets: number | bigint;
            breakingDailyCap: number | bigint | null;
            quietStart: string | null;
            quietEnd: string | null;
          }[]
        >`
          SELECT "id", "platform", "kind", "locale", "timezone", "digestTime", "breakingEnabled", "digestSound", "breakingSound", "linkPreviews", "breakingThreads", "breakingMinOutlets", "breakingDailyCap", "quietStart", "quietEnd" FROM "Target" WHERE "id" IN (${ids})`,
        this.db.$queryRaw<{ targetId: number; countryCode: string; isPrimary: boolean | number }[]>`
          SELECT "targetId", "countryCode", "isPrimary" FROM "TargetCountry" WHERE "targetId" IN (${ids}) ORDER BY "targetId", "isPrimary" DESC, "position"`,
        this.db.$queryRaw<{ targetId: number; countryCode: string; languageCode: string; isPrimary: boolean | number }[]>`
          SELECT "targetId", "countryCode", "languageCode", "isPrimary" FROM "TargetLanguage" WHERE "targetId" IN (${ids}) ORDER BY "targetId", "position"`,
        this.db.$queryRaw<{ targetId: number; countryCode: string; sourceId: string; isPrimary: boolean | number }[]>`
          SELECT "targetId", "countryCode", "sourceId", "isPrimary" FROM "TargetSource" WHERE "targetId" IN (${ids}) ORDER BY "targetId", "position"`,
        this.db.$queryRaw<({ targetId: number } & SubscriptionRow)[]>`
          SELECT "targetId", "categorySlug", "digestTime", "rhythm", "secondTime", "weekday" FROM "Subscription" WHERE "targetId" IN (${ids}) ORDER BY "targetId", "position"`,
        this.db.$queryRaw<({ targetId: number } & FilterRow)[]>`
          SELECT "targetId", "kind", "value", "categorySlug" FROM "TargetFilter" WHERE "targetId" IN (${ids}) ORDER BY "targetId", "position"`,
      ]);
      const group = <T extends { targetId: number }>(rows: T[]) => {
        const by = new Map<number, T[]>();
        for (const r of rows) {
          const id = Number(r.targetId);
          const list = by.get(id);
          if (list) list.push(r);
          else by.set(id, [r]);
        }
        return by;
      };
      const [c, l, so, su, fi] = [group(countries), group(languages), group(sources), group(subscriptions), group(filters)];
      for (const t of targets) {
        const id = Number(t.id);
        const prefs = toPreferences({
          ...t,
          breakingEnabled: Boolean(t.breakingEnabled),
          digestSound: Boolean(t.digestSound),
          breakingSound: Boolean(t.breakingSound),
          linkPreviews: Boolean(t.linkPreviews),
          breakingThreads: Boolean(t.breakingThreads),
          breakingMinOutlets: Number(t.breakingMinOutlets),
          breakingDailyCap: t.breakingDailyCap === null ? null : Number(t.breakingDailyCap),
          countries: (c.get(id) ?? []).map((x) => ({ ...x, isPrimary: Boolean(x.isPrimary) })),
          languages: (l.get(id) ?? []).map((x) => ({ ...x, isPrimary: Boolean(x.isPrimary) })),
          sources: (so.get(id) ?? []).map((x) => ({ ...x, isPrimary: Boolean(x.isPrimary) })),
          subscriptions: su.get(id) ?? [],
          filters: fi.get(id) ?? [],
        });
        if (prefs) out.set(id, { targetId: id, platform: platformSchema.parse(t.platform), kind: targetKindSchema.parse(t.kind), locale: t.locale, prefs });
      }
    }
    return out;
  }

  async foldedSince(targetIds: number[], since: Date): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (let i = 0; i < targetIds.length; i += CHUNK) {
      const rows = await this.db.outbox.findMany({
        where: { targetId: { in: targetIds.slice(i, i + CHUNK) }, status: 'folded', createdAt: { gte: since } },
        select: { targetId: true, dedupeKey: true },
      });
      for (const r of rows) {
        const id = Number(/^breaking:(\d+)$/.exec(r.dedupeKey)?.[1]);
        if (!Number.isFinite(id)) continue;
        const list = out.get(r.targetId);
        if (list) list.push(id);
        else out.set(r.targetId, [id]);
      }
    }
    return out;
  }

  async alertedSince(targetIds: number[], since: Date): Promise<Map<number, Map<number, 'breaking' | 'followup'>>> {
    const out = new Map<number, Map<number, 'breaking' | 'followup'>>();
    for (let i = 0; i < targetIds.length; i += CHUNK) {
      const rows = await this.db.outbox.findMany({
        where: {
          targetId: { in: targetIds.slice(i, i + CHUNK) },
          kind: { in: ['breaking', 'followup'] },
          status: { in: ['sent', 'merged'] },
          createdAt: { gte: since },
        },
        select: { targetId: true, dedupeKey: true },
      });
      for (const r of rows) {
        const m = /^(breaking|followup):(\d+)$/.exec(r.dedupeKey);
        if (!m) continue;
        let mine = out.get(r.targetId);
        if (!mine) out.set(r.targetId, (mine = new Map()));
        // A follow-up outranks the alert: the reader has heard how it grew.
        if (m[1] === 'followup' || !mine.has(Number(m[2]))) mine.set(Number(m[2]), m[1] as 'breaking' | 'followup');
      }
    }
    return out;
  }

  async awaitingFanout(limit: number): Promise<BreakingStory[]> {
    const rows = await this.db.story.findMany({
      where: { breakingAt: { not: null }, fanoutAt: null },
      orderBy: { breakingAt: 'asc' },
      take: limit,
      // The first reports, enough to find the first in each language.
      include: LEADS_INCLUDE,
    });
    return rows.map((r) => ({ ...breakingFields(r), breakingAt: r.breakingAt! }));
  }

  async story(idOrUrl: string): Promise<WhyStory | null> {
    const input = idOrUrl.trim().replace(/^#/, '');
    let id = /^\d{1,9}$/.test(input) ? Number(input) : undefined;
    if (id === undefined && /^https?:\/\//i.test(input)) {
      const item = await this.db.item.findFirst({ where: { url: input, storyId: { not: null } }, select: { storyId: true } });
      id = item?.storyId ?? (await this.db.story.findFirst({ where: { url: input }, select: { id: true } }))?.id;
    }
    if (id === undefined) return null;
    const r = await this.db.story.findUnique({
      where: { id },
      include: LEADS_INCLUDE,
    });
    if (!r) return null;
    return { ...breakingFields(r), breakingAt: r.breakingAt, firstSeenAt: r.firstSeenAt };
  }

  async rows(targetId: number, story: WhyStory): Promise<WhyRow[]> {
    const own = new Set([`breaking:${story.id}`, `followup:${story.id}`]);
    const rows = await this.db.outbox.findMany({
      where: { targetId, createdAt: { gte: new Date(story.firstSeenAt.getTime() - 3600_000) } },
      orderBy: { id: 'desc' },
      take: WHY_ROWS,
      include: { sharedPayload: { select: { body: true } } },
    });
    return rows
      .filter((r) => own.has(r.dedupeKey) || (!/^(breaking|followup):/.test(r.dedupeKey) && carries(r.sharedPayload.body, story.id)))
      .map((r) => ({
        kind: r.kind as WhyRow['kind'],
        heldNews: r.dedupeKey.startsWith('held:'),
        status: r.status,
        createdAt: r.createdAt,
        sentAt: r.sentAt,
        nextAttemptAt: r.nextAttemptAt,
        lastError: r.lastError,
      }));
  }

  async markFannedOut(storyId: number, at: Date, outlets: string[]): Promise<void> {
    await this.db.story.update({ where: { id: storyId }, data: { fanoutAt: at, fanoutOutlets: outlets.join(',') } });
  }

  // Stories with items only: an operator's story has no outlets to grow by.
  async awaitingFollowUp(since: Date): Promise<DevelopingStory[]> {
    const rows = await this.db.story.findMany({
      where: { fanoutAt: { gte: since }, followupAt: null, fanoutOutlets: { not: null }, items: { some: {} } },
      orderBy: { fanoutAt: 'asc' },
      include: LEADS_INCLUDE,
    });
    return rows.map((r) => ({
      id: r.id,
      leads: leadsByLanguage(r.items),
      outlets: split(r.outlets),
      categories: split(r.categories),
      fanoutOutlets: split(r.fanoutOutlets ?? ''),
      lead: leadOf(r),
    }));
  }

  async alerted(storyId: number, afterTargetId: number, limit: number): Promise<number[]> {
    const rows = await this.db.outbox.findMany({
      // Merged: sent within the message that gathered a reader's quiet-hours news.
      where: { dedupeKey: `breaking:${storyId}`, status: { in: ['sent', 'merged'] }, targetId: { gt: afterTargetId } },
      orderBy: { targetId: 'asc' },
      take: limit,
      select: { targetId: true },
    });
    return rows.map((r) => r.targetId);
  }

  async markFollowedUp(storyId: number, at: Date): Promise<void> {
    await this.db.story.update({ where: { id: storyId }, data: { followupAt: at } });
  }
}
