// CatalogRepository on Prisma. Reads what is stored, compares it with the catalog, and
// writes only the differences in one transaction: a second sync of the same file writes
// nothing, and rows the file no longer lists are disabled, keeping their history.
import type { Catalog } from '../core/catalog/catalog.ts';
import type { CatalogRepository, CatalogSyncReport, SyncCounts } from '../core/catalog/catalog.repository.ts';
import type { Db } from './prisma-client.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Compares stored rows with wanted rows by key; returns what to create, update and disable. */
function plan<W extends object, S extends { enabled: boolean }>(stored: S[], wanted: W[], key: (row: W | S) => string, same: (s: S, w: W) => boolean) {
  const byKey = new Map(stored.map((s) => [key(s), s]));
  const wantedKeys = new Set(wanted.map(key));
  const create = wanted.filter((w) => !byKey.has(key(w)));
  const update = wanted.filter((w) => {
    const s = byKey.get(key(w));
    return s !== undefined && (!s.enabled || !same(s, w));
  });
  const disable = stored.filter((s) => s.enabled && !wantedKeys.has(key(s)));
  const counts: SyncCounts = { added: create.length, updated: update.length, disabled: disable.length };
  return { create, update, disable, counts };
}

const eq = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

export class PrismaCatalogRepository implements CatalogRepository {
  constructor(private readonly db: Db) {}

  async sync(catalog: Catalog): Promise<CatalogSyncReport> {
    return this.db.$transaction((tx) => this.syncIn(tx, catalog), { timeout: 60_000, maxWait: 10_000 });
  }

