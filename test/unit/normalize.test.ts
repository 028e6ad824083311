// Normalising entries: text, URLs, dates, and the schedule that follows a fetch.
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../src/ingest/normalize/canonical-url.ts';
import { parseFeedDate } from '../../src/ingest/normalize/feed-date.ts';
import { capText, htmlToText } from '../../src/ingest/normalize/html-text.ts';
import { normalizeEntry, SUMMARY_MAX } from '../../src/ingest/normalize/normalize-entry.ts';
import type { FeedEntry } from '../../src/ingest/parse/feed-parser.ts';
import { DEFAULT_SCHEDULE, nextAfterFailure, nextAfterSuccess } from '../../src/ingest/schedule.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const entry = (e: Partial<FeedEntry>): FeedEntry => ({
  guid: undefined,
  link: undefined,
  title: undefined,
  summary: undefined,
  content: undefined,
  published: undefined,
  categories: [],
  image: undefined,
  ...e,
});

describe('htmlToText', () => {
  it.each([
    ['<p>Hello &amp; <b>world</b></p><script>alert(1)</script>', 'Hello & world'],
    ['&lt;p&gt;Escaped &amp;amp; twice&lt;/p&gt;', 'Escaped & twice'],
    ['Rock &amp;#39;n&#39; roll&nbsp;now', "Rock 'n' roll now"],
    ['a &lt; b and c &gt; d', 'a < b and c > d'],
    ['<![CDATA[<i>x</i>]]> y', 'x y'],
    ['bell\u0007 and\n\n lines', 'bell and lines'],
  ])('%j → %j', (html, text) => expect(htmlToText(html)).toBe(text));

  it('stays linear on hostile input (unclosed comments and tags)', () => {
    // Quadratic stripping took minutes on inputs like these; the test timeout would catch it.
    for (const hostile of ['<!--'.repeat(200_000), '<a'.repeat(200_000), '<script>'.repeat(100_000), '&lt;!--'.repeat(100_000)])
      expect(typeof htmlToText(hostile)).toBe('string');
  });

  it('caps at a word boundary with an ellipsis', () => {
    expect(capText('one two three four five', 14)).toBe('one two three…');
    expect(capText('short', 14)).toBe('short');
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://News.Example.COM:443/a/b?utm_source=rss&utm_medium=feed&id=7#comments', 'https://news.example.com/a/b?id=7'],
    ['http://x.org/p?fbclid=abc', 'http://x.org/p'],
    ['/relative/story', 'https://base.example/relative/story'],
    ['https://x.org/a?ref=rss&page=2&gclid=1', 'https://x.org/a?page=2'],
  ])('%s → %s', (raw, canonical) => expect(canonicalUrl(raw, 'https://base.example/feed')).toBe(canonical));

  it('keeps the encoding of what it keeps, so the same link with or without trackers matches', () => {
    expect(canonicalUrl('https://x.org/s?q=a%20b&utm_medium=rss')).toBe(canonicalUrl('https://x.org/s?q=a%20b'));
    expect(canonicalUrl('https://x.org/s?123&utm_source=x')).toBe('https://x.org/s?123');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Sat, 21 Nov 2026 10:00:00 GMT', '2026-11-21T10:00:00.000Z'],
    ['2026-11-21T10:00:00+02:00', '2026-11-21T08:00:00.000Z'],
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['Mo, 02 Dez 2024 08:15:00 +0100', '2024-12-02T07:15:00.000Z'],
    ['jeu., 05 févr. 2026 09:00:00 +0100', '2026-02-05T08:00:00.000Z'],
  ])('%s', (raw, iso) => expect(parseFeedDate(raw)?.toISOString()).toBe(iso));

  it('returns undefined for what is no date', () => expect(parseFeedDate('yesterday-ish')).toBeUndefined());
});

