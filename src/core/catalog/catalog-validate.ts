// Turns the parsed contents of a catalog file into a Catalog, or into the complete list of
// what is wrong with it: every problem at once, each with its path in the file, so an
// operator fixes a file in one pass rather than one error per start.
import type { z } from 'zod';
import { Catalog, type Country, type Feed, type Source } from './catalog.ts';
import { catalogFileSchema, type CatalogFile } from './catalog.schema.ts';
import { isCountryCode, isLanguageCode, isTimeZone } from './iso-codes.ts';

export interface CatalogIssue {
  path: string;
  message: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

export function validateCatalog(input: unknown): CatalogResult {
  const parsed = catalogFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues: CatalogIssue[] = [];
  const report = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });
  const catalog = build(parsed.data, report);
  return issues.length === 0 ? { ok: true, catalog } : { ok: false, issues };
}

function zodIssues(error: z.ZodError): CatalogIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path) || '(file)', message: i.message }));
}

/** Reports every duplicate of key(x) in a list. */
function unique<T>(list: T[], key: (x: T) => string, path: string, what: string, report: Report) {
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const k = key(x);
    const first = seen.get(k);
    if (first !== undefined) report([path, i], `duplicate ${what} "${k}" (first at ${path}[${first}])`);
    else seen.set(k, i);
  });
}

type Report = (path: PropertyKey[], message: string) => void;

