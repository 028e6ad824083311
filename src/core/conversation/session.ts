// One exchange with a target: who it is, its preferences (loaded, or a country's defaults
// for a new one), the rules and the catalog. Handlers change `prefs`; the conversation saves
// them when they changed.
import type { Catalog, Category } from '../catalog/catalog.ts';
import type { Locale } from '../i18n/locales.ts';
import { timeOfDay } from '../i18n/reader-time.ts';
import { categoryNameIn, countryNameIn, languageNameIn } from '../i18n/names.ts';
import type { Messages } from '../i18n/messages.ts';
import type { PreferenceRules } from '../preferences/preference-rules.ts';
import type { Preferences } from '../preferences/preferences.ts';
import type { Target } from '../targets/target.ts';

export interface Session {
  target: Target;
  prefs: Preferences;
  /** True when the target had no stored preferences before this exchange. */
  isNew: boolean;
  changed: boolean;
  rules: PreferenceRules;
  catalog: Catalog;
  /** The target's interface language, and the catalogue in it. */
  locale: Locale;
  messages: Messages;
  msg: Messages['conversation'];
  /** When this exchange happens (what "today" and "the next digest" are). */
  now: Date;
}

// Names in the reader's language (core/i18n/names.ts). Outlets keep their own names.
export const countryName = (s: Session, code: string) => countryNameIn(s.locale, s.catalog, code);
export const languageName = (s: Session, code: string) => languageNameIn(s.locale, s.catalog, code);
export const sourceName = (s: Session, id: string) => s.catalog.source(id)?.name ?? id;
export const categoryName = (s: Session, slug: string) => categoryNameIn(s.locale, s.catalog, slug);

/** A time of day as stored ("08:00") in the reader's digits ("٠٨:٠٠" in Qatar's Arabic). */
export const timeOf = (s: Session, hhmm: string) => timeOfDay(hhmm, { locale: s.locale, region: s.prefs.countries[0].country });

/** A category as the reader names it ("Wirtschaft"), or as the catalog knows it; "all" included. */
export function categoryNamed(s: Session, input: string): Category | undefined {
  const wanted = input.trim().toLocaleLowerCase(s.locale);
  const all = [...s.catalog.categories, ...(s.catalog.allCategory ? [s.catalog.allCategory] : [])];
  return all.find((c) => categoryName(s, c.slug).toLocaleLowerCase(s.locale) === wanted) ?? s.catalog.findCategory(input);
}
