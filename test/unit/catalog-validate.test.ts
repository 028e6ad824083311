// Catalog validation: the shipped catalog passes; a broken file reports every problem at
// once, each with its path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CatalogError, loadCatalog, parseCatalogText } from '../../src/core/catalog/catalog-loader.ts';
import { validateCatalog, type CatalogIssue } from '../../src/core/catalog/catalog-validate.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'catalogs');
const small = () => parse(readFileSync(join(fixtures, 'small.yaml'), 'utf8'));

function issuesOf(input: unknown): CatalogIssue[] {
  const result = validateCatalog(input);
  if (result.ok) throw new Error('expected the catalog to be refused');
  return result.issues;
}

describe('the shipped catalog', () => {
  it('holds everything on the seed screen', async () => {
    const c = await loadCatalog();
    expect(c.countries.map((x) => x.code)).toEqual(['IN', 'US', 'QA', 'DE', 'CN', 'CA', 'WORLD']);
    expect(c.languages.map((l) => l.code).sort()).toEqual(['ar', 'de', 'en', 'fr', 'hi', 'zh']);
    expect(c.categories.map((x) => x.slug)).toEqual(['national', 'international', 'business', 'entertainment', 'sports', 'special']);
    expect(c.allCategory?.name).toBe('All Categories');
    // The seed lists 12 + 10 + 8 + 8 + 8 + 8 outlets; BBC, Al Jazeera, The New York Times and
    // Voice of America appear under two countries, and Zee News and News 24 twice under India.
    expect(c.sources).toHaveLength(50);
    expect(c.sourcesIn('IN').map((s) => s.name)).toEqual([
      'AajTak',
      'NDTV India',
      'The Hindu',
      'India Today',
      'Zee News',
      'NDTV',
      'BBC',
      'The Wire',
      'News18',
      'News 24',
      'The Quint',
      'ABP News',
    ]);
    for (const [outlet, countries] of [
      ['bbc', ['IN', 'CN']],
      ['al-jazeera', ['US', 'QA']],
      ['nytimes', ['US', 'CN']],
      ['voa', ['US', 'CN']],
    ] as const) {
      const editions = c.source(outlet)!.editions.map((e) => e.country);
      for (const country of countries) expect(editions).toContain(country);
    }
    expect(c.country('US')!.languages).toEqual(['en']);
    expect(c.feeds.length).toBeGreaterThan(150);
    for (const feed of c.feeds) expect(feed.ref, feed.id).toBeTruthy();
  });

  it('finds countries, languages, sources and categories as people type them', async () => {
    const c = await loadCatalog();
    expect(c.findCountry('united states')?.code).toBe('US');
    expect(c.findCountry('in')?.code).toBe('IN');
    expect(c.findLanguage('हिन्दी')?.code).toBe('hi');
    expect(c.findSource('DE', 'sueddeutsche zeitung')?.id).toBe('sueddeutsche');
    expect(c.findSource('CA', 'Metro')?.name).toBe('Métro');
    expect(c.findCategory('All')?.slug).toBe('all');
  });
});

describe('validation', () => {
  it('accepts a small valid catalog and resolves feed countries from editions', () => {
    const result = validateCatalog(small());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const feeds = result.catalog.feeds;
    expect(feeds.map((f) => [f.id, f.countries])).toEqual([
      ['cbc-en-national', ['CA']],
      ['cbc-en-sports', ['CA']],
      ['radio-canada-fr-national', ['CA']],
      ['cnn-en-national', ['US']],
    ]);
  });

  it('reports a missing primary language, an unknown country code and a duplicate source together', () => {
    expect(() => parseCatalogText(readFileSync(join(fixtures, 'broken.yaml'), 'utf8'), 'broken.yaml')).toThrow(CatalogError);
    const issues = issuesOf(parse(readFileSync(join(fixtures, 'broken.yaml'), 'utf8')));
    // Structure first: the missing key stops the cross-reference checks of that pass.
    expect(issues).toEqual([{ path: 'countries[1].primaryLanguage', message: 'missing primary language' }]);

    const withLanguage = parse(readFileSync(join(fixtures, 'broken.yaml'), 'utf8'));
    withLanguage.countries[1].primaryLanguage = 'en';
    expect(issuesOf(withLanguage)).toEqual([
      { path: 'sources[1]', message: 'duplicate source id "cnn" (first at sources[0])' },
      { path: 'sources[1]', message: 'duplicate source name "cnn" (first at sources[0])' },
      { path: 'sources[0].editions[1].country', message: 'unknown country code "XX" (known: US, GB)' },
      { path: 'countries[1]', message: 'GB (United Kingdom) has no sources: a primary source is mandatory' },
    ]);
  });

  it('reports every structural problem at once with its path', () => {
    const c = small();
    delete c.countries[0].primaryLanguage;
    c.countries[1].code = 42;
    c.sources[0].homepage = 'not a url';
    c.sources[1].feeds[0].colour = 'red';
    const paths = issuesOf(c).map((i) => `${i.path}: ${i.message}`);
    expect(paths).toContain('countries[0].primaryLanguage: missing primary language');
    expect(paths.some((p) => p.startsWith('countries[1].code:'))).toBe(true);
    expect(paths).toContain('sources[0].homepage: must be an http(s) URL');
    expect(paths.some((p) => p.startsWith('sources[1].feeds[0]:') && p.includes('colour'))).toBe(true);
  });

  it('checks codes against ISO tables and languages against what a country offers', () => {
    const c = small();
    c.countries[1].code = 'ZZ';
    c.languages[1].code = 'qq';
    c.sources[0].editions[0].languages = ['fr', 'de'];
    c.sources[0].feeds[1].category = 'weather';
    c.sources[0].feeds[1].url = c.sources[0].feeds[0].url;
    c.countries[0].timezone = 'Mars/Olympus';
    const messages = issuesOf(c).map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'countries[1].code: unknown country code "ZZ": use an ISO 3166-1 alpha-2 code or WORLD',
        'languages[1].code: "qq" is not an ISO 639-1 language code',
        'sources[0].editions[0].languages[1]: CA does not offer language "de" (it offers: en, fr)',
        'sources[0].feeds[1].url: feed URL listed twice (also sources[0].feeds[0])',
        'sources[0].feeds[1].category: unknown category "weather" (feeds take one of: national, sports)',
        'countries[0].timezone: "Mars/Olympus" is not an IANA time zone',
      ]),
    );
  });

  it('refuses feeds in a language or country the source has no edition for', () => {
    const c = small();
    c.sources[2].feeds[0].countries = ['CA', 'FR'];
    c.sources[0].feeds.push({ url: 'https://www.cbc.ca/fr', language: 'fr', category: 'national' });
    const messages = issuesOf(c).map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual([
      'sources[0].feeds[2].language: no edition of cbc is in language "fr"',
      'sources[2].feeds[0].countries[1]: cnn has no "en" edition in "FR"',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseCatalogText('languages: [\n  { code: en\n', 'bad.yaml')).toThrow(/bad\.yaml: .*\n {2}line \d+:/);
  });

  it('reports an unreadable file as a catalog error', async () => {
    await expect(loadCatalog('/nonexistent/catalog.yaml')).rejects.toThrow(/cannot read: ENOENT/);
  });
});
