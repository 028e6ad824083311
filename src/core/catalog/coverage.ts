// What a catalog covers: for every country × each language it offers × category, how many
// feeds fill that cell; the cells no feed fills; and one feed filed twice (the same address,
// whether by http or https, with or without "www." or a final slash).
import type { Catalog, Feed } from './catalog.ts';

export interface CoverageCell {
  country: string;
  language: string;
  category: string;
  feeds: number;
  /** For an empty cell the catalog explains: why no real feed fills it. */
  reason?: string | undefined;
}

export interface CatalogCoverage {
  cells: CoverageCell[];
  /** Empty cells the catalog does not explain: the ones to fill. */
  empty: CoverageCell[];
  /** Empty cells with the catalog's reason. */
  explained: CoverageCell[];
  /** Outlets listed with no feed, and why. */
  unavailable: { source: string; reason: string; since: string }[];
  /** Addresses filed more than once, with the feeds that file them. */
  duplicates: { url: string; feeds: string[] }[];
}

/** A feed's address as the same address, however it is written. */
export function sameAddress(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

export function catalogCoverage(catalog: Catalog): CatalogCoverage {
  const count = new Map<string, number>();
  const cell = (country: string, language: string, category: string) => `${country}\u0000${language}\u0000${category}`;
  for (const f of catalog.feeds)
    for (const country of f.countries) count.set(cell(country, f.language, f.category), (count.get(cell(country, f.language, f.category)) ?? 0) + 1);
  const cells: CoverageCell[] = [];
  for (const country of catalog.countries)
    for (const language of country.languages)
      for (const category of catalog.categories)
        cells.push({
          country: country.code,
          language,
          category: category.slug,
          feeds: count.get(cell(country.code, language, category.slug)) ?? 0,
          reason: catalog.gaps.find((g) => g.country === country.code && g.language === language && g.category === category.slug)?.reason,
        });
  const byAddress = new Map<string, Feed[]>();
  for (const f of catalog.feeds) byAddress.set(sameAddress(f.url), [...(byAddress.get(sameAddress(f.url)) ?? []), f]);
  const duplicates = [...byAddress.values()].filter((list) => list.length > 1).map((list) => ({ url: list[0]!.url, feeds: list.map((f) => f.id) }));
  const unavailable = catalog.sources.flatMap((s) => (s.unavailable ? [{ source: s.id, reason: s.unavailable.reason, since: s.unavailable.since }] : []));
  return {
    cells,
    empty: cells.filter((c) => c.feeds === 0 && c.reason === undefined),
    explained: cells.filter((c) => c.feeds === 0 && c.reason !== undefined),
    unavailable,
    duplicates,
  };
}
