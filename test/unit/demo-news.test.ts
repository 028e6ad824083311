// The demo news: a valid catalog of the seed's shape (its seven countries and their languages,
// an outlet for each country × language, the six categories), and feeds whose items appear at
// their time, so the first fetch finds a backlog and a later one the story that breaks.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFeed, demoStoryPage } from '../../src/ingest/demo/demo-feed.ts';
import { demoImage, wrapHeadline } from '../../src/ingest/demo/demo-image.ts';
import { CATEGORIES, demoCatalog, loadDemoNews, type DemoNews } from '../../src/ingest/demo/demo-news.ts';
import { parseFeed } from '../../src/ingest/parse/feed-parser.ts';

const origin = 'http://127.0.0.1:9';
const SEED = {
  IN: ['en', 'hi'],
  US: ['en'],
  QA: ['ar', 'en'],
  DE: ['de', 'en'],
  CN: ['zh', 'en'],
  CA: ['en', 'fr'],
  WORLD: ['en', 'hi', 'ar', 'de', 'zh', 'fr'],
};
const DEVANAGARI = /\p{Script=Devanagari}/u;

/** Stories reported by an outlet publishing in `language` to `country`. */
const storiesIn = (news: DemoNews, country: string, language: string) =>
  news.stories.filter((s) =>
    Object.keys(s.reports).some((id) => news.outlets.some((o) => o.id === id && o.language === language && o.countries.includes(country))),
  );

