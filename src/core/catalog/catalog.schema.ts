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

const sourceSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  homepage: httpUrl,
  editions: z.array(editionSchema).min(1, 'a source needs at least one edition (country)'),
  feeds: z.array(feedSchema).default([]),
  note: z.string().optional(),
});

export const catalogFileSchema = z.strictObject({
  languages: z.array(languageSchema).min(1),
  categories: z.array(categorySchema).min(1),
  countries: z.array(countrySchema).min(1),
  sources: z.array(sourceSchema).min(1),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
