// The catalog as the rest of Herald sees it: countries, languages, categories and outlets,
// validated and indexed. Immutable; built by catalog-validate.ts from a catalog file.

export interface Language {
  code: string;
  name: string;
  native?: string | undefined;
}

export interface Category {
  slug: string;
  name: string;
}

export interface Country {
  code: string;
  name: string;
  primaryLanguage: string;
  /** Every language the country offers, the primary first. */
  languages: string[];
  timezone?: string | undefined;
  /** Its sources, in catalog order. */
  sourceIds: string[];
}

export interface Edition {
  country: string;
  languages: string[];
}

export interface Feed {
  id: string;
  sourceId: string;
  url: string;
  language: string;
  category: string;
  /** The countries whose edition carries this feed. */
  countries: string[];
  breaking: boolean;
  ref?: string | undefined;
}

export interface Unavailable {
  reason: 'no-feed' | 'discontinued';
  /** YYYY-MM or YYYY-MM-DD. */
  since: string;
  detail: string;
}

export interface Source {
  id: string;
  name: string;
  homepage: string;
  editions: Edition[];
  feeds: Feed[];
  /** Set when the outlet has no feed Herald can read (it has no feeds then). */
  unavailable?: Unavailable | undefined;
}

/** An empty country × language × category cell, explained. */
export interface CoverageGap {
  country: string;
  language: string;
  category: string;
  reason: string;
}

/** Case, accents and punctuation folded away: "Süddeutsche Zeitung" → "suddeutsche zeitung". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // Latin combining accents only: Devanagari signs stay
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };
/** A name as people may type it: plain letters, or with German umlauts spelled out. */
const spellings = (name: string) => [fold(name), fold(name.replace(/[äöüßÄÖÜ]/g, (c) => GERMAN[c] ?? c))];
const matches = (name: string, input: string) => spellings(name).includes(fold(input));

export class Catalog {
  readonly #countries: Map<string, Country>;
  readonly #languages: Map<string, Language>;
  readonly #categories: Map<string, Category>;
  readonly #sources: Map<string, Source>;

  constructor(
    languages: Language[],
    categories: Category[],
    /** The "All Categories" entry, standing for every category; absent if the file has none. */
    readonly allCategory: Category | undefined,
    countries: Country[],
    sources: Source[],
    /** The empty cells the catalog explains. */
    readonly gaps: CoverageGap[] = [],
  ) {
    this.#languages = new Map(languages.map((l) => [l.code, l]));
    this.#categories = new Map(categories.map((c) => [c.slug, c]));
    this.#countries = new Map(countries.map((c) => [c.code, c]));
    this.#sources = new Map(sources.map((s) => [s.id, s]));
  }

  get countries(): Country[] {
    return [...this.#countries.values()];
  }
  get languages(): Language[] {
    return [...this.#languages.values()];
  }
  get categories(): Category[] {
    return [...this.#categories.values()];
  }
  get sources(): Source[] {
    return [...this.#sources.values()];
  }
  get feeds(): Feed[] {
    return this.sources.flatMap((s) => s.feeds);
  }

  country(code: string): Country | undefined {
    return this.#countries.get(code);
  }
  language(code: string): Language | undefined {
    return this.#languages.get(code);
  }
  category(slug: string): Category | undefined {
    return this.#categories.get(slug);
  }
  source(id: string): Source | undefined {
    return this.#sources.get(id);
  }

  /** A country by code or by name, as a person would type it ("in", "India", "united states"). */
  findCountry(input: string): Country | undefined {
    const wanted = fold(input);
    return this.#countries.get(input.trim().toUpperCase()) ?? this.countries.find((c) => matches(c.name, input) || fold(c.code) === wanted);
  }

  /** A language by code or name ("hi", "Hindi", or its own name). */
  findLanguage(input: string): Language | undefined {
    const wanted = fold(input);
    return this.languages.find((l) => l.code === wanted || matches(l.name, input) || (l.native !== undefined && matches(l.native, input)));
  }

  /** A source listed in a country, by id or name. */
  findSource(countryCode: string, input: string): Source | undefined {
    return this.sourcesIn(countryCode).find((s) => s.id === input.trim().toLowerCase() || matches(s.name, input));
  }

  /** A source anywhere in the catalog, by id or by name as the catalog spells it, in any case. */
  findSourceAnywhere(input: string): Source | undefined {
    return this.#sources.get(input.trim().toLowerCase()) ?? this.sources.find((s) => s.id === input.trim().toLowerCase() || matches(s.name, input));
  }

  /** A category by slug or name; "all" finds the union entry. */
  findCategory(input: string): Category | undefined {
    const wanted = fold(input);
    const all = this.allCategory;
    if (all && (all.slug === wanted || matches(all.name, input))) return all;
    return this.categories.find((c) => c.slug === wanted || matches(c.name, input));
  }

  sourcesIn(countryCode: string): Source[] {
    const country = this.#countries.get(countryCode);
    return (country?.sourceIds ?? []).map((id) => this.#sources.get(id)).filter((s) => s !== undefined);
  }

  /** The languages a source's edition in a country is published in. */
  editionLanguages(sourceId: string, countryCode: string): string[] {
    return this.#sources.get(sourceId)?.editions.find((e) => e.country === countryCode)?.languages ?? [];
  }
}
