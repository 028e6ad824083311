// /language: the language Herald speaks in a chat (not the news languages: /setlanguage), each
// shown in its own name (हिन्दी, العربية, Deutsch, 中文, Français, English). Chosen by a button,
// or typed as a code ("de") or a name in any of them ("German", "Deutsch", "allemand").
import { LOCALES, localeName, supportedLocale, type Locale } from '../i18n/locales.ts';
import { sessionLanguage } from '../i18n/target-language.ts';
import { errorView, rows, view, type Button, type View } from '../message/view.ts';
import type { TargetRepository } from '../targets/target.ts';
import type { Session } from './session.ts';

export function localeMenu(s: Session, note?: string): View {
  const buttons = LOCALES.map((l): Button => ({ label: localeName(l), action: { kind: 'locale', locale: l }, selected: l === s.locale, choice: 'one' }));
  return view([...(note ? [note] : []), s.msg.localeMenu({ current: localeName(s.locale) })], rows(buttons, 3));
}

/** Every name of every locale, in every locale, lower-cased: "german", "deutsch", "allemand", "जर्मन"… */
const NAMES = new Map<string, Locale>(
  LOCALES.flatMap((l) => LOCALES.map((inLocale) => [new Intl.DisplayNames([inLocale], { type: 'language' }).of(l)!.toLocaleLowerCase(inLocale), l] as const)),
);

export function findLocale(input: string): Locale | undefined {
  const text = input.trim();
  return supportedLocale(text.length <= 7 ? text : undefined) ?? NAMES.get(text.toLocaleLowerCase());
}

/** Switches the chat's language; the answer, and the session from here on, speak the new one. */
export async function chooseLocale(s: Session, targets: Pick<TargetRepository, 'setLocale'>, input: string): Promise<View> {
  const locale = findLocale(input);
  if (!locale) return errorView(s.msg.localeUnknown({ input, valid: LOCALES.map(localeName) }));
  await targets.setLocale(s.target.id, locale);
  s.target = { ...s.target, locale };
  Object.assign(s, sessionLanguage(s.target));
  return localeMenu(s, s.msg.localeSet({ language: localeName(locale) }));
}
