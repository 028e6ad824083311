// What an item says that reads the same in every language: its figures, the countries it names,
// and its names carried across scripts. Reports of one event in English and Hindi, French or
// Chinese share almost no words, but they give the same magnitude, the same toll, the same
// "$10bn" (दस अरब डॉलर, 100亿美元) and the same people and places (ट्रंप and ترامب are Trump).
// These anchors let the clusterer join reports across languages. Pure functions; no state.
import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';
import countries from 'i18n-iso-countries';
import { isStopword } from './stopwords.ts';

export type AnchorKind = 'number' | 'country' | 'name';

/** A key that two reports in different languages share when they say the same thing. */
export interface Anchor {
  key: string;
  kind: AnchorKind;
}

const LANGUAGES = ['en', 'hi', 'ar', 'de', 'zh', 'fr'] as const;

// ------------------------------------------------------------------ figures

/** Digits of Devanagari, Arabic-Indic and fullwidth forms as ASCII; Arabic separators too. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096f\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\u066b\u066c]/g, (c) => {
    const cp = c.codePointAt(0)!;
    if (cp === 0x66b) return '.';
    if (cp === 0x66c) return ',';
    for (const zero of [0x966, 0x660, 0x6f0, 0xff10]) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
    return c;
  });
}

/** Words that multiply the figure before them, in the six languages (French "billion" is 10¹²). */
const SCALES: [RegExp, number][] = [
  [/^(thousand|tausend|mille|हज़ार|हजार|ألف|آلاف)$/iu, 1e3],
  [/^(lakh|lakhs|लाख)$/iu, 1e5],
  [/^(m|million|millions|mn|mio|millionen|मिलियन|مليون|ملايين)$/iu, 1e6],
  [/^(crore|crores|करोड़|करोड़|करोड)$/iu, 1e7],
  [/^(billion|billions|bn|milliard|milliards|milliarden|mrd|अरब|बिलियन|مليار|مليارات)$/iu, 1e9],
  [/^万/u, 1e4],
  [/^亿/u, 1e8],
  [/^千/u, 1e3],
];
const FRENCH_BILLION = /^billions?$/iu;

// A figure: digits with thousands separators (",", ".", a space or a narrow space) and a
// decimal part; "m"/"bn" may stick to it ("$88M", "$10bn").
// Chinese writes figures against its characters ("100亿"), so only Latin letters before one
// make it part of a word ("G20", "A350").
const FIGURE = /(?<![A-Za-z\d.,])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)(?:([.,])(\d+))?(?!\d)\s*([\p{L}\p{M}]*)/gu;

/** "6,1" is 6.1 in French and German; "1.200" is 1200 in German, "1 200" in French. */
function figureValue(whole: string, sep: string | undefined, fraction: string | undefined, language: string): number {
  const decimalComma = language === 'fr' || language === 'de';
  const digits = whole.replace(/[,.\u00a0\u202f ]/g, '');
  if (sep === undefined || fraction === undefined) return Number(digits);
  if ((sep === ',' && decimalComma) || (sep === '.' && !decimalComma)) return Number(`${digits}.${fraction}`);
  return Number(digits + fraction);
}

/** The figures of a text, each as its value written plainly ("10bn" → "1e10"); small counts left out. */
export function figuresOf(text: string, language: string): string[] {
  const out = new Set<string>();
  for (const m of asciiDigits(text).matchAll(FIGURE)) {
    const [, whole, sep, fraction, after] = m;
    let value = figureValue(whole!, sep, fraction, language);
    const next = after ?? '';
    const french = language === 'fr' && FRENCH_BILLION.test(next);
    const scale = french ? 1e12 : (SCALES.find(([re]) => re.test(next))?.[1] ?? 1);
    value *= scale;
    if (!Number.isFinite(value)) continue;
    // Whole numbers under 10 recur in every kind of event ("3 dead", "2 goals").
    if (Number.isInteger(value) && value < 10) continue;
    out.add(String(Number(value.toPrecision(6))));
  }
  return [...out];
}

