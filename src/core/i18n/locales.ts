// The interface languages Herald speaks, each named in its own language, and the choice of
// one from what a platform says of its user (Telegram's language_code, Discord's locale, a
// browser's Accept-Language): the first supported one, English otherwise.

export const LOCALES = ['en', 'hi', 'ar', 'de', 'zh', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

function isLocale(tag: string): tag is Locale {
  return (LOCALES as readonly string[]).includes(tag);
}

/** A language tag's supported locale: "de-AT" is de, "zh-Hans-CN" zh, "pt-BR" none. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && isLocale(base) ? base : undefined;
}

/** The first supported locale among tags in order of preference; English when none is. */
export function pickLocale(tags: readonly (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    const locale = supportedLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The locale an Accept-Language header prefers, by its q weights. */
export function fromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag ?? '', q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return pickLocale(ranked.map((t) => t.tag));
}

/** A locale's name in its own language (हिन्दी, العربية, Deutsch, 中文, Français, English). */
export function localeName(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** Arabic is written right to left. */
export const isRightToLeft = (locale: Locale) => locale === 'ar';
