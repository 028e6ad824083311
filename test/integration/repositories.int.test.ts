// The repositories against real databases: the same suite on a SQLite file and on
// PostgreSQL. Migrations, catalog sync, targets and preferences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog, SHIPPED_CATALOG } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { validateCatalog } from '../../src/core/catalog/catalog-validate.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import type { Preferences } from '../../src/core/preferences/preferences.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';

/** A catalog file's contents, edited, then validated. */
function editedCatalog(path: string, edit: (file: any) => void = () => {}): Catalog {
  const file = parse(readFileSync(path, 'utf8'));
  edit(file);
  const result = validateCatalog(file);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.catalog;
}
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'catalogs', 'small.yaml');

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`repositories on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let catalog: Catalog;

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      catalog = await loadCatalog();
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.dispose();
    });

    it('applies the committed migrations once', async () => {
      const first = await db.migrate();
      expect(first.length).toBeGreaterThan(0);
      expect(first.every((name) => /^\d{14}_[a-z0-9_]+$/.test(name))).toBe(true);
      expect(await db.migrate()).toEqual([]);
      expect(await db.ping()).toBe(true);
      const recorded = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(recorded.map((r) => r.migration_name)).toEqual(first);
    });

    describe('catalog sync', () => {
      it('mirrors the shipped catalog, then changes nothing on a second sync', async () => {
        const repo = new PrismaCatalogRepository(db.prisma);
        const first = await repo.sync(catalog);
        expect(first.countries).toEqual({ added: 7, updated: 0, disabled: 0 });
        expect(first.sources).toEqual({ added: catalog.sources.length, updated: 0, disabled: 0 });
        expect(first.feeds.added).toBe(catalog.feeds.length);
        const second = await repo.sync(catalog);
        for (const counts of Object.values(second)) expect(counts).toEqual({ added: 0, updated: 0, disabled: 0 });
        const bbc = await db.prisma.sourceEdition.findMany({ where: { sourceId: 'bbc' }, orderBy: { countryCode: 'asc' } });
        expect(new Set(bbc.map((e) => e.countryCode))).toEqual(new Set(['CN', 'IN', 'WORLD']));
        const us = await db.prisma.country.findUnique({ where: { code: 'US' }, include: { languages: true } });
        expect(us?.languages.map((l) => l.languageCode)).toEqual(['en']);
      });

      it('disables what the file drops, keeping its history, and re-enables it when it returns', async () => {
        const repo = new PrismaCatalogRepository(db.prisma);
        const feed = catalog.feeds.find((f) => f.sourceId === 'cnn')!;
        // History that references the source.
        const item = await db.prisma.item.create({
          data: { sourceId: 'cnn', url: 'https://edition.cnn.com/a', title: 'A', languageCode: 'en', contentHash: 'h', publishedAt: new Date() },
        });
        await db.prisma.itemFeed.create({ data: { itemId: item.id, feedId: feed.id } });

        const withoutCnn = editedCatalog(SHIPPED_CATALOG, (file) => {
          file.sources = file.sources.filter((s: { id: string }) => s.id !== 'cnn');
        });
        const report = await repo.sync(withoutCnn);
        // (Later sources move up one place in the catalog order, so they count as updated.)
        expect(report.sources).toMatchObject({ added: 0, disabled: 1 });
        expect(report.feeds.disabled).toBe(catalog.source('cnn')!.feeds.length);
        const cnn = await db.prisma.source.findUnique({ where: { id: 'cnn' }, include: { items: true } });
        expect(cnn).toMatchObject({ enabled: false });
        expect(cnn?.items).toHaveLength(1);

        const back = await repo.sync(catalog);
        expect(back.sources).toMatchObject({ added: 0, disabled: 0 });
        expect(back.feeds).toMatchObject({ added: 0, disabled: 0, updated: catalog.source('cnn')!.feeds.length });
        expect(await db.prisma.source.findUnique({ where: { id: 'cnn' } })).toMatchObject({ enabled: true });
      });

      it('keeps a feed URL moved by a redirect until the catalog itself changes it', async () => {
        const repo = new PrismaCatalogRepository(db.prisma);
        const feed = catalog.feeds[0]!;
        await db.prisma.feed.update({ where: { id: feed.id }, data: { url: 'https://moved.example/feed', etag: '"x"' } });
        await repo.sync(catalog);
        expect(await db.prisma.feed.findUnique({ where: { id: feed.id } })).toMatchObject({ url: 'https://moved.example/feed', etag: '"x"' });

        const edited = editedCatalog(SHIPPED_CATALOG, (file) => {
          file.sources.find((s: { id: string }) => s.id === feed.sourceId).feeds.find((f: { url: string }) => f.url === feed.url).url =
            'https://new.example/rss';
        });
        const report = await repo.sync(edited);
        expect(report.feeds).toEqual({ added: 0, updated: 1, disabled: 0 });
        expect(await db.prisma.feed.findUnique({ where: { id: feed.id } })).toMatchObject({
          url: 'https://new.example/rss',
          catalogUrl: 'https://new.example/rss',
          etag: null,
        });
        await repo.sync(catalog);
      });
    });

    describe('targets and preferences', () => {
      const rules = () => new PreferenceRules(catalog);

      it('creates a target on first contact and finds it again', async () => {
        const targets = new PrismaTargetRepository(db.prisma);
        const created = await targets.upsert({ platform: 'telegram', externalId: '-1001234567890123', kind: 'supergroup', title: 'Newsroom' });
        const again = await targets.upsert({ platform: 'telegram', externalId: '-1001234567890123', kind: 'supergroup' });
        expect(again.id).toBe(created.id);
        expect(again.title).toBe('Newsroom');
        expect(await targets.find({ platform: 'telegram', externalId: '-1001234567890123' })).toMatchObject({ id: created.id, active: true });
        expect(await targets.find({ platform: 'discord', externalId: '-1001234567890123' })).toBeNull();
      });

      it('saves and loads preferences exactly', async () => {
        const targets = new PrismaTargetRepository(db.prisma);
        const prefsRepo = new PrismaPreferencesRepository(db.prisma);
        const target = await targets.upsert({ platform: 'discord', externalId: '42', kind: 'dm' });
        expect(await prefsRepo.load(target.id)).toBeNull();

        const r = rules();
        let p: Preferences = r.initial('IN');
        for (const step of [
          (x: Preferences) => r.addLanguage(x, 'IN', 'hi'),
          (x: Preferences) => r.setPrimarySource(x, 'IN', 'The Hindu'),
          (x: Preferences) => r.addSource(x, 'IN', 'BBC'),
          (x: Preferences) => r.addSource(x, 'IN', 'AajTak'),
          (x: Preferences) => r.addCountry(x, 'WORLD'),
          (x: Preferences) => r.subscribe(x, 'sports'),
          (x: Preferences) => r.setDigestTime(x, '06:45', 'sports'),
          (x: Preferences) => r.setTimezone(x, 'Europe/Berlin'),
          (x: Preferences) => r.setBreaking(x, false),
          (x: Preferences) => r.setQuietHours(x, { start: '23:00', end: '06:30' }),
        ]) {
          const next = step(p);
          if (!next.ok) throw next.error;
          p = next.value;
        }
        await prefsRepo.save(target.id, p);
        expect(await prefsRepo.load(target.id)).toEqual(p);

        // A second save replaces, and a subscription's delivery state survives it.
        await db.prisma.subscription.update({
          where: { targetId_categorySlug: { targetId: target.id, categorySlug: 'sports' } },
          data: { lastDigestAt: new Date('2026-11-20T06:45:00Z') },
        });
        const fewer = r.removeCountry(p, 'WORLD');
        const unsubscribed = fewer.ok ? r.unsubscribe(fewer.value, 'national') : fewer;
        if (!unsubscribed.ok) throw unsubscribed.error;
        await prefsRepo.save(target.id, unsubscribed.value);
        expect(await prefsRepo.load(target.id)).toEqual(unsubscribed.value);
        const sports = await db.prisma.subscription.findUnique({
          where: { targetId_categorySlug: { targetId: target.id, categorySlug: 'sports' } },
        });
        expect(sports?.lastDigestAt?.toISOString()).toBe('2026-11-20T06:45:00.000Z');
      });

      it('deactivates, moves and deletes a target with everything it owns', async () => {
        const targets = new PrismaTargetRepository(db.prisma);
        const prefsRepo = new PrismaPreferencesRepository(db.prisma);
        const target = await targets.upsert({ platform: 'telegram', externalId: '-100', kind: 'group' });
        await prefsRepo.save(target.id, rules().initial('US'));
        const { id: payloadId } = await db.prisma.outboxPayload.create({ data: { hash: 'targets:delete', body: '{}' } });
        await db.prisma.outbox.create({ data: { targetId: target.id, dedupeKey: 'digest:national:2026-11-21', kind: 'digest', payloadId } });

        await targets.deactivate(target.id, 'bot was kicked');
        expect(await targets.get(target.id)).toMatchObject({ active: false, deactivatedReason: 'bot was kicked' });
        await targets.reactivate(target.id);
        await targets.moveTo(target.id, '-1009999', 'supergroup');
        expect(await targets.find({ platform: 'telegram', externalId: '-1009999' })).toMatchObject({ id: target.id, kind: 'supergroup', active: true });

        await targets.delete(target.id);
        expect(await targets.get(target.id)).toBeNull();
        expect(await prefsRepo.load(target.id)).toBeNull();
        expect(await db.prisma.subscription.count({ where: { targetId: target.id } })).toBe(0);
        expect(await db.prisma.outbox.count({ where: { targetId: target.id } })).toBe(0);
      });

      it('keeps one outbox row per target and dedupe key', async () => {
        const targets = new PrismaTargetRepository(db.prisma);
        const target = await targets.upsert({ platform: 'web', externalId: 'session-1', kind: 'private' });
        const { id: payloadId } = await db.prisma.outboxPayload.create({ data: { hash: 'targets:unique', body: '{}' } });
        const row = { targetId: target.id, dedupeKey: 'breaking:1', kind: 'breaking', payloadId };
        await db.prisma.outbox.create({ data: row });
        await expect(db.prisma.outbox.create({ data: row })).rejects.toThrow();
        expect(await db.prisma.outbox.count({ where: { targetId: target.id } })).toBe(1);
      });
    });
  });

  if (kind.skipReason) {
    it(`repositories on ${kind.name}: skipped`, ({ skip }) => {
      console.warn(`[repositories] ${kind.name} suite skipped: ${kind.skipReason}`);
      skip(kind.skipReason);
    });
  }
}

// A small catalog on a fresh file, to show sync works from an operator's own catalog too.
describe('an operator catalog on a fresh SQLite file', () => {
  it('syncs only what that catalog lists', async () => {
    const testDb = await databaseKinds[0]!.create();
    const db = await openDatabase(testDb.url);
    try {
      await db.migrate();
      const report = await new PrismaCatalogRepository(db.prisma).sync(editedCatalog(SMALL));
      expect(report).toEqual({
        languages: { added: 2, updated: 0, disabled: 0 },
        countries: { added: 2, updated: 0, disabled: 0 },
        categories: { added: 2, updated: 0, disabled: 0 },
        sources: { added: 3, updated: 0, disabled: 0 },
        feeds: { added: 4, updated: 0, disabled: 0 },
      });
      expect((await db.prisma.feed.findUnique({ where: { id: 'cnn-en-national' } }))?.countryCodes).toBe('US');
    } finally {
      await db.close();
      await testDb.dispose();
    }
  });
});
