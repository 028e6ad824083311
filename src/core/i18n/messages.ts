// The message catalogue compiled for a locale: the English source (messages.en.ts) with each
// message taken from the locale's translation, formatted by intl-messageformat (ICU plural
// and select by the locale's rules; lists joined as the locale joins them). Compiled once per
// locale. `en` is the English catalogue.
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';
import type { Compiled, MessageDef, MessageValue, Translation } from './message-def.ts';
import { source } from './messages.en.ts';
import { translations } from './translations/index.ts';

export type Messages = Compiled<typeof source>;

type Node = string | MessageDef<Record<string, MessageValue>> | { readonly [key: string]: Node };

function compileMessage(
  icu: string,
  locale: Locale,
  def?: MessageDef<Record<string, MessageValue>>,
): string | ((values: Record<string, MessageValue>) => string) {
  const format = new IntlMessageFormat(icu, locale, undefined, { ignoreTag: true });
  if (!def) return String(format.format());
  const and = new Intl.ListFormat(locale, { type: 'conjunction' });
  const or = new Intl.ListFormat(locale, { type: 'disjunction' });
  return (values) => {
    const plain: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(values)) {
      if (Array.isArray(value)) plain[key] = (def.or?.includes(key) ? or : and).format(value as string[]);
      else plain[key] = typeof value === 'boolean' ? String(value) : (value as string | number);
    }
    return String(format.format(plain));
  };
}

function compile(node: Node, translated: unknown, locale: Locale): unknown {
  const own = (key: string) => (translated && typeof translated === 'object' ? (translated as Record<string, unknown>)[key] : undefined);
  // A message the translation lacks is English, formatted by English rules.
  const [text, as] = typeof translated === 'string' ? [translated, locale] : [undefined, DEFAULT_LOCALE];
  if (typeof node === 'string') return compileMessage(text ?? node, as);
  if ('icu' in node && typeof node.icu === 'string') return compileMessage(text ?? node.icu, as, node as MessageDef<Record<string, MessageValue>>);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, compile(child as Node, own(key), locale)]));
}

const compiled = new Map<Locale, Messages>();

/** The catalogue in `locale`; a message the translation lacks stays English. */
export function messagesFor(locale: Locale): Messages {
  let messages = compiled.get(locale);
  if (!messages) {
    const translation: Translation<typeof source> | undefined = locale === DEFAULT_LOCALE ? undefined : translations[locale as Exclude<Locale, 'en'>];
    compiled.set(locale, (messages = compile(source as Node, translation, locale) as Messages));
  }
  return messages;
}

export const en = messagesFor(DEFAULT_LOCALE);

/** A category's name in these messages' language; `fallback` (the catalog's) for one they do not name. */
export const categoryLabel = (words: Messages, slug: string, fallback?: string): string =>
  (words.names.categories as Record<string, string>)[slug] ?? fallback ?? slug;
