// Names in the reader's language: countries and languages from CLDR (Intl.DisplayNames),
// categories and the world from the message catalogue, the catalog's English when neither
// knows a code. Outlets keep their own names. The conversation and the platforms' own pickers
// (Discord's autocomplete) name things the same way.
import type { Catalog } from '../catalog/catalog.ts';
import type { Locale } from './locales.ts';
import { messagesFor } from './messages.ts';

const displayNames = new Map<string, Intl.DisplayNames>();
function displayName(locale: string, type: 'region' | 'language', code: string): string | undefined {
  let names = displayNames.get(`${locale}/${type}`);
  if (!names) displayNames.set(`${locale}/${type}`, (names = new Intl.DisplayNames([locale], { type, fallback: 'none' })));
  try {
    return names.of(code);
  } catch {
    return undefined; // not a code CLDR knows
  }
}

export const countryNameIn = (locale: Locale, catalog: Catalog, code: string): string =>
  code === 'WORLD' ? messagesFor(locale).names.world : (displayName(locale, 'region', code) ?? catalog.country(code)?.name ?? code);

export const languageNameIn = (locale: Locale, catalog: Catalog, code: string): string =>
  displayName(locale, 'language', code) ?? catalog.language(code)?.name ?? code;

export const categoryNameIn = (locale: Locale, catalog: Catalog, slug: string): string =>
  (messagesFor(locale).names.categories as Record<string, string>)[slug] ?? catalog.category(slug)?.name ?? slug;
