// Cleaning text from outside (an operator's story) and naming the nearest catalog entries.
import { describe, expect, it } from 'vitest';
import { cleanString, hasVisibleCharacter, stripControls } from '../../src/core/text/clean-text.ts';
import { nearest } from '../../src/core/text/nearest.ts';

describe('clean text', () => {
  it('strips control characters and bidirectional overrides, keeping the scripts people write', () => {
    expect(stripControls('a\u0000b\u001b[1mc\u0085d\u202Ee\u2066f')).toBe('ab[1mcdef');
    expect(stripControls(' line\none\ttwo\r\n ')).toBe('line one two');
    // Joiners that Devanagari, Arabic and emoji need stay; so do directional marks.
    for (const text of ['क्‍ष', 'لا\u200Cإله', '👩\u200D💻', 'שלום\u200F!']) expect(stripControls(text)).toBe(text);
  });

  it('knows text with nothing to see', () => {
    for (const blank of ['', '   ', '\u200B\u200C\u200D', '\u3164\u115F', '\u2800', '\u0301\u0302'])
      expect(hasVisibleCharacter(blank), JSON.stringify(blank)).toBe(false);
    for (const text of ['a', '7', '—', '€', 'क', 'ب', '中', '🙂']) expect(hasVisibleCharacter(text), text).toBe(true);
  });

  it('refuses invalid UTF-16, invisible text and text over the limit', () => {
    const schema = cleanString(10);
    expect(schema.safeParse('ok\u0000').data).toBe('ok');
    expect(schema.safeParse('bad \uD800').error?.issues[0]?.message).toMatch(/lone surrogate/);
    expect(schema.safeParse('\uDC00 x \uD83D').success).toBe(false);
    expect(schema.safeParse('😀 fine').success).toBe(true); // a pair is one code point
    expect(schema.safeParse('\u200B').error?.issues[0]?.message).toBe('has no visible character');
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
  });
});

describe('nearest', () => {
  const names = ['The Hindu', 'Hindustan Times', 'The Times of India', 'CNN', 'CBC', 'Al Jazeera'];
  it('suggests near misses and parts of names, the closest first', () => {
    expect(nearest('The Hindoo', names)).toEqual(['The Hindu']);
    expect(nearest('hindu', names)).toEqual(['Hindustan Times', 'The Hindu']);
    expect(nearest('al jazira', names)).toEqual(['Al Jazeera']);
    expect(nearest('CNB', names)).toEqual(['CNN', 'CBC']);
  });
  it('suggests nothing for what is nowhere near', () => {
    expect(nearest('Süddeutsche', names)).toEqual([]);
    expect(nearest('ZZ', ['CA', 'CN', 'DE', 'IN'])).toEqual([]);
    expect(nearest('', names)).toEqual([]);
  });
});
