// Retention on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): what is
// older than its cutoff goes, in batches; what is younger, still waiting to be sent or still
// used by a row that is, stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { retentionCutoffs } from '../../src/core/retention/retention.ts';
import { loadConfig } from '../../src/config.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaRetentionRepository } from '../../src/store/retention.store.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget } from '../support/delivery-fixtures.ts';

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);

describe('retention policy', () => {
  it('defaults to 30 days of news, 14 of delivered messages and 30 of web transcripts; 0 keeps for ever', () => {
    const { retention } = loadConfig({});
    expect(retention).toEqual({ contentDays: 30, deliveredDays: 14, transcriptDays: 30 });
    expect(retentionCutoffs(now, retention)).toEqual({ content: daysAgo(30), delivered: daysAgo(14), transcripts: daysAgo(30) });
    expect(retentionCutoffs(now, { contentDays: 0, deliveredDays: 2, transcriptDays: 0 })).toEqual({ content: null, delivered: daysAgo(2), transcripts: null });
    expect(() => loadConfig({ RETENTION_CONTENT_DAYS: '-1' })).toThrow(/RETENTION_CONTENT_DAYS/);
  });
});

describe.each(databaseKinds)('retention on $name', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let catalog: Catalog;

  beforeAll(async () => {
    if (kind.skipReason) return;
    testDb = await kind.create();
    db = await openDatabase(testDb.url);
    await db.migrate();
    catalog = await loadCatalog();
    await new PrismaCatalogRepository(db.prisma).sync(catalog);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.dispose();
  });

  it.skipIf(kind.skipReason)('prunes old news, done deliveries, unused payloads and old transcripts, and nothing else', async () => {
    const p = db.prisma;
    const sources = catalog.sources.slice(0, 2).map((s) => s.id);
    const story = async (headline: string, age: number) => {
      const id = await makeStory(p, { headline, sources, at: daysAgo(age) });
      await p.item.updateMany({ where: { storyId: id }, data: { firstSeenAt: daysAgo(age) } });
      return id;
    };
    const oldStory = await story('Old story', 40);
    const freshStory = await story('Fresh story', 2);
    // A story still being updated keeps itself; its items older than the cutoff go.
    const livelyStory = await story('Lively story', 35);
    await p.story.update({ where: { id: livelyStory }, data: { lastUpdatedAt: daysAgo(1) } });

    const target = await makeTarget(p, catalog, { externalId: '4242', country: 'US' });
    const payload = async (hash: string, age: number) => (await p.outboxPayload.create({ data: { hash, body: '{}', createdAt: daysAgo(age) } })).id;
    const usedOld = await payload('used-by-old-sent', 20);
    const usedPending = await payload('used-by-pending', 20);
    const orphanOld = await payload('orphan-old', 20);
    const orphanFresh = await payload('orphan-fresh', 1);
    const row = (dedupeKey: string, status: string, payloadId: number, age: number) =>
      p.outbox.create({ data: { targetId: target.id, dedupeKey, kind: 'breaking', status, payloadId, updatedAt: daysAgo(age) } });
    await row('sent-old', 'sent', usedOld, 20);
    await row('dead-old', 'dead', usedOld, 20);
    await row('folded-old', 'folded', usedOld, 20);
    await row('sent-fresh', 'sent', usedOld, 3);
    await row('pending-old', 'pending', usedPending, 20); // still to send, however old
    await row('held-old', 'held', usedPending, 20); // waiting for quiet hours to end
    // (updatedAt is @updatedAt, which Prisma fills only when it is not given.)

    await p.webMessage.create({ data: { chatId: 'web-1', role: 'user', body: '{}', createdAt: daysAgo(31) } });
    await p.webMessage.create({ data: { chatId: 'web-1', role: 'bot', body: '{}', createdAt: daysAgo(29) } });

    const store = new PrismaRetentionRepository(p);
    const pruned = await store.prune(retentionCutoffs(now, { contentDays: 30, deliveredDays: 14, transcriptDays: 30 }));
    expect(pruned).toEqual({ items: 4, stories: 1, outbox: 3, payloads: 1, webMessages: 1 });

    expect((await p.story.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((s) => s.id)).toEqual([freshStory, livelyStory]);
    expect(await p.item.count({ where: { storyId: freshStory } })).toBe(2);
    expect(await p.item.count({ where: { storyId: { in: [oldStory, livelyStory] } } })).toBe(0);
    expect(await p.itemFeed.count({ where: { item: { storyId: oldStory } } })).toBe(0);
    expect((await p.outbox.findMany({ select: { dedupeKey: true }, orderBy: { dedupeKey: 'asc' } })).map((r) => r.dedupeKey)).toEqual([
      'held-old',
      'pending-old',
      'sent-fresh',
    ]);
    expect((await p.outboxPayload.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id)).toEqual([usedOld, usedPending, orphanFresh]);
    expect(orphanOld).toBeGreaterThan(0);
    expect(await p.webMessage.count()).toBe(1);

    // A second pass finds nothing; 0 days keeps everything.
    expect(await store.prune(retentionCutoffs(now, { contentDays: 30, deliveredDays: 14, transcriptDays: 30 }))).toEqual({
      items: 0,
      stories: 0,
      outbox: 0,
      payloads: 0,
      webMessages: 0,
    });
    expect(await store.prune(retentionCutoffs(now, { contentDays: 0, deliveredDays: 0, transcriptDays: 0 }))).toEqual({
      items: 0,
      stories: 0,
      outbox: 0,
      payloads: 0,
      webMessages: 0,
    });
  });

  it.skipIf(kind.skipReason)('prunes more rows than one batch holds', async () => {
    const p = db.prisma;
    const source = catalog.sources[0]!.id;
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      sourceId: source,
      url: `https://bulk.example/${i}`,
      title: `Bulk ${i}`,
      languageCode: 'en',
      contentHash: `bulk-${i}`,
      publishedAt: daysAgo(60),
      firstSeenAt: daysAgo(60),
    }));
    await p.item.createMany({ data: rows });
    const pruned = await new PrismaRetentionRepository(p).prune({ content: daysAgo(30), delivered: null, transcripts: null });
    expect(pruned.items).toBe(4500);
    expect(await p.item.count({ where: { url: { startsWith: 'https://bulk.example/' } } })).toBe(0);
  });
});
