// Targets with preferences and stories with items, written straight into a test database, for
// the delivery tests and benchmarks.
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import type { Preferences } from '../../src/core/preferences/preferences.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import type { Db } from '../../src/store/prisma-client.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import type { Platform, Target, TargetKind } from '../../src/core/targets/target.ts';

export interface TargetSpec {
  platform?: Platform;
  externalId: string;
  kind?: TargetKind;
  country?: string;
  timezone?: string;
  digestTime?: string;
  categories?: string[];
  quiet?: { start: string; end: string } | null;
  breaking?: boolean;
  otherSources?: string[];
  /** The primary country's primary language and source, instead of the country's defaults. */
  language?: string;
  source?: string;
}

export async function makeTarget(db: Db, catalog: Catalog, spec: TargetSpec): Promise<Target> {
  const target = await new PrismaTargetRepository(db).upsert({
    platform: spec.platform ?? 'telegram',
    externalId: spec.externalId,
    kind: spec.kind ?? 'private',
  });
  const rules = new PreferenceRules(catalog);
  const base = rules.initial(spec.country ?? 'IN');
  const time = spec.digestTime ?? '08:00';
  const prefs: Preferences = {
    ...base,
    countries: [
      {
        ...base.countries[0],
        ...(spec.language ? { primaryLanguage: spec.language } : {}),
        ...(spec.source ? { primarySource: spec.source } : {}),
        otherSources: spec.otherSources ?? [],
      },
    ],
    timezone: spec.timezone ?? base.timezone,
    digestTime: time,
    subscriptions: (spec.categories ?? ['national', 'international']).map((category) => ({ category, digestTime: time })),
    quietHours: spec.quiet ?? null,
    breaking: spec.breaking ?? true,
  };
  await new PrismaPreferencesRepository(db).save(target.id, prefs);
  // As if subscribed long ago (a new subscription waits for its next time): tests move their own clock.
  await db.subscription.updateMany({ where: { targetId: target.id }, data: { lastDigestAt: null } });
  return target;
}

let storySeq = 0;

export interface StorySpec {
  headline: string;
  sources: string[];
  categories?: string[];
  countries?: string[];
  language?: string;
  at: Date;
  breaking?: boolean;
}

/** A story with one item per source; breaking when asked. Returns its id. */
export async function makeStory(db: Db, spec: StorySpec): Promise<number> {
  const n = ++storySeq;
  const story = await db.story.create({
    data: {
      key: `test-${n}-${Math.random().toString(36).slice(2)}`,
      headline: spec.headline,
      languageCode: spec.language ?? 'en',
      outletCount: spec.sources.length,
      itemCount: spec.sources.length,
      outlets: spec.sources.join(','),
      countries: (spec.countries ?? ['IN']).join(','),
      categories: (spec.categories ?? ['national']).join(','),
      firstSeenAt: spec.at,
      lastUpdatedAt: spec.at,
      ...(spec.breaking ? { breakingAt: spec.at, breakingReason: 'outlets' } : {}),
    },
  });
  for (const [i, sourceId] of spec.sources.entries()) {
    await db.item.create({
      data: {
        sourceId,
        url: `https://${sourceId}.example/${n}`,
        title: `${spec.headline} (${sourceId})`,
        summary: `Summary of ${spec.headline}`,
        languageCode: spec.language ?? 'en',
        contentHash: `h${n}-${i}`,
        publishedAt: new Date(spec.at.getTime() + i * 60_000),
        storyId: story.id,
      },
    });
  }
  return story.id;
}
