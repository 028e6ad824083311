// The interface language of a target: its stored locale, English when it is not one Herald
// speaks, and the message catalogue in it.
import { DEFAULT_LOCALE, supportedLocale, type Locale } from './locales.ts';
import { messagesFor, type Messages } from './messages.ts';
import type { Target } from '../targets/target.ts';

export const localeOf = (target: Pick<Target, 'locale'>): Locale => supportedLocale(target.locale) ?? DEFAULT_LOCALE;

export const localized = (target: Pick<Target, 'locale'>): Messages => messagesFor(localeOf(target));

export function sessionLanguage(target: Pick<Target, 'locale'>): { locale: Locale; messages: Messages; msg: Messages['conversation'] } {
  const messages = localized(target);
  return { locale: localeOf(target), messages, msg: messages.conversation };
}
