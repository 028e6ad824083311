// Adds feeds to a catalog file's text, keeping its comments and layout: for `herald catalog
// import-opml` and for approving a reader's suggestion. A feed joins the outlet with the same
// homepage host (or name), which gains an edition for the country and language if it lacks
// one; otherwise a new outlet is made. An address the file already has (however written) is
// skipped. The result is validated like any catalog file, and nothing is written on a problem.
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
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
  const sources = doc.get('sources') as YAMLSeq<YAMLMap> | undefined;
  if (!isSeq(sources)) throw new CatalogError(file, [{ path: 'sources', message: 'the file has no list of sources to add to' }]);
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
    let source = sources.items.find(
      (s) => host(String(s.get('homepage'))) === host(a.homepage) || String(s.get('name')).toLowerCase() === a.outlet.toLowerCase(),
    );
    if (!source) {
      const taken = new Set(sources.items.map((s) => String(s.get('id'))));
      let id = slugOf(a.outlet);
      for (let n = 2; taken.has(id); n++) id = `${slugOf(a.outlet)}-${n}`;
      source = doc.createNode({ id, name: a.outlet, homepage: a.homepage, editions: [], feeds: [] }) as YAMLMap;
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
