// PreferencesRepository on Prisma: the target row holds the scalar settings, one row per
// chosen country, language and source, one per category subscription, and one per filter.
import type { Filter } from '../core/filters/filters.ts';
import type { CategorySubscription, CountryChoice, Preferences, Rhythm } from '../core/preferences/preferences.ts';
import type { PreferencesRepository } from '../core/preferences/preferences.repository.ts';
import type { Db } from './prisma-client.ts';

/** What to load with a target to build its preferences. */
export const PREFERENCES_INCLUDE = {
  countries: { orderBy: [{ isPrimary: 'desc' as const }, { position: 'asc' as const }] },
  languages: { orderBy: { position: 'asc' as const } },
  sources: { orderBy: { position: 'asc' as const } },
  subscriptions: { orderBy: { position: 'asc' as const } },
  filters: { orderBy: { position: 'asc' as const } },
};

export interface SubscriptionRow {
  categorySlug: string;
  digestTime: string;
  rhythm?: string;
  secondTime?: string | null;
  weekday?: number | bigint | null;
}

/** A stored subscription as the core's: daily unless its row says otherwise. */
export function toSubscription(r: SubscriptionRow): CategorySubscription {
  const rhythm: Rhythm | undefined =
    r.rhythm === 'twice' && r.secondTime
      ? { kind: 'twice', second: r.secondTime }
      : r.rhythm === 'weekdays'
        ? { kind: 'weekdays' }
        : r.rhythm === 'weekly' && r.weekday !== null && r.weekday !== undefined
          ? { kind: 'weekly', day: Number(r.weekday) }
          : undefined;
  return { category: r.categorySlug, digestTime: r.digestTime, ...(rhythm ? { rhythm } : {}) };
}

/** A subscription's rhythm as its row's columns. */
export const rhythmColumns = (rhythm: Rhythm | undefined) => ({
  rhythm: rhythm?.kind ?? 'daily',
  secondTime: rhythm?.kind === 'twice' ? rhythm.second : null,
  weekday: rhythm?.kind === 'weekly' ? rhythm.day : null,
});

export interface FilterRow {
  kind: string;
  value: string;
  categorySlug: string | null;
}

/** A stored filter as the core's; undefined for a kind this Herald does not know. */
export function toFilter(r: FilterRow): Filter | undefined {
  if (r.kind === 'muteSource') return { kind: 'muteSource', source: r.value };
  if (r.kind === 'mute') return { kind: 'mute', phrase: r.value };
  if (r.kind === 'only') return { kind: 'only', phrase: r.value, ...(r.categorySlug ? { category: r.categorySlug } : {}) };
  return undefined;
}

const fromFilter = (f: Filter): FilterRow =>
  f.kind === 'muteSource'
    ? { kind: f.kind, value: f.source, categorySlug: null }
    : { kind: f.kind, value: f.phrase, categorySlug: f.kind === 'only' ? (f.category ?? null) : null };

type TargetWithPreferences = {
  timezone: string;
  digestTime: string;
  breakingEnabled: boolean;
  digestSound: boolean;
  breakingSound: boolean;
  linkPreviews: boolean;
  breakingThreads: boolean;
  breakingMinOutlets: number;
  breakingDailyCap: number | null;
  quietStart: string | null;
  quietEnd: string | null;
} & {
  countries: { countryCode: string; isPrimary: boolean }[];
  languages: { countryCode: string; languageCode: string; isPrimary: boolean }[];
  sources: { countryCode: string; sourceId: string; isPrimary: boolean }[];
  subscriptions: SubscriptionRow[];
  filters?: FilterRow[];
};

