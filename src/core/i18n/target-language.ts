// The interface language of a target: its stored locale, English when it is not one Herald
// speaks, and the message catalogue in it; and its clock (time zone and conventions).
import { DEFAULT_LOCALE, supportedLocale, type Locale } from './locales.ts';
import { messagesFor, type Messages } from './messages.ts';
import type { Preferences } from '../preferences/preferences.ts';
import type { Target } from '../targets/target.ts';
import type { ReaderClock } from './reader-time.ts';

export const localeOf = (target: Pick<Target, 'locale'>): Locale => supportedLocale(target.locale) ?? DEFAULT_LOCALE;

export const localized = (target: Pick<Target, 'locale'>): Messages => messagesFor(localeOf(target));

export function sessionLanguage(target: Pick<Target, 'locale'>): { locale: Locale; messages: Messages; msg: Messages['conversation'] } {
  const messages = localized(target);
  return { locale: localeOf(target), messages, msg: messages.conversation };
}

/** What decides how a reader's message reads: interface language, time zone, primary country. */
export const readerKey = (member: { locale: string; prefs: Pick<Preferences, 'timezone' | 'countries'> }): string =>
  `${member.locale}\u0000${member.prefs.timezone}\u0000${member.prefs.countries[0].country}`;

/**
 * A target's clock: its interface language, its time zone and its primary country (whose
 * conventions apply: "IST" for English in India); UTC before it has preferences.
 */
export function readerClock(target: Pick<Target, 'locale'>, prefs: Pick<Preferences, 'timezone' | 'countries'> | null): ReaderClock {
  return { locale: localeOf(target), timezone: prefs?.timezone ?? 'UTC', ...(prefs ? { region: prefs.countries[0].country } : {}) };
}
