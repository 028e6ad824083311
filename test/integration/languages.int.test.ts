// One event, one story, across languages, on a real database (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set): the cross-language labelled set (test/fixtures/stories-xl) is
// stored through the ingest store and clustered by the story service; the stories it joins
// across languages hold reports of one event only and record every language; and a breaking
// story told in German and English reaches a German reader with the German report and an
// English reader with the English one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { parseMessage } from '../../src/core/delivery/outbox.ts';
import type { Preferences } from '../../src/core/preferences/preferences.ts';
import { InProcessClustering } from '../../src/core/stories/clustering.ts';
import { StoryClusterer } from '../../src/core/stories/story-clusterer.ts';
import { StoryService } from '../../src/core/stories/story-service.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaItemRepository } from '../../src/store/items.store.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { crossLanguageSet } from '../support/cross-language-set.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { defaults } from '../support/defaults.ts';
import { recordingLogger } from '../support/logger.ts';

const NOW = new Date('2026-11-27T00:00:00Z');
const set = crossLanguageSet();
const labelOf = new Map(set.map((i) => [i.url, i.story]));
const feedId = (source: string, language: string) => `xl-${source}-${language}`;

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`stories across languages on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let catalog: Catalog;
    const clock = () => NOW;

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
      catalog = await loadCatalog();
      await new PrismaCatalogRepository(db.prisma).sync(catalog);
      // The set's outlets the catalog lacks, and one international feed per outlet and language.
      const known = new Set((await db.prisma.source.findMany({ select: { id: true } })).map((s) => s.id));
      const outlets = [...new Set(set.map((i) => i.source))];
      await db.prisma.source.createMany({ data: outlets.filter((id) => !known.has(id)).map((id) => ({ id, name: id, homepage: `https://${id}.example` })) });
      const feeds = [...new Set(set.map((i) => `${i.source}\u0000${i.language}`))].map((k) => k.split('\u0000') as [string, string]);
      await db.prisma.feed.createMany({
        data: feeds.map(([source, language]) => ({
          id: feedId(source, language),
          sourceId: source,
          url: `https://${source}.example/${language}/rss`,
          catalogUrl: `https://${source}.example/${language}/rss`,
          categorySlug: 'international',
          languageCode: language,
          countryCodes: 'WORLD',
        })),
      });
      const items = new PrismaItemRepository(db.prisma);
      for (const i of set) {
        const publishedAt = new Date(i.publishedAt);
        await items.storeMany([
          {
            feed: { id: feedId(i.source, i.language), sourceId: i.source, languageCode: i.language },
            items: [{ guid: i.id, url: i.url, title: i.title, summary: i.summary, imageUrl: null, categories: [], publishedAt, contentHash: i.id }],
            backlog: false,
          },
        ]);
      }
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.dispose();
    });

    it('joins reports of one event in several languages into one stored story, and records its languages', async () => {
      const service = new StoryService({
        repo: new PrismaStoryRepository(db.prisma),
        clustering: new InProcessClustering(() => new StoryClusterer(defaults.stories)),
        logger: recordingLogger().logger,
        clock,
        windowMs: 7 * 86_400_000,
      });
      expect((await service.sweep()).items).toBe(set.length);
      const stories = await db.prisma.story.findMany({ include: { items: { select: { url: true, languageCode: true } } } });
      const mixed = stories.filter((s) => new Set(s.items.map((i) => i.languageCode)).size > 1);
      expect(mixed.length).toBeGreaterThanOrEqual(3);
      for (const story of stories) expect(story.languages.split(',').sort()).toEqual([...new Set(story.items.map((i) => i.languageCode))].sort());
      // Pairs of reports in different languages put in one story: almost all of one event (the
      // whole set in one window gives 27 of 30; the same-language clusterer's mistakes carry over).
      let joined = 0;
      let right = 0;
      for (const story of mixed) {
        for (const [n, a] of story.items.entries()) {
          for (const b of story.items.slice(n + 1)) {
            if (a.languageCode === b.languageCode) continue;
            joined++;
            if (labelOf.get(a.url) === labelOf.get(b.url)) right++;
          }
        }
      }
      expect(right / joined).toBeGreaterThanOrEqual(0.85);
    });

    it("sends each reader the report in the reader's language", async () => {
      const story = await db.prisma.story.findFirstOrThrow({
        where: { AND: [{ languages: { contains: 'de' } }, { languages: { contains: 'en' } }] },
        include: { items: { orderBy: { publishedAt: 'asc' } } },
      });
      // This story alone breaks now (others broke as the set was clustered: they are done).
      await db.prisma.story.updateMany({ data: { fanoutAt: NOW } });
      await db.prisma.story.update({ where: { id: story.id }, data: { breakingAt: NOW, breakingReason: 'outlets', fanoutAt: null } });
      const first = (language: string) => story.items.find((i) => i.languageCode === language)!;
      const reader = async (externalId: string, language: 'de' | 'en') => {
        const target = await new PrismaTargetRepository(db.prisma).upsert({ platform: 'telegram', externalId, kind: 'private' });
        const prefs: Preferences = {
          countries: [{ country: 'DE', primaryLanguage: language, otherLanguages: [], primarySource: first(language).sourceId, otherSources: [] }],
          subscriptions: [{ category: 'international', digestTime: '08:00' }],
          timezone: 'Europe/Berlin',
          digestTime: '08:00',
          digestSound: false,
          breakingSound: true,
          linkPreviews: true,
          breakingThreads: false,
          breakingMinOutlets: 1,
          breakingDailyCap: null,
          filters: [],
          breaking: true,
          quietHours: null,
        };
        await new PrismaPreferencesRepository(db.prisma).save(target.id, prefs);
        return target.id;
      };
      const german = await reader('8001', 'de');
      const english = await reader('8002', 'en');
      const audience = new PrismaAudienceRepository(db.prisma);
      const result = await new BreakingFanout(
        { stories: audience, audience, outbox: new PrismaOutboxRepository(db.prisma, clock), catalog, logger: recordingLogger().logger, clock },
        { capPerHour: defaults.delivery.breakingCapPerHour },
      ).run();
      expect(result.stories).toBe(1);
      const headlineOf = async (targetId: number) => {
        const row = await db.prisma.outbox.findFirstOrThrow({ where: { targetId, dedupeKey: `breaking:${story.id}` }, include: { sharedPayload: true } });
        return parseMessage(row.sharedPayload.body).cards![0]!;
      };
      expect(await headlineOf(german)).toMatchObject({ headline: first('de').title, url: first('de').url });
      expect(await headlineOf(english)).toMatchObject({ headline: first('en').title, url: first('en').url });
    });
  });
}
