// StatusSource on Prisma: the status page's figures and the metrics' depth gauges. Hourly
// counts are one indexed COUNT per hour (and platform), so the page costs the same however
// many rows a busy day wrote; nothing here loads rows by the thousand.
import { last24Hours, type HourCount, type StatusSnapshot, type StatusSource } from '../core/status/status.ts';
import type { Db } from './prisma-client.ts';
import { PrismaSuggestionRepository } from './suggestions.store.ts';

export class PrismaStatusSource implements StatusSource {
  readonly #suggestions: PrismaSuggestionRepository;

  constructor(
    private readonly db: Db,
    /** The chat platforms this Herald runs: their charts show even before a first send. */
    private readonly platforms: readonly string[] = [],
  ) {
    this.#suggestions = new PrismaSuggestionRepository(db);
  }

  async snapshot(now: Date): Promise<StatusSnapshot> {
    const hours = last24Hours(now);
    const since = new Date(now.getTime() - 24 * 3600_000);
    const perHour = (count: (from: Date, to: Date) => Promise<number>): Promise<HourCount[]> =>
      Promise.all(hours.map(async (hour) => ({ hour, count: await count(hour, new Date(hour.getTime() + 3600_000)) })));

    const [feeds, itemsPerHour, last24h, breaking24h, total, recent, outbox, deadTotal, latestDead, targets, pending] = await Promise.all([
      this.db.feed.findMany({
        where: { enabled: true },
        orderBy: [{ failures: 'desc' }, { id: 'asc' }],
        select: {
          id: true,
          url: true,
          categorySlug: true,
          status: true,
          failures: true,
          lastError: true,
          lastSuccessAt: true,
          source: { select: { name: true } },
        },
      }),
      perHour((from, to) => this.db.item.count({ where: { firstSeenAt: { gte: from, lt: to } } })),
      this.db.story.count({ where: { firstSeenAt: { gte: since } } }),
      this.db.story.count({ where: { breakingAt: { gte: since } } }),
      this.db.story.count(),
      this.db.story.findMany({
        where: { breakingAt: { gte: since } },
        orderBy: { breakingAt: 'desc' },
        take: 10,
        select: { headline: true, breakingAt: true, outletCount: true, breakingReason: true },
      }),
      this.outboxByStatus(),
      this.db.outbox.count({ where: { status: 'dead' } }),
      this.db.outbox.findMany({
        where: { status: 'dead' },
        orderBy: { updatedAt: 'desc' },
        take: 20,
        select: { id: true, kind: true, lastError: true, updatedAt: true, target: { select: { platform: true, externalId: true } } },
      }),
      this.#targets(),
      Promise.all([this.#suggestions.pendingCount(), this.#suggestions.addresses({ limit: 20 })]),
    ]);
    const deliveriesPerHour: Record<string, HourCount[]> = {};
    // The chat platforms this Herald runs, and any other that has targets (one switched off since).
    const known = (await this.db.target.findMany({ distinct: ['platform'], select: { platform: true } })).map((t) => t.platform);
    for (const platform of new Set([...this.platforms, ...known])) {
      const counts = await perHour((from, to) => this.db.outbox.count({ where: { sentAt: { gte: from, lt: to }, target: { platform } } }));
      if (counts.some((c) => c.count > 0) || this.platforms.includes(platform)) deliveriesPerHour[platform] = counts;
    }
    return {
      generatedAt: now,
      feeds: feeds.map((f) => ({
        id: f.id,
        source: f.source.name,
        category: f.categorySlug,
        url: f.url,
        status: f.status,
        failures: f.failures,
        lastError: f.lastError,
        lastSuccessAt: f.lastSuccessAt,
      })),
      itemsPerHour,
      stories: { last24h, breaking24h, total },
      recentBreaking: recent.map((s) => ({ headline: s.headline, at: s.breakingAt!, outlets: s.outletCount, reason: s.breakingReason })),
      deliveriesPerHour,
      outbox,
      deadLetters: {
        total: deadTotal,
        latest: latestDead.map((d) => ({
          id: d.id,
          platform: d.target.platform,
          chat: d.target.externalId,
          kind: d.kind,
          error: d.lastError,
          at: d.updatedAt,
        })),
      },
      targets,
      suggestions: { pending: pending[0], latest: pending[1] },
    };
  }

  async outboxByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.outbox.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }

  inboxDepth(): Promise<number> {
    return this.db.inboundUpdate.count({ where: { handledAt: null } });
  }

  async feedsByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.feed.groupBy({ by: ['status'], where: { enabled: true }, _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }

  async #targets(): Promise<StatusSnapshot['targets']> {
    const [targets, primaries] = await Promise.all([
      this.db.target.groupBy({ by: ['platform'], where: { active: true }, _count: { _all: true } }),
      this.db.$queryRaw<{ platform: string; country: string; n: number | bigint }[]>`
        SELECT t."platform" AS "platform", c."countryCode" AS "country", COUNT(*) AS "n"
        FROM "Target" t JOIN "TargetCountry" c ON c."targetId" = t."id"
        WHERE t."active" = ${true} AND c."isPrimary" = ${true}
        GROUP BY t."platform", c."countryCode"`,
    ]);
    const out: StatusSnapshot['targets'] = [];
    for (const t of targets) {
      const withCountry = primaries.filter((p) => p.platform === t.platform).map((p) => ({ platform: t.platform, country: p.country, count: Number(p.n) }));
      const counted = withCountry.reduce((n, p) => n + p.count, 0);
      out.push(...withCountry);
      if (t._count._all > counted) out.push({ platform: t.platform, country: '', count: t._count._all - counted });
    }
    return out.sort((a, b) => b.count - a.count);
  }
}
