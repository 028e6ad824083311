// What an item says, as weighted terms for comparing it with stories. Names (capitalised
// words and acronyms), numbers and the title count most: reports of one event share actors,
// places and figures far more reliably than wording. Light stemming lets "strikes" meet
// "strike". Pure functions; no state.
import { aliasOf, foldPhrases } from './aliases.ts';
import { isStopword } from './stopwords.ts';

export type TermKind = 'name' | 'number' | 'word';

export interface Term {
  term: string;
  kind: TermKind;
  /** Weight before IDF: kind, and whether it appears in the title. */
  weight: number;
}

/** Term weights by kind and place; tuned on the labelled set (bench/README.md). */
// Names and numbers count a little more than words; the title a little less than the
// summary, because outlets word headlines differently for the same event.
const WEIGHTS = { name: 1.3, number: 1.3, word: 1.0, titleBoost: 0.8 };

/** "15,000" / "15.000" / "15000" → "15000"; "3.5" stays; "$2bn" → "2bn". */
function normalizeNumber(raw: string): string {
  const compact = raw.replace(/(\d)[,.](?=\d{3}\b)/g, '$1');
  return compact.toLowerCase();
}

/** Plural and verb endings off English words, so inflections meet. Deliberately crude. */
function stem(word: string, language: string): string {
  if (language === 'de') return word.length > 5 ? word.replace(/(en|er|es|e|n|s)$/, '') : word;
  if (language !== 'en' || word.length <= 4) return word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && word.length > 5 && /(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

// Combining marks (\p{M}) belong to words: Devanagari vowel signs, Arabic diacritics.
const TOKEN = /@[a-z-]+|[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.,-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]\p{M}*/gu;
const HAN = /\p{Script=Han}/u;

/** Chinese has no spaces: a run of Han characters becomes its overlapping character pairs. */
function hanBigrams(run: string): string[] {
  const chars = [...run].filter((c) => HAN.test(c));
  if (chars.length <= 2) return [chars.join('')];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

function termsOf(text: string, language: string, weightFactor: number, out: Map<string, Term>): void {
  // Sentence starts are capitalised anyway: a capital there is no sign of a name.
  let sentenceStart = true;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0].replace(/['’]s$/, '').replace(/[.,-]+$/, '');
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (/[.!?:]\s*$/.test(before) || m.index === 0) sentenceStart = true;
    let term: string;
    let kind: TermKind;
    if (HAN.test(raw)) {
      for (const gram of hanBigrams(raw)) if (gram) add(out, gram, 'word', WEIGHTS.word * weightFactor);
      sentenceStart = false;
      continue;
    }
    const alias = raw.startsWith('@') ? raw : aliasOf(raw);
    if (alias) {
      term = alias;
      kind = 'name';
    } else if (/^\d/.test(raw)) {
      term = normalizeNumber(raw);
      // "4 missiles", "6 killed": small counts recur across unrelated events.
      kind = /^\d{1,2}$/.test(term) ? 'word' : 'number';
    } else {
      const lower = raw.toLowerCase();
      if (lower.length < 2 || isStopword(lower, language)) {
        sentenceStart = false;
        continue;
      }
      const acronym = /^\p{Lu}{2,6}$/u.test(raw);
      const capitalised = /^\p{Lu}/u.test(raw);
      // German capitalises every noun: a capital is no sign of a name there.
      kind = acronym || (capitalised && !sentenceStart && language !== 'de') ? 'name' : 'word';
      term = kind === 'name' ? lower : stem(lower, language);
    }
    sentenceStart = false;
    add(out, term, kind, WEIGHTS[kind] * weightFactor);
    // Compounds ("Lufthansa-Piloten", "North-Korean") also count by their parts, at half
    // weight, so they meet the parts written apart.
    if (kind !== 'number' && !term.startsWith('@') && term.includes('-')) {
      for (const part of term.split('-')) if (part.length >= 3 && !isStopword(part, language)) add(out, stem(part, language), 'word', 0.5 * weightFactor);
    }
  }
}

function add(out: Map<string, Term>, term: string, kind: TermKind, weight: number): void {
  const prev = out.get(term);
  // A word seen once as a name counts as a name (it was capitalised mid-sentence).
  if (!prev || prev.weight < weight) out.set(term, { term, kind: prev?.kind === 'name' ? 'name' : kind, weight: Math.max(weight, prev?.weight ?? 0) });
}

export function extractTerms(title: string, summary: string, language: string): Term[] {
  const terms = new Map<string, Term>();
  termsOf(foldPhrases(summary), language, 1, terms);
  termsOf(foldPhrases(title), language, WEIGHTS.titleBoost, terms);
  return [...terms.values()];
}
