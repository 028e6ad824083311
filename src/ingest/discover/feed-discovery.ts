// Finds the feeds a web page offers, for an operator adding an outlet: the page itself when
// it is a feed, the feeds it advertises (<link rel="alternate"> of an RSS or Atom type), and
// the paths where sites commonly keep one. Each candidate is fetched and parsed as Herald
// would ingest it, so what is printed is what works. The fetcher decides which addresses
// may be reached (public ones only, unless the operator allows private ones).
import { Parser } from 'htmlparser2';
import type { FeedFetcher } from '../fetch/feed-fetcher.ts';
import { describe } from '../ingester.ts';
import { processFeed } from '../parse/feed-processor.ts';

/** Paths where sites keep a feed without always saying so (WordPress, Blogger, Ghost, Hugo…). */
const COMMON_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feeds/posts/default', '/?feed=rss2'];
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);

export interface Candidate {
  url: string;
  /** How it was found: the page itself, the page's <link>, or a common path. */
  how: 'the page' | 'link' | 'common path';
  /** The <link>'s title, when it gives one. */
  label?: string | undefined;
}

export interface TestedFeed extends Candidate {
  ok: boolean;
  /** After redirects. */
  finalUrl?: string | undefined;
  title?: string | undefined;
  format?: string | undefined;
  items?: number | undefined;
  newest?: Date | undefined;
  /** The feed's <language>, else the page's lang. */
  language?: string | undefined;
  error?: string | undefined;
}

export interface Discovery {
  page: string;
  /** Why the page itself could not be read, when it could not. */
  pageError?: string | undefined;
  feeds: TestedFeed[];
}

/** The <link rel="alternate"> feeds and the lang of an HTML page, read by a forgiving parser (no pattern runs over the page). */
export function advertisedFeeds(html: string, base: string): { links: Candidate[]; lang: string | undefined } {
  const links: Candidate[] = [];
  let lang: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'html' && attrs['lang']) lang = attrs['lang'];
        if (name !== 'link' || !attrs['href']) return;
        const rel = (attrs['rel'] ?? '').toLowerCase().split(/\s+/);
        const type = (attrs['type'] ?? '').toLowerCase().split(';')[0]!.trim();
        if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
        try {
          links.push({ url: new URL(attrs['href'], base).toString(), how: 'link', label: attrs['title'] });
        } catch {
          // an href that is no address: nothing to test
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { links, lang };
}

/** A page may advertise any number of links: the first ones are what a site means. */
const MAX_LINKS = 20;
/** The feed's <language> as an ISO 639-1 code ("en-us" → en; "English" is no code, and gives none). */
const feedLanguage = (text: string) => /<(?:language|dc:language)>\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)?\s*</.exec(text.slice(0, 8192))?.[1]?.toLowerCase();

/** A fetched body read as Herald would ingest it. */
async function asFeed(
  candidate: Candidate,
  res: { url: string; body: Buffer; contentType: string | undefined },
  maxBytes: number,
  now: Date,
  pageLang?: string,
) {
  const { meta, items } = await processFeed({ body: res.body, contentType: res.contentType, baseUrl: res.url, maxBytes, now });
  if (items.length === 0)
    return { ...candidate, ok: false, finalUrl: res.url, title: meta.title, format: meta.format, items: 0, error: 'a feed with no items' };
  const newest = new Date(Math.max(...items.map((i) => i.publishedAt.getTime())));
  const language = feedLanguage(res.body.toString('utf8', 0, 8192)) ?? pageLang?.slice(0, 2).toLowerCase();
  return { ...candidate, ok: true, finalUrl: res.url, title: meta.title, format: meta.format, items: items.length, newest, language };
}

async function test(fetcher: FeedFetcher, candidate: Candidate, maxBytes: number, now: Date, pageLang: string | undefined): Promise<TestedFeed> {
  try {
    const res = await fetcher.fetch(candidate.url);
    if (res.status !== 'ok') return { ...candidate, ok: false, error: 'answered 304 to a request without validators' };
    return await asFeed(candidate, res, maxBytes, now, pageLang);
  } catch (error) {
    return { ...candidate, ok: false, error: describe(error) };
  }
}

/** Every feed `page` offers, each tested; the same final address once. */
export async function discoverFeeds(page: string, deps: { fetcher: FeedFetcher; maxBytes: number; now: Date }): Promise<Discovery> {
  const { fetcher, maxBytes, now } = deps;
  let res;
  try {
    res = await fetcher.fetch(page);
    if (res.status !== 'ok') return { page, pageError: 'answered 304 to a request without validators', feeds: [] };
  } catch (error) {
    // A page that cannot be read (refused, unreachable) has no paths worth trying on its host either.
    return { page, pageError: describe(error), feeds: [] };
  }
  try {
    // A feed (even one with no items yet) is the answer; it says what it lacks.
    return { page, feeds: [await asFeed({ url: page, how: 'the page' }, res, maxBytes, now)] };
  } catch {
    // not a feed: a page that may advertise some
  }
  const { links, lang: pageLang } = advertisedFeeds(res.body.toString('utf8'), res.url);
  const candidates = links.slice(0, MAX_LINKS);
  const origin = new URL(res.url).origin;
  const seen = new Set(candidates.map((c) => c.url));
  for (const path of COMMON_PATHS) {
    const url = new URL(path, origin).toString();
    if (!seen.has(url)) candidates.push({ url, how: 'common path' });
    seen.add(url);
  }
  const tested: TestedFeed[] = [];
  for (const c of candidates) tested.push(await test(fetcher, c, maxBytes, now, pageLang));
  // A common path that redirects to an advertised feed is the same feed; a common path that is no feed is no news.
  const finals = new Set<string>();
  const feeds = tested.filter((f) => {
    if (!f.ok) return f.how !== 'common path';
    if (finals.has(f.finalUrl!)) return false;
    finals.add(f.finalUrl!);
    return true;
  });
  return { page, feeds };
}

/** A category guessed from a feed's address or title, for the operator to confirm. */
export function guessCategory(feed: TestedFeed): string {
  const words = `${feed.finalUrl ?? feed.url} ${feed.label ?? ''} ${feed.title ?? ''}`.toLowerCase();
  const table: [string, RegExp][] = [
    ['sports', /sport|cricket|football|fussball|فوتبول|رياضة|खेल|体育/],
    ['business', /business|econom|market|money|finance|wirtschaft|बिजनेस|اقتصاد|财经|经济/],
    ['entertainment', /entertainment|culture|kultur|movie|film|bollywood|celebrit|मनोरंजन|فن|娱乐|文化/],
    ['international', /world|international|global|welt|monde|विदेश|دولي|عالم|国际/],
    ['national', /national|nation|politi|inland|india|देश|محليات|国内/],
  ];
  return table.find(([, pattern]) => pattern.test(words))?.[0] ?? 'special';
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** How a feed was found, in words for the operator. */
export const HOW: Record<Candidate['how'], string> = {
  'the page': 'the address is itself a feed',
  link: "advertised by the page's <link rel=alternate>",
  'common path': 'found at a common path',
};

/** Catalog entries for the working feeds of a discovery, as the catalog file writes them. */
export function catalogEntries(found: Discovery, now: Date): Record<string, string>[] {
  return found.feeds
    .filter((f) => f.ok)
    .map((f) => ({
      url: f.finalUrl ?? f.url,
      language: f.language ?? 'xx',
      category: guessCategory(f),
      ref: `herald feed discover ${found.page} on ${day(now)}: ${HOW[f.how]}; ${f.items} items, newest ${day(f.newest!)}`,
    }));
}
