// What the shipped catalog covers: every country × language × category cell counted, the
// empty ones named (World's German, Chinese and French; Germany's German international; China's
// Chinese national, entertainment and sports; Qatar's entertainment), and BBC's general feed
// filed twice (http and https) found as one address.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { catalogCoverage, sameAddress } from '../../src/core/catalog/coverage.ts';

describe('catalog coverage', () => {
  it('counts every cell of the shipped catalog and names the empty ones and the duplicates', async () => {
    const catalog = await loadCatalog();
    const c = catalogCoverage(catalog);
    const cells = catalog.countries.reduce((n, country) => n + country.languages.length, 0) * catalog.categories.length;
    expect(c.cells).toHaveLength(cells);
    const empty = c.empty.map((e) => `${e.country} ${e.language} ${e.category}`);
    expect(empty).toEqual(
      expect.arrayContaining(['DE de international', 'CN zh national', 'CN zh sports', 'QA en entertainment', 'WORLD de national', 'WORLD fr sports']),
    );
    expect(empty).not.toContain('IN en national');
    expect(c.cells.find((x) => x.country === 'IN' && x.language === 'en' && x.category === 'national')!.feeds).toBeGreaterThan(1);
    expect(c.duplicates.map((d) => sameAddress(d.url))).toContain('feeds.bbci.co.uk/news/rss.xml');
  });

  it('takes one address however it is written', () => {
    expect(sameAddress('http://feeds.bbci.co.uk/news/rss.xml')).toBe(sameAddress('https://feeds.bbci.co.uk/news/rss.xml/'));
    expect(sameAddress('https://www.example.com/rss?x=1')).toBe(sameAddress('https://example.com/rss?x=1'));
    expect(sameAddress('https://example.com/rss?x=1')).not.toBe(sameAddress('https://example.com/rss?x=2'));
  });
});
