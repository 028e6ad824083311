// The shape of a catalog file (catalog/catalog.yaml, or the operator's own file named by
// HERALD_CATALOG). Structure is checked here; cross-references (a source naming a country
// the file does not define, a duplicate id…) in catalog-validate.ts. Objects are strict so a
// misspelt key is reported instead of silently ignored.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9, -)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const languageSchema = z.strictObject({
  code: z.string(),
  name: z.string().min(1),
  native: z.string().min(1).optional(),
});

const categorySchema = z.strictObject({
  slug,
  name: z.string().min(1),
  /** The one category that stands for all the others ("All Categories"). */
  union: z.boolean().optional(),
});

const countrySchema = z.strictObject({
  code: z.string(),
  name: z.string().min(1),
  primaryLanguage: z.string({ error: (i) => (i.input === undefined ? 'missing primary language' : 'must be a language code') }),
  otherLanguages: z.array(z.string()).default([]),
  timezone: z.string().optional(),
});

const editionSchema = z.strictObject({
  country: z.string(),
  languages: z.array(z.string()).min(1, 'an edition needs at least one language'),
});

const feedSchema = z.strictObject({
  /** Stable key; defaults to <source>-<language>-<category>. */
  id: slug.optional(),
  url: httpUrl,
  language: z.string(),
  category: z.string(),
  /** Only these editions (countries) of that language; default: all of them. */
  countries: z.array(z.string()).optional(),
  /** The catalog marks feeds whose every item is breaking news. */
  breaking: z.boolean().optional(),
  /** Where the URL was found. */
  ref: z.string().optional(),
});

/** Why an outlet the catalog lists has no feed Herald can read, and since when. */
const unavailableSchema = z.strictObject({
  /** no-feed: it publishes, but offers no working feed; discontinued: it stopped publishing (or its feeds did). */
  reason: z.enum(['no-feed', 'discontinued']),
  /** When it stopped, or when the lack was recorded: YYYY-MM or YYYY-MM-DD. */
  since: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date: YYYY-MM or YYYY-MM-DD'),
  /** What was found, for the operator (and where). */
  detail: z.string().min(1),
});

const sourceSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  homepage: httpUrl,
  editions: z.array(editionSchema).min(1, 'a source needs at least one edition (country)'),
  feeds: z.array(feedSchema).default([]),
  /** Set when the outlet has no feed Herald can read: it stays listed, and readers see it as unavailable. */
  unavailable: unavailableSchema.optional(),
  note: z.string().optional(),
});

/** A country × language × category cell no feed fills, and why no real feed could. */
const gapSchema = z.strictObject({
  country: z.string(),
  language: z.string(),
  category: z.string(),
  reason: z.string().min(1),
});

export const catalogFileSchema = z.strictObject({
  languages: z.array(languageSchema).min(1),
  categories: z.array(categorySchema).min(1),
  countries: z.array(countrySchema).min(1),
  sources: z.array(sourceSchema).min(1),
  /** Empty coverage cells, each with its reason; `catalog check` warns only on the others. */
  gaps: z.array(gapSchema).default([]),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
