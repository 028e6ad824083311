// The message catalogue in every interface language: every key of the English source is in
// every translation, none more, with the same placeholders, and every message formats with
// values (plurals by each language's rules) into text with nothing left unformatted.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/i18n/locales.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { source } from '../../src/core/i18n/messages.en.ts';
import { translations } from '../../src/core/i18n/translations/index.ts';

type Tree = { readonly [key: string]: unknown };
const isMessage = (v: unknown): v is string | { icu: string } => typeof v === 'string' || (typeof v === 'object' && v !== null && 'icu' in v);

/** Every message of a tree, by its dotted path. */
function leaves(tree: Tree, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    if (isMessage(value)) out.set(`${path}${key}`, value);
    else for (const [k, v] of leaves(value as Tree, `${path}${key}.`)) out.set(k, v);
  }
  return out;
}

function placeholders(icu: string): string[] {
  const out = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
      out.add(e.value);
      if ('options' in e) for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(icu, { ignoreTag: true }));
  return [...out].sort();
}

const english = leaves(source as Tree);
const icuOf = (v: unknown) => (typeof v === 'string' ? v : (v as { icu: string }).icu);

describe.each(Object.entries(translations))('the %s catalogue', (locale, translation) => {
  const own = leaves(translation as Tree);

  it('has every key of the English source, and no other', () => {
    expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps the placeholders of every message', () => {
    for (const [key, message] of english)
      expect({ key, placeholders: placeholders(icuOf(own.get(key))) }).toEqual({ key, placeholders: placeholders(icuOf(message)) });
  });

  it(`formats every message (${locale}) with values, leaving no braces or placeholders`, () => {
    // A value for every placeholder any message has: lists, numbers and booleans where the
    // source declares them, a word otherwise.
    const kinds: Record<string, unknown> = {
      valid: ['A', 'B'],
      chosen: ['A'],
      missing: ['Send Messages'],
      count: 2,
      id: 12,
      page: 2,
      pages: 3,
      minutes: 5,
      primary: true,
      on: false,
      since: Date.UTC(2025, 2, 15),
      max: 5,
    };
    const values = Object.fromEntries([...english.values()].flatMap((m) => placeholders(icuOf(m))).map((name) => [name, kinds[name] ?? `«${name}»`]));
    const check = (tree: Tree, path: string) => {
      for (const [key, value] of Object.entries(tree)) {
        const text = typeof value === 'function' ? (value as (v: unknown) => string)(values) : value;
        if (typeof text === 'string') expect({ key: `${path}${key}`, braces: /[{}]/.test(text) }).toEqual({ key: `${path}${key}`, braces: false });
        else check(value as Tree, `${path}${key}.`);
      }
    };
    check(messagesFor(locale as (typeof LOCALES)[number]) as unknown as Tree, '');
  });
});

describe('the catalogue', () => {
  it('has a translation for every interface language but English, the source', () => {
    expect(Object.keys(translations).sort()).toEqual(LOCALES.filter((l) => l !== 'en').sort());
  });

  it('formats plurals by each language’s rules', () => {
    expect(messagesFor('en').conversation.moreSources({ count: 1 })).toBe('+1 more source');
    expect(messagesFor('en').conversation.moreSources({ count: 4 })).toBe('+4 more sources');
    expect(messagesFor('ar').delivery.heldTitle({ count: 2 })).toContain('خبران'); // Arabic's dual
    expect(messagesFor('de').conversation.moreSources({ count: 1 })).not.toBe(messagesFor('de').conversation.moreSources({ count: 4 }).replace('4', '1'));
  });

  it('joins lists as each language does, "or" where the reader chooses', () => {
    const valid = ['India', 'Qatar', 'China'];
    expect(messagesFor('en').preferences.unknownCategory({ input: 'x', valid })).toContain('India, Qatar, or China');
    expect(messagesFor('de').preferences.unknownCategory({ input: 'x', valid })).toContain('India, Qatar oder China');
    expect(messagesFor('zh').preferences.unknownCategory({ input: 'x', valid })).toContain('India、Qatar或China');
  });
});
