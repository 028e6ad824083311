// What the shipped catalog covers: every country × language × category cell counted; no empty
// cell left unexplained (the rest carry the catalog's reason, such as World having no nation);
// the outlets with no feed listed as unavailable with why and since when; no address filed
// twice (BBC's general feed was, by http and https); BBC's UK feed no longer in India's National.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { validateCatalog } from '../../src/core/catalog/catalog-validate.ts';
import { catalogCoverage, sameAddress } from '../../src/core/catalog/coverage.ts';

describe('catalog coverage', () => {
  it('counts every cell of the shipped catalog, explains every empty one, and files no address twice', async () => {
    const catalog = await loadCatalog();
    const c = catalogCoverage(catalog);
    const cells = catalog.countries.reduce((n, country) => n + country.languages.length, 0) * catalog.categories.length;
    expect(c.cells).toHaveLength(cells);
    expect(c.empty).toEqual([]);
    for (const e of c.explained) expect(e.reason!.length, `${e.country} ${e.language} ${e.category}`).toBeGreaterThan(40);
    const filled = (country: string, language: string, category: string) =>
      c.cells.find((x) => x.country === country && x.language === language && x.category === category)!.feeds;
    // The cells the issue named as empty that a real feed fills.
    expect(filled('DE', 'de', 'international')).toBeGreaterThan(0);
    expect(filled('CN', 'zh', 'national')).toBeGreaterThan(0);
    for (const language of ['de', 'zh', 'fr']) expect(filled('WORLD', language, 'international') + filled('WORLD', language, 'special')).toBeGreaterThan(0);
    expect(filled('IN', 'en', 'national')).toBeGreaterThan(1);
    expect(c.duplicates).toEqual([]);
  });

  it("keeps BBC's UK feed out of India's National digest and lists outlets with no feed as unavailable", async () => {
    const catalog = await loadCatalog();
    const uk = catalog.feeds.find((f) => sameAddress(f.url).endsWith('news/uk/rss.xml'));
    if (uk) expect(uk.category === 'national' && uk.countries.includes('IN')).toBe(false);
    const unavailable = Object.fromEntries(catalogCoverage(catalog).unavailable.map((u) => [u.source, u.reason]));
    expect(unavailable).toMatchObject({
      prosieben: 'no-feed',
      'beijing-daily': 'no-feed',
      takungpao: 'no-feed',
      xinmin: 'no-feed',
      'metro-montreal': 'discontinued',
      voa: 'discontinued',
    });
    for (const id of Object.keys(unavailable)) expect(catalog.source(id)!.feeds).toEqual([]);
  });

  it('refuses a gap where a feed is, a gap for no cell, and feeds on an outlet marked unavailable', () => {
    const file = {
      languages: [{ code: 'en', name: 'English' }],
      categories: [{ slug: 'national', name: 'National' }],
      countries: [{ code: 'IN', name: 'India', primaryLanguage: 'en' }],
      sources: [
        {
          id: 'a',
          name: 'A',
          homepage: 'https://a.example/',
          editions: [{ country: 'IN', languages: ['en'] }],
          feeds: [{ url: 'https://a.example/rss', language: 'en', category: 'national' }],
        },
        {
          id: 'b',
          name: 'B',
          homepage: 'https://b.example/',
          editions: [{ country: 'IN', languages: ['en'] }],
          feeds: [{ url: 'https://b.example/rss', language: 'en', category: 'national' }],
          unavailable: { reason: 'no-feed', since: '2026-11', detail: 'none found' },
        },
      ],
      gaps: [
        { country: 'IN', language: 'en', category: 'national', reason: 'none' },
        { country: 'IN', language: 'fr', category: 'national', reason: 'none' },
      ],
    };
    const result = validateCatalog(file);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sources\[1\]\.unavailable: b is marked no-feed but lists feeds/),
        expect.stringMatching(/^gaps\[0\]: IN × en × national has a feed/),
        expect.stringMatching(/^gaps\[1\]: IN × fr is no cell/),
      ]),
    );
    expect(validateCatalog({ ...file, sources: [file.sources[0]], gaps: [] }).ok).toBe(true);
  });

  it('takes one address however it is written', () => {
    expect(sameAddress('http://feeds.bbci.co.uk/news/rss.xml')).toBe(sameAddress('https://feeds.bbci.co.uk/news/rss.xml/'));
    expect(sameAddress('https://www.example.com/rss?x=1')).toBe(sameAddress('https://example.com/rss?x=1'));
    expect(sameAddress('https://example.com/rss?x=1')).not.toBe(sameAddress('https://example.com/rss?x=2'));
  });
});