// eslint-disable-next-line max-lines-per-function -- one pass over the catalog's parts, each check beside the part it checks, all problems gathered at once
function build(file: CatalogFile, report: Report): Catalog {
  const languageCodes = new Set(file.languages.map((l) => l.code));
  const known = (set: Set<string>) => [...set].join(', ');

  // Languages and categories.
  unique(file.languages, (l) => l.code, 'languages', 'language', report);
  file.languages.forEach((l, i) => {
    if (!isLanguageCode(l.code)) report(['languages', i, 'code'], `"${l.code}" is not an ISO 639-1 language code`);
  });
  unique(file.categories, (c) => c.slug, 'categories', 'category', report);
  const unions = file.categories.filter((c) => c.union);
  if (unions.length > 1) report(['categories'], 'only one category may be the union ("All Categories")');
  const categories = file.categories.filter((c) => !c.union).map(({ slug, name }) => ({ slug, name }));
  const categorySlugs = new Set(categories.map((c) => c.slug));

  // Countries.
  unique(file.countries, (c) => c.code, 'countries', 'country', report);
  const countryCodes = new Set(file.countries.map((c) => c.code));
  file.countries.forEach((c, i) => {
    if (!isCountryCode(c.code)) report(['countries', i, 'code'], `unknown country code "${c.code}": use an ISO 3166-1 alpha-2 code or WORLD`);
    if (!languageCodes.has(c.primaryLanguage))
      report(['countries', i, 'primaryLanguage'], `unknown language "${c.primaryLanguage}" (known: ${known(languageCodes)})`);
    c.otherLanguages.forEach((l, j) => {
      if (!languageCodes.has(l)) report(['countries', i, 'otherLanguages', j], `unknown language "${l}" (known: ${known(languageCodes)})`);
      if (l === c.primaryLanguage) report(['countries', i, 'otherLanguages', j], `"${l}" is already the primary language`);
    });
    if (c.timezone !== undefined && !isTimeZone(c.timezone)) report(['countries', i, 'timezone'], `"${c.timezone}" is not an IANA time zone`);
  });
  const offered = new Map(file.countries.map((c) => [c.code, new Set([c.primaryLanguage, ...c.otherLanguages])]));

  // Sources, their editions and feeds.
  unique(file.sources, (s) => s.id, 'sources', 'source id', report);
  unique(file.sources, (s) => s.name.toLowerCase(), 'sources', 'source name', report);
  const feedIds = new Map<string, string>();
  const feedUrls = new Map<string, string>();
  const sources: Source[] = file.sources.map((s, i) => {
    unique(
      s.editions,
      (e) => e.country,
      `sources[${i}].editions`,
      'edition for country',
      (p, m) => report(['sources', i, 'editions', ...p.slice(1)], m),
    );
    s.editions.forEach((e, j) => {
      const path = ['sources', i, 'editions', j];
      if (!countryCodes.has(e.country)) {
        report([...path, 'country'], `unknown country code "${e.country}" (known: ${known(countryCodes)})`);
        return;
      }
      e.languages.forEach((l, k) => {
        if (!offered.get(e.country)?.has(l))
          report([...path, 'languages', k], `${e.country} does not offer language "${l}" (it offers: ${[...(offered.get(e.country) ?? [])].join(', ')})`);
      });
    });
    const feeds: Feed[] = s.feeds.map((f, j) => {
      const path = ['sources', i, 'feeds', j];
      const id = f.id ?? `${s.id}-${f.language}-${f.category}`;
      const at = formatPath(path);
      if (feedIds.has(id)) report([...path, 'id'], `duplicate feed id "${id}" (also ${feedIds.get(id)}); give one an explicit id`);
      else feedIds.set(id, at);
      if (feedUrls.has(f.url)) report([...path, 'url'], `feed URL listed twice (also ${feedUrls.get(f.url)})`);
      else feedUrls.set(f.url, at);
      if (!categorySlugs.has(f.category))
        report([...path, 'category'], `unknown category "${f.category}" (feeds take one of: ${[...categorySlugs].join(', ')})`);
      const editionsInLanguage = s.editions.filter((e) => e.languages.includes(f.language)).map((e) => e.country);
      if (editionsInLanguage.length === 0) report([...path, 'language'], `no edition of ${s.id} is in language "${f.language}"`);
      (f.countries ?? []).forEach((c, k) => {
        if (!editionsInLanguage.includes(c)) report([...path, 'countries', k], `${s.id} has no "${f.language}" edition in "${c}"`);
      });
      return {
        id,
        sourceId: s.id,
        url: f.url,
        language: f.language,
        category: f.category,
        countries: f.countries ?? editionsInLanguage,
        breaking: f.breaking ?? false,
        ref: f.ref,
      };
    });
    if (s.unavailable && feeds.length > 0)
      report(
        ['sources', i, 'unavailable'],
        `${s.id} is marked ${s.unavailable.reason} but lists feeds: drop them (keep their addresses in its note) or drop the mark`,
      );
    return { id: s.id, name: s.name, homepage: s.homepage, editions: s.editions, feeds, unavailable: s.unavailable };
  });

  const countries: Country[] = file.countries.map((c, i) => {
    const sourceIds = sources.filter((s) => s.editions.some((e) => e.country === c.code)).map((s) => s.id);
    if (sourceIds.length === 0) report(['countries', i], `${c.code} (${c.name}) has no sources: a primary source is mandatory`);
    return {
      code: c.code,
      name: c.name,
      primaryLanguage: c.primaryLanguage,
      languages: [c.primaryLanguage, ...c.otherLanguages],
      timezone: c.timezone,
      sourceIds,
    };
  });

  // Gaps: each names a cell the catalog has, and one that no feed fills.
  file.gaps.forEach((g, i) => {
    if (!offered.get(g.country)?.has(g.language)) report(['gaps', i], `${g.country} × ${g.language} is no cell of this catalog`);
    if (!categorySlugs.has(g.category)) report(['gaps', i, 'category'], `unknown category "${g.category}"`);
    if (sources.some((s) => s.feeds.some((f) => f.language === g.language && f.category === g.category && f.countries.includes(g.country))))
      report(['gaps', i], `${g.country} × ${g.language} × ${g.category} has a feed: drop the gap`);
  });
  unique(file.gaps, (g) => `${g.country} × ${g.language} × ${g.category}`, 'gaps', 'gap', report);

  const allCategory = unions[0] ? { slug: unions[0].slug, name: unions[0].name } : undefined;
  return new Catalog(file.languages, categories, allCategory, countries, sources, file.gaps);
}