/** A target row with PREFERENCES_INCLUDE as Preferences; null when it never chose a country. */
export function toPreferences(target: TargetWithPreferences): Preferences | null {
  if (target.countries.length === 0) return null;
  const choices = target.countries.map((c): CountryChoice => {
    const languages = target.languages.filter((l) => l.countryCode === c.countryCode);
    const sources = target.sources.filter((s) => s.countryCode === c.countryCode);
    return {
      country: c.countryCode,
      primaryLanguage: languages.find((l) => l.isPrimary)?.languageCode ?? '',
      otherLanguages: languages.filter((l) => !l.isPrimary).map((l) => l.languageCode),
      primarySource: sources.find((s) => s.isPrimary)?.sourceId ?? '',
      otherSources: sources.filter((s) => !s.isPrimary).map((s) => s.sourceId),
    };
  });
  return {
    countries: choices as Preferences['countries'],
    subscriptions: target.subscriptions.map(toSubscription),
    timezone: target.timezone,
    digestTime: target.digestTime,
    breaking: target.breakingEnabled,
    quietHours: target.quietStart && target.quietEnd ? { start: target.quietStart, end: target.quietEnd } : null,
    digestSound: target.digestSound,
    breakingSound: target.breakingSound,
    linkPreviews: target.linkPreviews,
    breakingThreads: target.breakingThreads,
    breakingMinOutlets: target.breakingMinOutlets,
    breakingDailyCap: target.breakingDailyCap,
    filters: (target.filters ?? []).map(toFilter).filter((f) => f !== undefined),
  };
}

export class PrismaPreferencesRepository implements PreferencesRepository {
  constructor(private readonly db: Db) {}

  async load(targetId: number): Promise<Preferences | null> {
    const target = await this.db.target.findUnique({ where: { id: targetId }, include: PREFERENCES_INCLUDE });
    return target ? toPreferences(target) : null;
  }

  async save(targetId: number, p: Preferences): Promise<void> {
    const countries = p.countries.map((c, position) => ({
      targetId,
      countryCode: c.country,
      isPrimary: position === 0,
      position,
    }));
    const languages = p.countries.flatMap((c) =>
      [c.primaryLanguage, ...c.otherLanguages].map((languageCode, position) => ({
        targetId,
        countryCode: c.country,
        languageCode,
        isPrimary: position === 0,
        position,
      })),
    );
    const sources = p.countries.flatMap((c) =>
      [c.primarySource, ...c.otherSources].map((sourceId, position) => ({
        targetId,
        countryCode: c.country,
        sourceId,
        isPrimary: position === 0,
        position,
      })),
    );
    const keep = p.subscriptions.map((s) => s.category);
    await this.db.$transaction(async (tx) => {
      await tx.target.update({
        where: { id: targetId },
        data: {
          timezone: p.timezone,
          digestTime: p.digestTime,
          breakingEnabled: p.breaking,
          digestSound: p.digestSound,
          breakingSound: p.breakingSound,
          linkPreviews: p.linkPreviews,
          breakingThreads: p.breakingThreads,
          breakingMinOutlets: p.breakingMinOutlets,
          breakingDailyCap: p.breakingDailyCap,
          quietStart: p.quietHours?.start ?? null,
          quietEnd: p.quietHours?.end ?? null,
        },
      });
      await tx.targetCountry.deleteMany({ where: { targetId } });
      await tx.targetLanguage.deleteMany({ where: { targetId } });
      await tx.targetSource.deleteMany({ where: { targetId } });
      await tx.targetCountry.createMany({ data: countries });
      await tx.targetLanguage.createMany({ data: languages });
      await tx.targetSource.createMany({ data: sources });
      await tx.targetFilter.deleteMany({ where: { targetId } });
      await tx.targetFilter.createMany({ data: p.filters.map((f, position) => ({ targetId, position, ...fromFilter(f) })) });
      // Subscriptions are updated in place: they carry delivery state (lastDigestAt). A new one
      // starts now: its first digest comes at its next time, not as a catch-up of one already sent today.
      await tx.subscription.deleteMany({ where: { targetId, categorySlug: { notIn: keep } } });
      const now = new Date();
      for (const [position, s] of p.subscriptions.entries()) {
        await tx.subscription.upsert({
          where: { targetId_categorySlug: { targetId, categorySlug: s.category } },
          create: { targetId, categorySlug: s.category, digestTime: s.digestTime, ...rhythmColumns(s.rhythm), position, lastDigestAt: now },
          update: { digestTime: s.digestTime, ...rhythmColumns(s.rhythm), position },
        });
      }
    });
  }
}