  // eslint-disable-next-line max-lines-per-function -- one transaction that brings each table in line with the catalog, in the order their keys need
  private async syncIn(tx: Tx, catalog: Catalog): Promise<CatalogSyncReport> {
    // Languages.
    const languages = plan(
      await tx.language.findMany(),
      catalog.languages.map((l) => ({ code: l.code, name: l.name })),
      (r) => r.code,
      (s, w) => s.name === w.name,
    );
    for (const l of languages.create) await tx.language.create({ data: l });
    for (const l of languages.update) await tx.language.update({ where: { code: l.code }, data: { ...l, enabled: true } });
    for (const l of languages.disable) await tx.language.update({ where: { code: l.code }, data: { enabled: false } });

    // Countries, and the languages each offers (a plain link table: replaced when it differs).
    const countries = plan(
      await tx.country.findMany({ include: { languages: { orderBy: { position: 'asc' } } } }),
      catalog.countries.map((c, position) => ({
        code: c.code,
        name: c.name,
        primaryLanguage: c.primaryLanguage,
        timezone: c.timezone ?? null,
        position,
        languages: c.languages,
      })),
      (r) => r.code,
      (s, w) =>
        s.name === w.name &&
        s.primaryLanguage === w.primaryLanguage &&
        eq(s.timezone, w.timezone) &&
        s.position === w.position &&
        s.languages.map((l) => l.languageCode).join() === w.languages.join(),
    );
    for (const { languages: langs, ...c } of [...countries.create, ...countries.update]) {
      await tx.country.upsert({ where: { code: c.code }, create: c, update: { ...c, enabled: true } });
      await tx.countryLanguage.deleteMany({ where: { countryCode: c.code } });
      await tx.countryLanguage.createMany({
        data: langs.map((languageCode, position) => ({ countryCode: c.code, languageCode, position })),
      });
    }
    for (const c of countries.disable) await tx.country.update({ where: { code: c.code }, data: { enabled: false } });

    // Categories ("All" is not stored: it stands for the others).
    const categories = plan(
      await tx.category.findMany(),
      catalog.categories.map((c, position) => ({ slug: c.slug, name: c.name, position })),
      (r) => r.slug,
      (s, w) => s.name === w.name && s.position === w.position,
    );
    for (const c of [...categories.create, ...categories.update])
      await tx.category.upsert({ where: { slug: c.slug }, create: c, update: { ...c, enabled: true } });
    for (const c of categories.disable) await tx.category.update({ where: { slug: c.slug }, data: { enabled: false } });

    // Sources, with their editions (source × country × language).
    const wantedEditions = catalog.sources.flatMap((s) =>
      s.editions.flatMap((e) => e.languages.map((languageCode) => ({ sourceId: s.id, countryCode: e.country, languageCode }))),
    );
    const editionKey = (e: { sourceId: string; countryCode: string; languageCode: string }) => `${e.sourceId}/${e.countryCode}/${e.languageCode}`;
    const storedEditions = await tx.sourceEdition.findMany();
    const sources = plan(
      await tx.source.findMany(),
      catalog.sources.map((s, position) => ({ id: s.id, name: s.name, homepage: s.homepage, position })),
      (r) => r.id,
      (s, w) => s.name === w.name && s.homepage === w.homepage && s.position === w.position,
    );
    for (const s of [...sources.create, ...sources.update]) await tx.source.upsert({ where: { id: s.id }, create: s, update: { ...s, enabled: true } });
    for (const s of sources.disable) await tx.source.update({ where: { id: s.id }, data: { enabled: false } });
    const editions = plan(storedEditions, wantedEditions, editionKey, () => true);
    for (const e of editions.create) await tx.sourceEdition.create({ data: e });
    const setEdition = (e: { sourceId: string; countryCode: string; languageCode: string }, enabled: boolean) =>
      tx.sourceEdition.update({
        where: { sourceId_countryCode_languageCode: { sourceId: e.sourceId, countryCode: e.countryCode, languageCode: e.languageCode } },
        data: { enabled },
      });
    for (const e of editions.update) await setEdition(e, true);
    for (const e of editions.disable) await setEdition(e, false);

    // Feeds. The stored url may differ from the catalog's after a permanent redirect; only a
    // change of the catalog's own URL resets it.
    const storedFeeds = await tx.feed.findMany();
    const storedCatalogUrl = new Map(storedFeeds.map((f) => [f.id, f.catalogUrl]));
    const feeds = plan(
      storedFeeds,
      catalog.feeds.map((f) => ({
        id: f.id,
        sourceId: f.sourceId,
        catalogUrl: f.url,
        categorySlug: f.category,
        languageCode: f.language,
        countryCodes: f.countries.join(','),
        breaking: f.breaking,
        ref: f.ref ?? null,
      })),
      (r) => r.id,
      (s, w) =>
        s.sourceId === w.sourceId &&
        s.catalogUrl === w.catalogUrl &&
        s.categorySlug === w.categorySlug &&
        s.languageCode === w.languageCode &&
        s.countryCodes === w.countryCodes &&
        s.breaking === w.breaking &&
        eq(s.ref, w.ref),
    );
    for (const f of feeds.create) await tx.feed.create({ data: { ...f, url: f.catalogUrl } });
    for (const f of feeds.update) {
      const urlChanged = storedCatalogUrl.get(f.id) !== f.catalogUrl;
      await tx.feed.update({
        where: { id: f.id },
        data: { ...f, enabled: true, ...(urlChanged ? { url: f.catalogUrl, etag: null, lastModified: null } : {}) },
      });
    }
    for (const f of feeds.disable) await tx.feed.update({ where: { id: f.id }, data: { enabled: false } });

    // A source whose editions changed counts as updated (once), unless it is new or gone.
    const settled = new Set([...sources.create, ...sources.disable].map((x) => x.id));
    const touched = new Set(
      [...sources.update, ...[...editions.create, ...editions.update, ...editions.disable].map((e) => ({ id: e.sourceId }))]
        .map((x) => x.id)
        .filter((id) => !settled.has(id)),
    );
    return {
      languages: languages.counts,
      countries: countries.counts,
      categories: categories.counts,
      sources: { ...sources.counts, updated: touched.size },
      feeds: feeds.counts,
    };
  }
}
