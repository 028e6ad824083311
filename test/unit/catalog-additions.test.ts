// Adding feeds to an operator's catalog file (import-opml, suggestions approve): the file's
// comments kept, an outlet found by its home page, feeds whose home page is only guessed from
// their own address (one feedburner.com for many outlets) never merged into a stranger, an
// outlet marked unavailable left alone with the reason, and a broken file refused with where.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addFeeds, type FeedAddition } from '../../src/core/catalog/catalog-additions.ts';
import { CatalogError, parseCatalogText, SHIPPED_CATALOG } from '../../src/core/catalog/catalog-loader.ts';

const shipped = readFileSync(SHIPPED_CATALOG, 'utf8');
const add = (a: Partial<FeedAddition> & { url: string }): FeedAddition => ({
  outlet: 'Example',
  homepage: 'https://example.com/',
  country: 'DE',
  language: 'de',
  category: 'sports',
  ref: 'test',
  ...a,
});

describe('adding feeds to a catalog file', () => {
  it("joins an outlet by its home page, keeps the file's comments, and skips what is filed", () => {
    const r = addFeeds(shipped, 'mine.yaml', [
      add({ url: 'https://www.n-tv.de/sport/rss-extra', outlet: 'n-tv Sport', homepage: 'https://www.n-tv.de/' }),
      add({ url: 'http://n-tv.de/politik/rss/', outlet: 'n-tv' }),
    ]);
    expect(r.added).toHaveLength(1);
    expect(r.skipped.map((s) => s.why)).toEqual(['already in the catalog']);
    expect(r.newOutlets).toEqual([]);
    expect(r.text.startsWith("# Herald's shipped catalog")).toBe(true);
    const catalog = parseCatalogText(r.text, 'mine.yaml');
    expect(catalog.source('ntv')!.feeds.map((f) => f.url)).toContain('https://www.n-tv.de/sport/rss-extra');
  });

  it('never merges feeds whose home page is only their own host, and tells same-named outlets apart', () => {
    const r = addFeeds(shipped, 'mine.yaml', [
      add({ url: 'https://feeds.feedburner.com/first-news', outlet: 'Top Stories', homepage: 'https://feeds.feedburner.com/', homepageGuessed: true }),
      add({ url: 'https://feeds.feedburner.com/second-news', outlet: 'Other Outlet', homepage: 'https://feeds.feedburner.com/', homepageGuessed: true }),
      add({ url: 'https://news.example.org/rss', outlet: 'Top Stories', homepage: 'https://news.example.org/' }),
    ]);
    expect(r.newOutlets).toEqual(['top-stories', 'other-outlet', 'top-stories-2']);
    const catalog = parseCatalogText(r.text, 'mine.yaml');
    expect(catalog.source('top-stories-2')!.name).toBe('Top Stories (news.example.org)');
    // NDTV India's feeds are on feeds.feedburner.com too, and gained nothing.
    expect(catalog.source('ndtv-india')!.feeds.some((f) => f.url.includes('first-news'))).toBe(false);
  });

  it('leaves an outlet marked unavailable alone, saying why', () => {
    const r = addFeeds(shipped, 'mine.yaml', [add({ url: 'https://www.prosieben.de/news.rss', outlet: 'ProSieben', homepage: 'https://www.prosieben.de' })]);
    expect(r.added).toEqual([]);
    expect(r.skipped[0]!.why).toBe('prosieben is marked unavailable: drop its mark first');
  });

  it('refuses a broken file or a result that is no catalog, saying where', () => {
    expect(() => addFeeds('sources: [\n  - x: 1\n', 'bad.yaml', [add({ url: 'https://a.example/rss' })])).toThrow(CatalogError);
    expect(() => addFeeds('languages: []\nsources:\n  - just a string\n', 'bad.yaml', [add({ url: 'https://a.example/rss' })])).toThrow(
      /each with its editions/,
    );
    expect(() => addFeeds(shipped, 'mine.yaml', [add({ url: 'https://b.example/rss', country: 'ZZ' })])).toThrow(/unknown country code "ZZ"/);
  });
});
