// A pseudo-locale: every message of the English catalogue with its letters accented
// ("Welcome" → "Ŵéļçöɱé"), its placeholders, plural and select syntax and the commands it
// names ("/start") kept. Put in place of a real translation, any English a person then sees
// came from code, not from the catalogue; `englishLeft` finds it.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import type { Translation } from '../../src/core/i18n/message-def.ts';
import type { source } from '../../src/core/i18n/messages.en.ts';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';

/** Accents the letters of text, leaving commands ("/digest") and placeholders alone. */
export function accent(text: string): string {
  return text
    .split(/(\/[a-z_]+)/)
    .map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => (PLAIN.includes(c) ? [...ACCENTED][PLAIN.indexOf(c)] : c)).join('')))
    .join('');
}

function accentElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((e) => {
    if (e.type === TYPE.literal) return { ...e, value: accent(e.value) };
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(e.options).map(([k, o]) => [k, { ...o, value: accentElements(o.value) }]));
      return { ...e, options } as MessageFormatElement;
    }
    return e;
  });
}

const accentIcu = (icu: string) => printAST(accentElements(parse(icu, { ignoreTag: true })));

type Tree = { readonly [key: string]: unknown };

/** The whole catalogue in the pseudo-locale, as a translation. */
export function pseudoTranslation(tree: typeof source): Translation<typeof source> {
  const walk = (node: Tree): Tree =>
    Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (typeof value === 'string') return [key, accentIcu(value)];
        if (value && typeof value === 'object' && 'icu' in value) return [key, accentIcu((value as { icu: string }).icu)];
        return [key, walk(value as Tree)];
      }),
    );
  return walk(tree as unknown as Tree) as unknown as Translation<typeof source>;
}

/**
 * Words of three or more unaccented Latin letters in `text` that are not data a person chose or
 * a feed sent (`allowed`: outlet names, headlines, codes, zone names): English left in code.
 * Links and commands are not words.
 */
export function englishLeft(text: string, allowed: Iterable<string> = []): string[] {
  const ok = new Set([...allowed].flatMap((a) => a.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  const stripped = text.replace(/https?:\/\/\S+/g, ' ').replace(/\/[a-z_]+/g, ' ');
  return (stripped.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ok.has(w.toLowerCase()));
}
