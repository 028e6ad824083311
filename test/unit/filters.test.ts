// Filters: whole words at Unicode word boundaries in every script of the catalog, ignoring case
// and diacritics (substrings for Chinese), phrases as consecutive words, linear time on any
// input; and the rule that says which filter keeps a story out.
import { describe, expect, it } from 'vitest';
import { blockedBy, compile, reportText, type Filter } from '../../src/core/filters/filters.ts';
import { fold, matches, matchText, phrase } from '../../src/core/filters/text-match.ts';

const says = (text: string, words: string) => matches(matchText(text), phrase(words));

describe('matching a word or phrase', () => {
  it('matches whole words in Latin script, ignoring case and diacritics', () => {
    expect(says('England win the Cricket World Cup', 'cricket')).toBe(true);
    expect(says('Crickets chirp all night', 'cricket')).toBe(false); // a whole word, not a prefix
    expect(says('Le président à Genève', 'geneve')).toBe(true);
    expect(says('Le président à Genève', 'PRÉSIDENT')).toBe(true);
    expect(says('Die Straße ist gesperrt', 'strasse')).toBe(true);
    expect(says('Müller trifft doppelt', 'muller')).toBe(true);
    expect(says("India's captain", 'india')).toBe(true);
  });

  it('matches phrases as consecutive words only', () => {
    expect(says('The stock market fell sharply', 'stock market')).toBe(true);
    expect(says('Stock prices and the market', 'stock market')).toBe(false);
    expect(says('Market stock', 'stock market')).toBe(false);
    expect(says('stock, market', 'stock market')).toBe(true); // punctuation is not a word
  });

  it('matches Devanagari words whole, vowel signs included', () => {
    expect(says('भारत ने क्रिकेट विश्व कप जीता', 'क्रिकेट')).toBe(true);
    expect(says('भारत ने क्रिकेटर को चुना', 'क्रिकेट')).toBe(false); // क्रिकेटर is another word
    expect(says('शेयर बाज़ार में गिरावट', 'शेयर बाज़ार')).toBe(true);
    expect(says('कर में कटौती', 'करकट')).toBe(false); // no vowel sign is dropped
  });

  it('matches Arabic words whole, with or without short vowels and alef variants', () => {
    expect(says('فاز المنتخب في كرة القدم', 'القدم')).toBe(true);
    expect(says('أَمِير قطر يزور باريس', 'امير')).toBe(true);
    expect(says('الأمير يزور باريس', 'الامير')).toBe(true);
    expect(says('فاز المنتخب', 'منتخب')).toBe(false); // المنتخب is one word
  });

  it('matches Chinese as a substring, with no spaces to find words by', () => {
    expect(says('中国男足在世界杯预选赛中获胜', '世界杯')).toBe(true);
    expect(says('中国男足在世界杯预选赛中获胜', '奥运会')).toBe(false);
    expect(says('股市今天大幅下跌', '股市')).toBe(true);
  });

  it('stays linear on hostile input: no pattern is made from what a reader types', () => {
    const text = matchText(`${'a'.repeat(200_000)} ${'(a+)+$ '.repeat(20_000)}`);
    const started = process.hrtime.bigint();
    for (const p of ['(a+)+$', 'a'.repeat(60), '.*.*.*=.*', '\\', '[', 'a a a a a a a b']) expect(matches(text, phrase(p))).toBe(p === '(a+)+$');
    // Generous: this is a guard against exponential time, not a benchmark.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it('folds alike what readers type alike', () => {
    expect(fold('ÉCOLE')).toBe('ecole');
    expect(fold('إسلام')).toBe(fold('اسلام'));
    expect(fold('على')).toBe(fold('علي'));
  });
});

describe('which filter keeps a story out', () => {
  const story = (title: string, sourceId = 'ndtv', categories = ['sports'], summary = '') => ({
    sourceId,
    text: reportText({ title, summary }),
    categories,
  });
  const with_ = (...filters: Filter[]) => compile(filters);

  it('a muted word or phrase, in the headline or the summary', () => {
    const muted: Filter = { kind: 'mute', phrase: 'cricket' };
    expect(blockedBy(with_(muted), story('Cricket: India win'))).toBe(muted);
    expect(blockedBy(with_(muted), story('India win', 'ndtv', ['sports'], 'The cricket final in Mumbai'))).toBe(muted);
    expect(blockedBy(with_(muted), story('Football: India win'))).toBeUndefined();
  });

  it('a muted outlet', () => {
    const f: Filter = { kind: 'muteSource', source: 'ndtv' };
    expect(blockedBy(with_(f), story('Anything'))).toBe(f);
    expect(blockedBy(with_(f), story('Anything', 'the-hindu'))).toBeUndefined();
  });

  it('"only" words: for their category, or all; any one of them lets a story through', () => {
    const football: Filter = { kind: 'only', phrase: 'football', category: 'sports' };
    const tennis: Filter = { kind: 'only', phrase: 'tennis', category: 'sports' };
    const f = with_(football, tennis);
    expect(blockedBy(f, story('Cricket: India win'))).toBe(football);
    expect(blockedBy(f, story('Tennis: a final in Paris'))).toBeUndefined();
    expect(blockedBy(f, story('Budget passes', 'ndtv', ['business']))).toBeUndefined(); // another category
    const everywhere: Filter = { kind: 'only', phrase: 'India' };
    expect(blockedBy(with_(everywhere), story('Budget passes', 'ndtv', ['business']))).toBe(everywhere);
    expect(blockedBy(with_(everywhere), story('India budget passes', 'ndtv', ['business']))).toBeUndefined();
  });

  it('a muted word wins over an "only" word the story also says', () => {
    const muted: Filter = { kind: 'mute', phrase: 'transfer' };
    expect(blockedBy(with_({ kind: 'only', phrase: 'football' }, muted), story('Football transfer news'))).toBe(muted);
  });
});
