// Whole-word matching of a reader's words in a story's text, in linear time and safe on any
// input: nothing a reader types becomes a pattern. Text and phrase are folded alike (case,
// Latin diacritics, Arabic short vowels and letter variants), the text is cut into words by
// one fixed pattern (runs of letters, marks and digits: Devanagari vowel signs stay inside
// their word), and a phrase matches where its words follow one another. Scripts written
// without spaces (Chinese, Japanese) have no words to cut: there a phrase matches as a
// substring of the folded text.

/** Latin (and Greek, Cyrillic) combining accents; Arabic short vowels, dagger alif and tatweel. */
const MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;
const ALEF = /[\u0622\u0623\u0625\u0671]/g; // آ أ إ ٱ → ا
/** Words: runs of letters, marks and digits (a fixed pattern, linear on any text). */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Text as it is compared: lower case, without accents or Arabic vowel marks, variants unified. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(ALEF, '\u0627')
    .replace(/\u0649/g, '\u064a'); // ى → ي
}

/** A text made ready to be asked about many phrases: its folded words, once. */
export interface MatchText {
  folded: string;
  words: string[];
  set: ReadonlySet<string>;
}

export function matchText(text: string): MatchText {
  const folded = fold(text);
  const words = folded.match(WORD) ?? [];
  return { folded, words, set: new Set(words) };
}

/** A reader's word or phrase, folded and cut once. */
export interface Phrase {
  text: string;
  words: string[];
  /** Written without spaces (Chinese): matched as a substring. */
  substring: boolean;
}

export function phrase(text: string): Phrase {
  const folded = fold(text.trim());
  return { text: folded, words: folded.match(WORD) ?? [], substring: UNSPACED.test(folded) };
}

/** Whether the phrase occurs in the text as whole words (as a substring for unspaced scripts). */
export function matches(text: MatchText, p: Phrase): boolean {
  if (p.substring) return text.folded.includes(p.text.replace(/\s+/g, '')) || text.folded.includes(p.text);
  const [first, ...rest] = p.words;
  if (first === undefined || !text.set.has(first)) return false;
  if (rest.length === 0) return true;
  for (let i = text.words.indexOf(first); i >= 0; i = text.words.indexOf(first, i + 1)) {
    if (rest.every((w, j) => text.words[i + 1 + j] === w)) return true;
  }
  return false;
}
