// Adds feeds to a catalog file's text, keeping its comments and layout: for `herald catalog
// import-opml` and for approving a reader's suggestion. A feed joins the outlet with the same
// homepage host, which gains an edition for the country and language if it lacks one; a feed
// whose homepage is only guessed from its own address (feedburner.com serves many outlets)
// joins an outlet only with the same name and host. Otherwise a new outlet is made. An address
// the file already has (however written) is skipped, and so is a feed for an outlet the file
// marks unavailable (the mark says why it has none: drop it first). The result is validated
// like any catalog file, and nothing is written on a problem.
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CatalogIssue } from './catalog-validate.ts';
import { CatalogError, parseCatalogText } from './catalog-loader.ts';
import { sameAddress } from './coverage.ts';

export interface FeedAddition {
  url: string;
  /** The outlet's name and homepage, to find it in the file or to make it. */
  outlet: string;
  homepage: string;
  country: string;
  language: string;
  category: string;
  ref: string;
  /** The homepage is only the feed's own origin (an OPML outline without htmlUrl): not enough to tell an outlet by. */
  homepageGuessed?: boolean;
}

export interface AdditionResult {
  text: string;
  added: FeedAddition[];
  skipped: { addition: FeedAddition; why: string }[];
  /** Outlets the additions made. */
  newOutlets: string[];
}

const host = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
};
const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'outlet';

/** The text with the additions, or a CatalogError naming every problem the result would have. */
export function addFeeds(text: string, file: string, additions: FeedAddition[]): AdditionResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new CatalogError(
      file,
      doc.errors.map((e): CatalogIssue => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })),
    );
  const sources = doc.get('sources') as YAMLSeq<YAMLMap> | undefined;
  if (!isSeq(sources) || !sources.items.every((s) => isMap(s) && isSeq(s.get('editions'))))
    throw new CatalogError(file, [
      { path: 'sources', message: 'not a list of outlets, each with its editions: check the file with `herald catalog check` first' },
    ]);
  const known = new Set<string>();
  for (const source of sources.items) {
    const feeds = source.get('feeds');
    if (isSeq(feeds)) for (const f of feeds.items) if (isMap(f)) known.add(sameAddress(String(f.get('url'))));
  }
  const result: AdditionResult = { text, added: [], skipped: [], newOutlets: [] };
  for (const a of additions) {
    if (known.has(sameAddress(a.url))) {
      result.skipped.push({ addition: a, why: 'already in the catalog' });
      continue;
    }
    const sameHost = (s: YAMLMap) => host(String(s.get('homepage'))) === host(a.homepage);
    const sameName = (s: YAMLMap) => String(s.get('name')).toLowerCase() === a.outlet.toLowerCase();
    let source = sources.items.find((s) => (a.homepageGuessed ? sameHost(s) && sameName(s) : sameHost(s)));
    if (source?.get('unavailable')) {
      result.skipped.push({ addition: a, why: `${String(source.get('id'))} is marked unavailable: drop its mark first` });
      continue;
    }
    if (!source) {
      const taken = new Set(sources.items.map((s) => String(s.get('id'))));
      let id = slugOf(a.outlet);
      for (let n = 2; taken.has(id); n++) id = `${slugOf(a.outlet)}-${n}`;
      // Another outlet of that name elsewhere ("Top Stories"): this one is told apart by its host.
      const name = sources.items.some(sameName) ? `${a.outlet} (${host(a.url)})` : a.outlet;
      source = doc.createNode({ id, name, homepage: a.homepage, editions: [], feeds: [] }) as YAMLMap;
      sources.items.push(source);
      result.newOutlets.push(id);
    }
    const editions = source.get('editions') as YAMLSeq<YAMLMap>;
    const edition = editions.items.find((e) => e.get('country') === a.country);
    if (!edition) editions.items.push(doc.createNode({ country: a.country, languages: [a.language] }) as YAMLMap);
    else {
      const languages = edition.get('languages') as YAMLSeq;
      if (!languages.items.some((l) => String((l as { value?: unknown }).value ?? l) === a.language)) languages.items.push(doc.createNode(a.language));
    }
    let feeds = source.get('feeds') as YAMLSeq | undefined;
    if (!isSeq(feeds)) source.set('feeds', (feeds = doc.createNode([]) as YAMLSeq));
    const sourceId = String(source.get('id'));
    const usedIds = new Set(feeds.items.map((f) => (isMap(f) ? String(f.get('id') ?? `${sourceId}-${f.get('language')}-${f.get('category')}`) : '')));
    const defaultId = `${sourceId}-${a.language}-${a.category}`;
    let id: string | undefined;
    for (let n = 2; usedIds.has(id ?? defaultId); n++) id = `${defaultId}-${n}`;
    feeds.items.push(doc.createNode({ ...(id ? { id } : {}), url: a.url, language: a.language, category: a.category, ref: a.ref }));
    known.add(sameAddress(a.url));
    result.added.push(a);
  }
  result.text = doc.toString({ lineWidth: 0 });
  parseCatalogText(result.text, file); // throws with every problem; nothing is written then
  return result;
}
