// Stories kept in storage, on SQLite and PostgreSQL: items stored by ingest are clustered by
// the service, stories and item links are written, breaking is recorded once, and a restart
// rebuilds the window so new reports join the stories they belong to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaItemRepository } from '../../src/store/items.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { StoryClusterer } from '../../src/core/stories/story-clusterer.ts';
import { StoryService } from '../../src/core/stories/story-service.ts';
import { InProcessClustering } from '../../src/core/stories/clustering.ts';
import { Lease } from '../../src/core/coordination/lease.ts';
import { PrismaLeaseRepository } from '../../src/store/lease.store.ts';
import type { NewItem } from '../../src/core/items/item.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';
import { defaults } from '../support/defaults.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() - 3 * 3600_000 + minutes * 60_000);
const quake = (n: number, minutes: number): NewItem => ({
  guid: `q${n}`,
  url: `https://news.example/quake/${n}`,
  title: [
    'Magnitude 7.1 quake strikes off Valparaiso coast',
    'Chile lifts tsunami warning after 7.1 tremor near Valparaiso',
    'Valparaiso earthquake: buildings evacuated, no deaths reported',
  ][n % 3]!,
  summary: "A magnitude 7.1 earthquake struck off Valparaiso, Chile, prompting a brief tsunami warning; Chile's interior ministry reported no deaths.",
  imageUrl: null,
  categories: [],
  publishedAt: at(minutes),
  contentHash: `q${n}`,
});
const other: NewItem = {
  guid: 'o1',
  url: 'https://news.example/budget',
  title: 'Parliament passes farm subsidy bill',
  summary: 'Lawmakers approved the bill 301 to 212 after a long debate over grain prices.',
  imageUrl: null,
  categories: [],
  publishedAt: at(5),
  contentHash: 'o1',
};

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`stories on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    const service = () =>
      new StoryService({
        repo: new PrismaStoryRepository(db.prisma),
        clustering: new InProcessClustering(() => new StoryClusterer(defaults.stories)),
        logger: recordingLogger().logger,
        clock: () => NOW,
        windowMs: 72 * 3600_000,
      });

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
      const sources = ['bbc', 'cnn', 'voa', 'dw', 'zdf'];
      await db.prisma.source.createMany({ data: sources.map((id) => ({ id, name: id, homepage: `https://${id}.example` })) });
      await db.prisma.feed.createMany({
        data: sources.map((id) => ({
          id: `${id}-world`,
          sourceId: id,
          url: `https://${id}.example/rss`,
          catalogUrl: `https://${id}.example/rss`,
          categorySlug: 'international',
          languageCode: 'en',
          countryCodes: 'WORLD',
        })),
      });
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.dispose();
    });

    const store = (source: string, items: NewItem[], backlog = false) =>
      new PrismaItemRepository(db.prisma).storeMany([{ feed: { id: `${source}-world`, sourceId: source, languageCode: 'en' }, items, backlog }]);

    it('clusters stored items into stories and records breaking once', async () => {
      await store('bbc', [quake(0, 0), other]);
      await store('cnn', [quake(1, 20)]);
      const first = await service().sweep();
      expect(first).toMatchObject({ items: 3, newStories: 2, breaking: [] });
      await store('voa', [quake(2, 40)]);
      const second = await service().sweep();
      expect(second.items).toBe(1);
      expect(second.breaking).toEqual([{ storyKey: expect.any(String), reason: 'outlets' }]);

      const stories = await new PrismaStoryRepository(db.prisma).list({ since: new Date(0), breakingOnly: false, limit: 10 });
      expect(stories.map((s) => [s.outlets.sort(), s.itemCount, s.breakingReason])).toEqual([
        [['bbc', 'cnn', 'voa'], 3, 'outlets'],
        [['bbc'], 1, null],
      ]);
      expect(stories[0]!.categories).toEqual(['international']);
      expect(stories[0]!.countries).toEqual(['WORLD']);
      expect(await db.prisma.item.count({ where: { storyId: null } })).toBe(0);
    });

    it('rebuilds the window after a restart: a new report joins its story, which does not break again', async () => {
      await store('dw', [quake(3, 60)]);
      const restarted = service();
      expect(await restarted.warmUp()).toBe(4);
      const result = await restarted.sweep();
      expect(result).toMatchObject({ items: 1, newStories: 0, breaking: [] });
      const [story] = await new PrismaStoryRepository(db.prisma).list({ since: new Date(0), breakingOnly: true, limit: 10 });
      expect(story).toMatchObject({ itemCount: 4, breakingReason: 'outlets' });
      expect(story!.urls).toHaveLength(4);
    });

    it('rebuilds memory from storage after a failed save, without counting anything twice', async () => {
      const repo = new PrismaStoryRepository(db.prisma);
      let failures = 1;
      const flaky = Object.assign(Object.create(repo) as PrismaStoryRepository, {
        save: async (...args: Parameters<PrismaStoryRepository['save']>) => {
          if (failures-- > 0) throw new Error('database is locked');
          return repo.save(...args);
        },
      });
      const svc = new StoryService({
        repo: flaky,
        clustering: new InProcessClustering(() => new StoryClusterer(defaults.stories)),
        logger: recordingLogger().logger,
        clock: () => NOW,
        windowMs: 72 * 3600_000,
      });
      await svc.warmUp();
      await store('zdf', [quake(4, 70)]);
      await expect(svc.sweep()).rejects.toThrow('database is locked');
      expect((await svc.sweep()).items).toBe(1);
      const [story] = await repo.list({ since: new Date(0), breakingOnly: true, limit: 10 });
      expect(story!.itemCount).toBe(5);
      expect([...story!.outlets].sort()).toEqual(['bbc', 'cnn', 'dw', 'voa', 'zdf']);
    });

    it('keeps stored totals when memory holds less (a restart with a shorter window)', async () => {
      const short = new StoryService({
        repo: new PrismaStoryRepository(db.prisma),
        clustering: new InProcessClustering(() => new StoryClusterer({ ...defaults.stories, windowMs: 3600_000 })),
        logger: recordingLogger().logger,
        clock: () => NOW,
        windowMs: 3600_000,
      });
      await store('bbc', [{ ...quake(5, 170), guid: 'q5b', url: 'https://news.example/quake/5b' }]);
      await short.sweep();
      const [story] = await new PrismaStoryRepository(db.prisma).list({ since: new Date(0), breakingOnly: true, limit: 10 });
      expect(story!.itemCount).toBeGreaterThanOrEqual(5);
      expect(story!.firstSeenAt).toEqual(at(0));
    });

    it('lets one service at a time cluster when they share a lease: no event in two stories', async () => {
      await store('bbc', [
        { ...quake(20, 100), guid: 'q20', url: 'https://news.example/quake/20' },
        {
          ...other,
          guid: 'o20',
          url: 'https://news.example/museum/20',
          title: 'Louvre reopens Denon wing after roof repairs',
          summary: 'The Denon wing of the Louvre reopened on Saturday after two years of repairs to its glass roof.',
        },
      ]);
      await store('cnn', [{ ...quake(21, 101), guid: 'q21', url: 'https://news.example/quake/21' }]);
      const before = await db.prisma.story.count();
      const leased = () =>
        new StoryService({
          repo: new PrismaStoryRepository(db.prisma),
          clustering: new InProcessClustering(() => new StoryClusterer(defaults.stories)),
          lease: new Lease({
            repo: new PrismaLeaseRepository(db.prisma),
            name: 'stories-test',
            ttlMs: 60_000,
            clock: () => NOW,
            logger: recordingLogger().logger,
          }),
          logger: recordingLogger().logger,
          clock: () => NOW,
          windowMs: 72 * 3600_000,
        });
      // Two processes' services sweep the same new items at the same moment.
      const [a, b] = await Promise.all([leased().sweep(), leased().sweep()]);
      expect([a.items, b.items].sort()).toEqual([0, 3]);
      expect(await db.prisma.item.count({ where: { storyId: null } })).toBe(0);
      // The quake reports joined the quake story; the new bill story is the only new one.
      expect((await db.prisma.story.count()) - before).toBe(1);
    });

    it('does not cluster old news nor let backlog break a story', async () => {
      const old = { ...quake(9, 0), guid: 'old', url: 'https://news.example/old', publishedAt: new Date(NOW.getTime() - 10 * 86_400_000) };
      await store('zdf', [old], true);
      expect((await service().sweep()).items).toBe(0);
    });
  });
}
