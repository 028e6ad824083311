// The catalog as OPML, the format feed readers import and export: one folder per country,
// inside it one per category, inside that each feed (outlet name, feed and home page
// addresses, language). And the feeds of an OPML file, flattened, with the folders they sit
// in. Reading and writing the XML is feedsmith's (decision 014).
import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import type { Catalog } from './catalog.ts';

type Outline = Opml.Outline<string>;

export function catalogToOpml(catalog: Catalog, now: Date): string {
  const outlines: Outline[] = catalog.countries.map((country) => ({
    text: country.name,
    outlines: catalog.categories
      .map((category) => ({
        text: category.name,
        outlines: catalog
          .sourcesIn(country.code)
          .flatMap((s) => s.feeds.filter((f) => f.category === category.slug && f.countries.includes(country.code)).map((f) => ({ s, f })))
          .map(({ s, f }) => ({
            text: `${s.name} (${catalog.language(f.language)?.name ?? f.language})`,
            title: s.name,
            type: 'rss',
            xmlUrl: f.url,
            htmlUrl: s.homepage,
            language: f.language,
          })),
      }))
      .filter((c) => c.outlines.length > 0),
  }));
  return generateOpml({ head: { title: 'Herald catalog', dateCreated: now }, body: { outlines } });
}

export interface OpmlFeed {
  /** The outlet as the file names it (title, else text). */
  name: string;
  xmlUrl: string;
  htmlUrl: string | undefined;
  language: string | undefined;
  /** The folders it sits in, outermost first. */
  folders: string[];
}

/** Every feed outline of an OPML document, however deeply folded; throws on a file that is not OPML. */
export function opmlFeeds(text: string): OpmlFeed[] {
  const doc = parseOpml(text);
  const feeds: OpmlFeed[] = [];
  const walk = (outlines: Outline[] | undefined, folders: string[]) => {
    for (const o of outlines ?? []) {
      if (o.xmlUrl)
        feeds.push({
          name: (o.title ?? o.text ?? o.xmlUrl).trim(),
          xmlUrl: o.xmlUrl.trim(),
          htmlUrl: o.htmlUrl?.trim() || undefined,
          language: o.language,
          folders,
        });
      walk(o.outlines, o.text ? [...folders, o.text] : folders);
    }
  };
  walk(doc.body?.outlines, []);
  return feeds;
}
