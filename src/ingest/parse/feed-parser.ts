// Parses feed text with rss-parser (RSS 0.9x/2.0, RSS 1.0/RDF, Atom) into plain entries.
// Before rss-parser sees it, the root element is checked: an HTML page or anything else is
// "not a feed"; well-formed shapes rss-parser refuses or mangles are mended (an <rss> without
// a version, an Atom root with a namespace prefix, Atom xhtml text). Every text field it hands
// over may be a string, an xml2js object or an array: each is read with textOf. rss-parser's
// XML reader (sax through xml2js) neither fetches external entities nor expands DTD-declared ones.
import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { htmlToText } from '../normalize/html-text.ts';
import { atomXhtmlAsHtml } from './atom-text.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { textOf } from './text-of.ts';

// rss-parser builds a plain-text "snippet" of every entry's content with regular expressions
// that take quadratic time on an unclosed "<" (a hostile 280 KB feed blocked the process for
// 18 s). Herald makes its own plain text (normalize/html-text.ts, linear), so the snippet
// builder is switched off in the module rss-parser itself uses.
const rssParserUtils = createRequire(import.meta.url)('rss-parser/lib/utils.js') as { getSnippet: (s: string) => string };
rssParserUtils.getSnippet = () => '';

export type FeedFormat = 'rss2' | 'rss0.9x' | 'rss1' | 'atom';

export interface FeedEntry {
  guid: string | undefined;
  link: string | undefined;
  title: string | undefined;
  /** HTML or text, as the feed gives it. */
  summary: string | undefined;
  content: string | undefined;
  published: string | undefined;
  categories: string[];
  image: string | undefined;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | undefined;
  link: string | undefined;
  hubUrl: string | undefined;
  selfUrl: string | undefined;
  /** RSS <ttl>, in minutes. */
  ttlMinutes: number | undefined;
  entries: FeedEntry[];
}

type Media = { $?: { url?: string; medium?: string; type?: string } };
type RawItem = Parser.Item & {
  id?: string;
  summary?: string;
  'content:encoded'?: string;
  mediaContent?: Media[];
  mediaThumbnail?: Media[];
  itunes?: { image?: string };
};

const parser = new Parser<{ ttl?: string }, RawItem>({
  customFields: {
    feed: ['ttl'],
    item: [
      ['media:content', 'mediaContent', { keepArray: true }],
      ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
    ],
  },
});

const ATOM_NS = 'http://www.w3.org/2005/Atom';

export async function parseFeed(text: string): Promise<ParsedFeed> {
  const root = rootElement(text);
  if (!root) throw new FeedParseError('not-a-feed', 'no XML root element');
  let xml = text;
  let format: FeedFormat;
  const local = root.name.includes(':') ? root.name.split(':')[1]! : root.name;
  if (root.name === 'rss') {
    const version = /\bversion\s*=\s*["']([^"']+)["']/.exec(root.tag)?.[1];
    format = version && /^0\.9/.test(version) ? 'rss0.9x' : 'rss2';
    if (!version) xml = spliceRoot(xml, root, root.tag.replace(/^<rss/, '<rss version="2.0"'));
  } else if (local === 'RDF') {
    format = 'rss1';
  } else if (local === 'feed') {
    format = 'atom';
    if (root.name !== 'feed') {
      const prefix = root.name.split(':')[0]!;
      if (!new RegExp(`xmlns:${prefix}\\s*=\\s*["']${ATOM_NS}["']`).test(root.tag))
        throw new FeedParseError('not-a-feed', `root element <${root.name}> is not Atom`);
      xml = unprefix(xml, prefix);
    }
    xml = atomXhtmlAsHtml(xml);
  } else if (local.toLowerCase() === 'html') {
    throw new FeedParseError('not-a-feed', 'an HTML page, not RSS or Atom');
  } else {
    throw new FeedParseError('not-a-feed', `root element <${root.name}> is not RSS or Atom`);
  }

  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'parse error';
    if (/not recognized/i.test(message)) throw new FeedParseError('not-a-feed', message);
    throw new FeedParseError('not-well-formed', message);
  }
  const links = feedLinks(xml);
  const ttl = Number(textOf(feed.ttl));
  const title = htmlToText(textOf(feed.title) ?? '');
  return {
    format,
    title: title || undefined,
    link: textOf(feed.link),
    hubUrl: links.hub,
    selfUrl: links.self,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    entries: feed.items.map(toEntry),
  };
}

function toEntry(item: RawItem): FeedEntry {
  return {
    guid: textOf(item.guid) ?? textOf(item.id),
    link: textOf(item.link),
    title: textOf(item.title),
    // RSS <description> arrives as `content`; Atom <summary> as `summary`.
    summary: textOf(item.summary) ?? textOf(item.content),
    content: textOf(item['content:encoded']) ?? textOf(item.content),
    published: textOf(item.isoDate) ?? textOf(item.pubDate),
    categories: (Array.isArray(item.categories) ? item.categories : [item.categories]).map((c) => textOf(c)).filter((c): c is string => c !== undefined),
    image: imageOf(item),
  };
}

function imageOf(item: RawItem): string | undefined {
  const isImage = (m: Media) =>
    m.$?.medium === 'image' || /^image\//.test(m.$?.type ?? '') || (!m.$?.medium && !m.$?.type && /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(m.$?.url ?? ''));
  const list = (value: Media[] | undefined) => (Array.isArray(value) ? value : []).filter((m) => typeof m?.$?.url === 'string');
  const media = list(item.mediaThumbnail)[0] ?? list(item.mediaContent).find(isImage);
  if (media?.$?.url) return media.$.url;
  const enclosure = textOf(item.enclosure?.url);
  if (enclosure && /^image\//.test(textOf(item.enclosure?.type) ?? '')) return enclosure;
  return textOf(item.itunes?.image);
}

interface Root {
  name: string;
  tag: string;
  index: number;
}

/** The first element of the document, past the prolog (declaration, comments, DOCTYPE). */
function rootElement(xml: string): Root | undefined {
  const prolog = /^(?:\uFEFF)?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*/i.exec(xml);
  const index = prolog ? prolog[0].length : 0;
  const m = /^<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?\/?>/.exec(xml.slice(index));
  return m ? { name: m[1]!, tag: m[0], index } : undefined;
}

function spliceRoot(xml: string, root: Root, tag: string): string {
  return xml.slice(0, root.index) + tag + xml.slice(root.index + root.tag.length);
}

function unprefix(xml: string, prefix: string): string {
  return xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1').replace(new RegExp(`xmlns:${prefix}(\\s*=)`), 'xmlns$1');
}

function feedLinks(xml: string): { hub: string | undefined; self: string | undefined } {
  const head = xml.slice(0, 20_000);
  const links = [...head.matchAll(/<(?:atom:|atom10:)?link\b[^>]*>/gi)].map((m) => m[0]);
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  return {
    hub: links.map((l) => (attr(l, 'rel') === 'hub' ? attr(l, 'href') : undefined)).find(Boolean),
    self: links.map((l) => (attr(l, 'rel') === 'self' ? attr(l, 'href') : undefined)).find(Boolean),
  };
}
