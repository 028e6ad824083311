// Many targets with preferences, written in bulk (createMany in chunks) for the delivery
// benchmarks. Each target's preferences come from `profile(i)`.
import type { Db } from '../../src/store/prisma-client.ts';

export interface SeedProfile {
  country: string;
  language: string;
  primarySource: string;
  otherSources: string[];
  categories: string[];
  timezone: string;
  digestTime: string;
}

const CHUNK = 900;

export async function seedTargets(
  db: Db,
  n: number,
  profile: (i: number) => SeedProfile,
  externalId = (i: number) => String(1_000_000 + i),
): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const batch = Array.from({ length: end - start }, (_, k) => start + k);
    await db.target.createMany({
      data: batch.map((i) => ({
        platform: 'telegram',
        externalId: externalId(i),
        kind: 'private',
        timezone: profile(i).timezone,
        digestTime: profile(i).digestTime,
        breakingEnabled: true,
      })),
    });
    const rows = await db.target.findMany({
      where: { platform: 'telegram', externalId: { in: batch.map(externalId) } },
      select: { id: true, externalId: true },
    });
    const byExternal = new Map(rows.map((r) => [r.externalId, r.id]));
    const pairs = batch.map((i) => ({ i, id: byExternal.get(externalId(i))!, p: profile(i) }));
    await db.targetCountry.createMany({ data: pairs.map(({ id, p }) => ({ targetId: id, countryCode: p.country, isPrimary: true, position: 0 })) });
    await db.targetLanguage.createMany({
      data: pairs.map(({ id, p }) => ({ targetId: id, countryCode: p.country, languageCode: p.language, isPrimary: true, position: 0 })),
    });
    await db.targetSource.createMany({
      data: pairs.flatMap(({ id, p }) =>
        [p.primarySource, ...p.otherSources].map((sourceId, position) => ({
          targetId: id,
          countryCode: p.country,
          sourceId,
          isPrimary: position === 0,
          position,
        })),
      ),
    });
    await db.subscription.createMany({
      data: pairs.flatMap(({ id, p }) => p.categories.map((categorySlug, position) => ({ targetId: id, categorySlug, digestTime: p.digestTime, position }))),
    });
    ids.push(...pairs.map((x) => x.id));
  }
  return ids;
}
