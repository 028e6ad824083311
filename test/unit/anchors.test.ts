// Anchors carry an event across scripts: figures in every numeral system and convention,
// countries by their names in the six languages, and names as consonant skeletons (Hindi,
// Arabic) or pinyin (Chinese) that meet their Latin spelling.
import { describe, expect, it } from 'vitest';
import { anchorsOf, asciiDigits, countriesOf, figuresOf, namesOf, skeleton } from '../../src/core/stories/anchors.ts';

describe('figures', () => {
  it('reads the digits of every script and each language’s separators alike', () => {
    expect(asciiDigits('१,२०० और ٦٫١ और ۱۲')).toBe('1,200 और 6.1 और 12');
    expect(figuresOf('magnitude 6.1, 1,200 dead', 'en')).toEqual(['6.1', '1200']);
    expect(figuresOf('magnitude 6,1 : 1 200 morts', 'fr')).toEqual(['6.1', '1200']);
    expect(figuresOf('Stärke 6,1: 1.200 Tote', 'de')).toEqual(['6.1', '1200']);
    expect(figuresOf('६.१ तीव्रता, १,२०० की मौत', 'hi')).toEqual(['6.1', '1200']);
    expect(figuresOf('زلزال بقوة ٦٫١', 'ar')).toEqual(['6.1']);
    expect(figuresOf('发生6.1级地震', 'zh')).toEqual(['6.1']);
  });

  it('scales figures by the words that follow them, in each language', () => {
    const tenBillion = '10000000000';
    expect(figuresOf('a $10bn deal', 'en')).toEqual([tenBillion]);
    expect(figuresOf('10 अरब डॉलर का सौदा', 'hi')).toEqual([tenBillion]);
    expect(figuresOf('صفقة بقيمة ١٠ مليارات دولار', 'ar')).toEqual([tenBillion]);
    expect(figuresOf('达成100亿美元协议', 'zh')).toEqual([tenBillion]);
    expect(figuresOf('10 milliards de dollars', 'fr')).toEqual([tenBillion]);
    expect(figuresOf('10 Milliarden Dollar', 'de')).toEqual([tenBillion]);
    expect(figuresOf('₹4 lakh each, Rs 2 crore in all', 'en')).toEqual(['400000', '20000000']);
    // A French "billion" is a thousand times an English one.
    expect(figuresOf('1 billion de dollars', 'fr')).toEqual(['1000000000000']);
    expect(figuresOf('1 billion dollars', 'en')).toEqual(['1000000000']);
  });

  it('leaves out small whole counts, which every kind of event has', () => {
    expect(figuresOf('3 dead, 2 hurt, 4.5 magnitude', 'en')).toEqual(['4.5']);
  });
});

describe('countries', () => {
  it('finds a country by its name in any of the six languages, Arabic prefixes and Chinese runs included', () => {
    expect(countriesOf('India and the US')).toEqual(['IN', 'US']);
    expect(countriesOf('भारत और अमेरिका')).toEqual(['IN', 'US']);
    expect(countriesOf('في الهند وأمريكا')).toEqual(['IN', 'US']);
    expect(countriesOf('印度和美国签署协议')).toEqual(expect.arrayContaining(['IN', 'US']));
    expect(countriesOf('Deutschland und Katar')).toEqual(['DE', 'QA']);
    expect(countriesOf("l'Inde et la Chine")).toEqual(['IN', 'CN']);
  });
});

describe('names', () => {
  it('gives a name the same skeleton in Latin, Devanagari and Arabic script', () => {
    expect(skeleton('Trump')).toBe('trmb');
    expect(namesOf('ट्रंप ने कहा', 'hi')).toContain('s:trmb');
    expect(namesOf('قال ترامب', 'ar')).toContain('s:trmb');
    expect(namesOf('बैठक में नरेंद्र मोदी', 'hi')).toContain(`s:${skeleton('Modi')}`);
    expect(namesOf('التقى مودي', 'ar')).toContain(`s:${skeleton('Modi')}`);
    expect(namesOf('कोलकाता में', 'hi')).toContain(`s:${skeleton('Kolkata')}`);
  });

  it('keeps a word whose first letter looks like an Arabic preposition (بوينغ is Boeing)', () => {
    expect(namesOf('طائرة من بوينغ', 'ar')).toContain(`s:${skeleton('Boeing')}`);
  });

  it('meets Chinese names and places in pinyin, one name or two together', () => {
    expect(namesOf('习近平在北京会见', 'zh')).toEqual(expect.arrayContaining(['p:xijinping', 'p:beijing']));
    expect(namesOf('talks with Xi Jinping in Beijing', 'en')).toEqual(expect.arrayContaining(['p:xijinping', 'p:beijing']));
  });

  it('takes a headline’s first word as a name unless it is a stopword', () => {
    expect(namesOf('Trump meets Modi', 'en')).toContain('s:trmb');
    expect(namesOf('The talks', 'en')).not.toContain(`s:${skeleton('The')}`);
  });
});

describe('anchorsOf', () => {
  it('gives the figures, countries and names of title and summary together, by kind', () => {
    const kinds = new Map(anchorsOf('Quake of 6.1 hits India', 'Narendra Modi spoke.', 'en').map((a) => [a.key, a.kind]));
    expect(kinds.get('#6.1')).toBe('number');
    expect(kinds.get('c:IN')).toBe('country');
    expect(kinds.get('p:narendramodi')).toBe('name');
  });
});