describe('normalizeEntry', () => {
  it('makes plain text, a canonical link, and keeps categories and image', () => {
    const item = normalizeEntry(
      entry({
        guid: 'tag:x,1',
        link: '/story?utm_campaign=z',
        title: '<b>Big</b> news &amp; more',
        summary: `<p>${'word '.repeat(200)}</p>`,
        published: 'Sat, 21 Nov 2026 10:00:00 GMT',
        categories: ['World', 'World', 'Politics &amp; Power'],
        image: '//cdn.example/i.jpg',
      }),
      'https://news.example/feed',
      NOW,
    )!;
    expect(item).toMatchObject({
      guid: 'tag:x,1',
      url: 'https://news.example/story',
      title: 'Big news & more',
      categories: ['World', 'Politics & Power'],
      imageUrl: 'https://cdn.example/i.jpg',
      publishedAt: new Date('2026-11-21T10:00:00Z'),
    });
    expect(item.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(item.summary.endsWith('…')).toBe(true);
  });

  it('dates a missing or unreadable time at first sight, and clamps the future', () => {
    expect(normalizeEntry(entry({ title: 'a' }), 'https://x.org/', NOW)!.publishedAt).toEqual(NOW);
    expect(normalizeEntry(entry({ title: 'a', published: 'soon' }), 'https://x.org/', NOW)!.publishedAt).toEqual(NOW);
    expect(normalizeEntry(entry({ title: 'a', published: '2030-01-01T00:00:00Z' }), 'https://x.org/', NOW)!.publishedAt).toEqual(NOW);
    const slightlyAhead = new Date(NOW.getTime() + 5 * 60_000).toISOString();
    expect(normalizeEntry(entry({ title: 'a', published: slightlyAhead }), 'https://x.org/', NOW)!.publishedAt.toISOString()).toBe(slightlyAhead);
  });

  it('cleans what a database would refuse: control characters, placeholder dates, huge URLs', () => {
    const item = normalizeEntry(
      entry({ title: 't', guid: 'a\u0000b', link: `https://x.org/${'p'.repeat(3000)}`, published: '0000-01-01T00:00:00Z' }),
      'https://x.org/',
      NOW,
    )!;
    expect(item.guid).toBe('ab');
    expect(item.url).toMatch(/^urn:herald:/);
    expect(item.publishedAt).toEqual(NOW);
  });

  it('uses the summary when there is no title, and skips entries with nothing to read', () => {
    expect(normalizeEntry(entry({ summary: 'Only a summary here' }), 'https://x.org/', NOW)?.title).toBe('Only a summary here');
    expect(normalizeEntry(entry({ guid: 'x' }), 'https://x.org/', NOW)).toBeUndefined();
  });

  it('gives a link-less entry a URL from its guid, or from its content hash', () => {
    expect(normalizeEntry(entry({ title: 't', guid: 'https://x.org/p/1' }), 'https://x.org/', NOW)?.url).toBe('https://x.org/p/1');
    expect(normalizeEntry(entry({ title: 't', guid: 'abc' }), 'https://x.org/', NOW)?.url).toMatch(/^urn:herald:[0-9a-f]{40}$/);
  });
});

describe('schedule', () => {
  const mid = () => 0.5; // no jitter
  it('polls every interval, stretched by TTL or max-age within the bound, never shortened', () => {
    const delay = (hints: object) => nextAfterSuccess(NOW, hints, DEFAULT_SCHEDULE, mid).getTime() - NOW.getTime();
    expect(delay({})).toBe(10 * 60_000);
    expect(delay({ maxAgeSeconds: 30 })).toBe(10 * 60_000);
    expect(delay({ ttlMinutes: 30 })).toBe(30 * 60_000);
    expect(delay({ ttlMinutes: 24 * 60 })).toBe(60 * 60_000);
  });

  it('jitters by at most ±10 %', () => {
    for (const r of [0, 1]) {
      const d = nextAfterSuccess(NOW, {}, DEFAULT_SCHEDULE, () => r).getTime() - NOW.getTime();
      expect(Math.abs(d - 600_000)).toBeLessThanOrEqual(60_000);
    }
  });

  it('backs off exponentially to a cap, and never sooner than Retry-After', () => {
    const delay = (failures: number, retry?: number) => nextAfterFailure(NOW, failures, retry, DEFAULT_SCHEDULE, mid).getTime() - NOW.getTime();
    expect([1, 2, 3, 4].map((f) => delay(f) / 60_000)).toEqual([10, 20, 40, 80]);
    expect(delay(20)).toBe(6 * 60 * 60_000);
    expect(delay(1, 3 * 60 * 60_000)).toBe(3 * 60 * 60_000);
  });
});
