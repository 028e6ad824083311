// The demo news: a valid catalog, and feeds whose items appear at their time, so the first
// fetch finds a backlog and a later one the story that breaks.
import { describe, expect, it } from 'vitest';
import { demoCatalog, demoFeed, loadDemoNews } from '../../src/ingest/demo/demo-news.ts';
import { parseFeed } from '../../src/ingest/parse/feed-parser.ts';

const origin = 'http://127.0.0.1:9';

describe('demo news', () => {
  it('makes a valid catalog: one source per outlet, a feed per category', async () => {
    const news = await loadDemoNews();
    const catalog = demoCatalog(news, origin);
    expect(catalog.sources).toHaveLength(news.outlets.length);
    expect(catalog.feeds).toHaveLength(news.outlets.length * 6);
    for (const c of catalog.countries) expect(catalog.sourcesIn(c.code).length).toBeGreaterThanOrEqual(2);
  });

  it('serves the backlog at the start and the breaking story minutes later, from three outlets or more', async () => {
    const news = await loadDemoNews();
    const start = new Date('2026-11-21T10:00:00Z');
    const titles = (id: string, minutes: number) =>
      (demoFeed(news, origin, id, start, new Date(start.getTime() + minutes * 60_000)) ?? '').match(/<title>[^<]*<\/title>/g)?.slice(1) ?? [];
    expect(titles('demo-wire-en-international', 0).join()).not.toMatch(/Valparaiso/);
    expect(titles('demo-wire-en-international', 5).join()).toMatch(/Valparaiso/);
    const reporting = news.outlets.filter((o) => titles(`${o.id}-en-international`, 5).join().includes('Valparaiso'));
    expect(reporting.length).toBeGreaterThanOrEqual(3);
    // What is served parses as the RSS Herald ingests.
    const parsed = await parseFeed(demoFeed(news, origin, 'demo-wire-en-international', start, new Date(start.getTime() + 5 * 60_000))!);
    expect(parsed.entries.length).toBeGreaterThan(0);
    expect(demoFeed(news, origin, 'nobody-en-sports', start, start)).toBeNull();
    expect(demoFeed(news, origin, 'demo-wire-en-weather', start, start)).toBeNull();
  });
});