describe('demo news', () => {
  it('makes a valid catalog of the seed: seven countries with their languages, one source per outlet, a feed per category', async () => {
    const news = await loadDemoNews();
    const catalog = demoCatalog(news, origin);
    expect(Object.fromEntries(catalog.countries.map((c) => [c.code, c.languages]))).toEqual(SEED);
    expect(catalog.countries.find((c) => c.code === 'QA')).toMatchObject({ name: 'Qatar', primaryLanguage: 'ar', timezone: 'Asia/Qatar' });
    expect(catalog.language('hi')).toMatchObject({ name: 'Hindi', native: 'हिन्दी' });
    expect(catalog.sources).toHaveLength(news.outlets.length);
    expect(catalog.feeds).toHaveLength(news.outlets.length * 6);
    expect(catalog.feeds.map((f) => f.id)).toContain('namuna-samachar-hi-national');
    for (const c of catalog.countries) expect(catalog.sourcesIn(c.code).length).toBeGreaterThanOrEqual(2);
    // Fictional, and saying so: every name carries Demo, Sample or Example (or its own language's word).
    for (const o of news.outlets) expect(o.name).toMatch(/Demo|Démo|Sample|Example|Exemple|Beispiel/);
  });

  it('gives every country × language an outlet and stories, every category in each primary language, and stories in each language', async () => {
    const news = await loadDemoNews();
    const catalog = demoCatalog(news, origin);
    for (const [country, languages] of Object.entries(SEED)) {
      for (const language of languages) {
        const outlets = catalog.sourcesIn(country).filter((s) => catalog.editionLanguages(s.id, country).includes(language));
        expect(outlets.length, `${country} × ${language}`).toBeGreaterThan(0);
        expect(storiesIn(news, country, language).length, `${country} × ${language}`).toBeGreaterThan(0);
      }
      const primary = storiesIn(news, country, languages[0]!);
      expect(new Set(primary.map((s) => s.category)), `${country} in ${languages[0]}`).toEqual(new Set(CATEGORIES));
    }
    for (const language of ['hi', 'ar', 'de', 'zh', 'fr']) {
      expect(new Set(storiesIn(news, 'WORLD', language).map((s) => s.category)).size, language).toBeGreaterThanOrEqual(4);
    }
    // One event told in all six languages.
    const languagesOf = (s: DemoNews['stories'][number]) => new Set(Object.keys(s.reports).map((id) => news.outlets.find((o) => o.id === id)!.language));
    expect(news.stories.some((s) => languagesOf(s).size === 6 && s.ago !== undefined)).toBe(true);
  });

  it('serves a Hindi story in Hindi, with its picture, and says in Hindi that it is fictional', async () => {
    const news = await loadDemoNews();
    const start = new Date('2026-11-21T10:00:00Z');
    const feed = demoFeed(news, origin, 'namuna-samachar-hi-national', start, start)!;
    const parsed = await parseFeed(feed);
    expect(parsed.entries.length).toBeGreaterThan(0);
    expect(parsed.entries[0]!.title).toMatch(DEVANAGARI);
    expect(feed).toContain('<language>hi</language>');
    expect(feed).toContain('काल्पनिक');
    const n = Number(/\/images\/(\d+)\/namuna-samachar\.svg/.exec(feed)![1]);
    const svg = demoImage(news, n, 'namuna-samachar')!;
    expect(svg).toContain('xml:lang="hi"');
    expect(svg).toMatch(DEVANAGARI);
    expect(demoStoryPage(news, n, 'namuna-samachar')).toMatch(/काल्पनिक/);
    // Every report's picture is well-formed XML, whatever its script: escaped, and in its direction.
    news.stories.forEach((s, i) => {
      for (const outlet of Object.keys(s.reports)) {
        const image = demoImage(news, i + 1, outlet)!;
        expect(image).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
        expect(image.replace(/"[^"]*"/g, '')).not.toMatch(/<(?!\/?(svg|rect|circle|g|text)\b)/);
      }
    });
    expect(demoImage(news, n, 'demo-wire')).toBeNull(); // an outlet that does not report it
    expect(demoImage(news, news.stories.findIndex((s) => 'al-mithal' in s.reports) + 1, 'al-mithal')).toContain('direction="rtl"');
    expect(demoImage(news, news.stories.length + 1)).toBeNull();
  });

  it('wraps a headline into lines that fit the card, Chinese by its characters', () => {
    expect(wrapHeadline('Nairobi summit backs $12.5 billion fund for 1,800 coral reefs')).toEqual([
      'Nairobi summit backs $12.5 billion',
      'fund for 1,800 coral reefs',
    ]);
    const zh = wrapHeadline('内罗毕峰会：48国设立125亿美元基金保护1800处珊瑚礁');
    expect(zh.length).toBe(2);
    expect(zh.join('')).toBe('内罗毕峰会：48国设立125亿美元基金保护1800处珊瑚礁');
    expect(wrapHeadline('a '.repeat(80)).length).toBe(3);
    expect(wrapHeadline('a '.repeat(80))[2]).toMatch(/…$/);
  });

  it('serves the backlog at the start and the breaking story minutes later, from three outlets or more', async () => {
    const news = await loadDemoNews();
    const start = new Date('2026-11-21T10:00:00Z');
    const titles = (id: string, minutes: number) =>
      (demoFeed(news, origin, id, start, new Date(start.getTime() + minutes * 60_000)) ?? '').match(/<title>[^<]*<\/title>/g)?.slice(1) ?? [];
    expect(titles('demo-wire-en-international', 0).join()).not.toMatch(/Valparaiso/);
    expect(titles('demo-wire-en-international', 5).join()).toMatch(/Valparaiso/);
    const reporting = news.outlets.filter((o) => titles(`${o.id}-${o.language}-international`, 5).join().includes('Valparaiso'));
    expect(reporting.length).toBeGreaterThanOrEqual(3);
    // What is served parses as the RSS Herald ingests.
    const parsed = await parseFeed(demoFeed(news, origin, 'demo-wire-en-international', start, new Date(start.getTime() + 5 * 60_000))!);
    expect(parsed.entries.length).toBeGreaterThan(0);
    expect(demoFeed(news, origin, 'nobody-en-sports', start, start)).toBeNull();
    expect(demoFeed(news, origin, 'demo-wire-en-weather', start, start)).toBeNull();
    expect(demoFeed(news, origin, 'demo-wire-hi-national', start, start)).toBeNull(); // not a language it publishes in
  });

  it('refuses a demo whose report names an unknown outlet or lacks a summary in its language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-demo-news-'));
    try {
      writeFileSync(
        join(dir, 'a.yaml'),
        'languages: [{ code: en, name: English, native: English, notice: fictional }, { code: hi, name: Hindi, native: हिन्दी, notice: काल्पनिक }]\ncountries: [{ code: IN, name: India, primaryLanguage: en, otherLanguages: [hi], timezone: Asia/Kolkata }]\noutlets: [{ id: a, name: A Demo, countries: [IN], language: en }, { id: b, name: B Demo, countries: [IN], language: hi }]\n',
      );
      writeFileSync(
        join(dir, 'b.yaml'),
        'stories:\n  - { category: national, ago: 1, summary: "One.", reports: { a: One, b: एक } }\n  - { category: national, ago: 1, summary: "Two.", reports: { c: Two } }\n',
      );
      await expect(loadDemoNews(dir)).rejects.toThrow(/story 1: reported in en, hi: give a summary per language; story 2: unknown outlet "c"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