// ------------------------------------------------------------------ countries

const require = createRequire(import.meta.url);
for (const language of LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`) as countries.LocaleData);

/** Everyday names the ISO list leaves out (it has "Vereinigte Staaten von Amerika", not "USA"). */
const EXTRA: Record<string, string[]> = {
  US: ['us', 'usa', 'america', 'amerika', 'अमेरिका', 'अमरीका', 'أمريكا', 'امريكا', 'américain', 'américaine', 'etats-unis', 'états-unis'],
  GB: ['uk', 'britain', 'ब्रिटेन', 'بريطانيا', '英国', 'royaume-uni', 'großbritannien'],
  CN: ['चीनी'],
  IN: ['भारतीय', 'indian', 'indien', 'indienne', 'indische', 'indischen'],
  DE: ['german', 'allemand', 'allemande', 'deutsche', 'deutschen'],
  KR: ['south korea', 'दक्षिण कोरिया', 'كوريا الجنوبية', '韩国', 'südkorea'],
  KP: ['north korea', 'उत्तर कोरिया', 'كوريا الشمالية', '朝鲜', 'nordkorea'],
  RU: ['russia', 'रूस', 'روسيا', '俄罗斯', 'russland', 'russie'],
};

const COUNTRY_WORDS = new Map<string, string>();
const COUNTRY_HAN: [string, string][] = [];
for (const code of Object.keys(countries.getAlpha2Codes())) {
  const names = LANGUAGES.flatMap((l) => countries.getName(code, l, { select: 'all' }) ?? []);
  for (const name of [...names, ...(EXTRA[code] ?? [])]) {
    const key = name.toLowerCase().normalize('NFC');
    if (/\p{Script=Han}/u.test(key)) COUNTRY_HAN.push([key, code]);
    else if (key.length >= 2) COUNTRY_WORDS.set(key, code);
  }
}
/** First words of the names of more than one word. */
const FIRST_WORDS = new Set([...COUNTRY_WORDS.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
const ARABIC_LETTER = /^\p{Script=Arabic}/u;
// Longest first, so that 美国 does not stop at a shorter name inside a longer one.
COUNTRY_HAN.sort((a, b) => b[0].length - a[0].length);

/** Arabic's article and the conjunctions and prepositions written onto the next word. */
const ARABIC_CLITICS = /^(وال|بال|لل|ال|و|ب|ل)(?=\p{L}{3})/u;
/** Only the article and what comes with it are surely not part of the word ("بوينغ" is Boeing). */
const ARABIC_ARTICLE = /^(وال|بال|لل|ال)(?=\p{L}{3})/u;
const WORD = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
const HAN_RUN = /\p{Script=Han}+/gu;

/** ISO codes of the countries a text names, by their names in any of the six languages. */
export function countriesOf(text: string): string[] {
  const out = new Set<string>();
  // Without English "'s" and French elision ("l'Inde", "d'Allemagne").
  const words = [...text.toLowerCase().normalize('NFC').matchAll(WORD)].map((m) => m[0].replace(/['’]s$/, '').replace(/^[cdjlmnst]['’]/, ''));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // Names of up to four words ("united arab emirates", "संयुक्त अरब अमीरात"), tried only
    // from a word that starts one.
    let matched = false;
    if (FIRST_WORDS.has(word)) {
      for (let n = Math.min(4, words.length - i); n >= 2 && !matched; n--) {
        const code = COUNTRY_WORDS.get(words.slice(i, i + n).join(' '));
        if (code) {
          out.add(code);
          i += n - 1;
          matched = true;
        }
      }
    }
    if (matched) continue;
    // An Arabic word also without what is written onto it ("وأمريكا", and America).
    const code = COUNTRY_WORDS.get(word) ?? (ARABIC_LETTER.test(word) ? COUNTRY_WORDS.get(word.replace(ARABIC_CLITICS, '')) : undefined);
    if (code) out.add(code);
  }
  for (const run of text.match(HAN_RUN) ?? []) for (const [name, code] of COUNTRY_HAN) if (run.includes(name)) out.add(code);
  return [...out];
}

// ------------------------------------------------------------------ names

/**
 * A name as its consonants, spelt alike across scripts: Trump, ट्रंप (trmp) and ترامب (trmb)
 * are all "trmb"; Modi, मोदी and مودي are "md". Vowels are left out because Arabic does not
 * write short ones and Hindi spells long ones differently; p and b are one (Arabic has no p).
 */
export function skeleton(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/[qc]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/p/g, 'b')
    .replace(/v/g, 'w')
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouwyh]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** Pinyin syllables of a run of Chinese characters (any-ascii capitalises each syllable). */
function syllables(run: string): string[] {
  return (anyAscii(run).match(/[A-Z][a-z]*/g) ?? []).map((s) => s.toLowerCase());
}

/**
 * Names as keys that meet across scripts: "s:" + skeleton for Latin-script names and every
 * word of Hindi and Arabic (which have no capitals to tell names); "p:" + pinyin for Chinese
 * runs (two to four syllables) and for Latin names, alone and two together ("Xi Jinping" is
 * 习近平, "xijinping").
 */
export function namesOf(text: string, language: string): string[] {
  const out = new Set<string>();
  if (language === 'zh') {
    for (const run of text.match(HAN_RUN) ?? []) {
      const s = syllables(run);
      for (let n = 2; n <= 4; n++) for (let i = 0; i + n <= s.length; i++) out.add(`p:${s.slice(i, i + n).join('')}`);
    }
  }
  const latinNames: string[] = [];
  let sentenceStart = true;
  for (const m of text.matchAll(WORD)) {
    // Most words are lower-case Latin: not names, and nothing to transliterate.
    const c = m[0].charCodeAt(0);
    if (c >= 97 && c <= 122) {
      latinNames.push('');
      sentenceStart = false;
      continue;
    }
    const word = m[0].replace(/['’]s$/, '');
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    const start = sentenceStart || m.index === 0 || /[.!?:]\s*$/.test(before);
    sentenceStart = false;
    if (/\p{Script=Devanagari}|\p{Script=Arabic}/u.test(word)) {
      const bare = word.replace(ARABIC_ARTICLE, '');
      if (isStopword(word, language) || isStopword(bare, language)) continue;
      // و, ب or ل in front may be a conjunction or preposition, or the word's own first
      // letter: both readings count.
      for (const form of new Set([bare, bare.replace(ARABIC_CLITICS, '')])) {
        const s = skeleton(anyAscii(form));
        if (s.length >= 2) out.add(`s:${s}`);
      }
      continue;
    }
    // A capital mid-sentence, or an acronym: a name (German capitalises every noun, which
    // only adds keys no other language's names will meet).
    // At a sentence's start a capital says nothing, but headlines start with their subject
    // ("Trump meets Modi"): kept unless a stopword.
    const isName = /^\p{Lu}{2,6}$/u.test(word) || (/^\p{Lu}/u.test(word) && (!start || !isStopword(word.toLowerCase(), language)));
    if (!isName || /\p{Script=Han}/u.test(word)) {
      latinNames.push('');
      continue;
    }
    const plain = anyAscii(word)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const s = skeleton(plain);
    if (s.length >= 2) out.add(`s:${s}`);
    if (plain.length >= 4) out.add(`p:${plain}`);
    const prev = latinNames.at(-1);
    if (prev) out.add(`p:${prev}${plain}`);
    latinNames.push(plain);
  }
  return [...out];
}

/** Every anchor of an item: its figures, countries and names. */
export function anchorsOf(title: string, summary: string, language: string): Anchor[] {
  const text = `${title}. ${summary}`;
  return [
    ...figuresOf(text, language).map((key) => ({ key: `#${key}`, kind: 'number' as const })),
    ...countriesOf(text).map((key) => ({ key: `c:${key}`, kind: 'country' as const })),
    ...namesOf(text, language).map((key) => ({ key, kind: 'name' as const })),
  ];
}
