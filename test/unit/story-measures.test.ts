// The measures the events benchmark prints: B-cubed scores, and the NewsBlur title baseline it
// compares Herald with.
import { describe, expect, it } from 'vitest';
import { bcubedScore } from '../../bench/support/bcubed.ts';
import { newsBlurClusters, significantWords } from '../../bench/support/newsblur-baseline.ts';

describe('bcubedScore', () => {
  it('scores each item by its cluster and its label', () => {
    // Labels a a b; clusters x x x: precision (2/3 + 2/3 + 1/3) / 3, recall 1.
    const s = bcubedScore([
      { label: 'a', cluster: 'x' },
      { label: 'a', cluster: 'x' },
      { label: 'b', cluster: 'x' },
    ]);
    expect(s.precision).toBeCloseTo(5 / 9);
    expect(s.recall).toBe(1);
    expect(
      bcubedScore([
        { label: 'a', cluster: 'x' },
        { label: 'a', cluster: 'y' },
      ]),
    ).toMatchObject({ precision: 1, recall: 0.5 });
  });
});

describe('the NewsBlur baseline', () => {
  it('takes significant words: no stopwords, no numbers, plurals stemmed', () => {
    expect([...significantWords('The 2 quakes hit Aceh-province, says USGS')].sort()).toEqual(['aceh', 'hit', 'province', 'quake', 'say', 'usg']);
  });

  it('joins equal titles and close rewordings from different feeds, not from one feed', () => {
    const titles = [
      'Strong earthquake hits Aceh province in Indonesia',
      'Strong earthquake hits Aceh province, Indonesia',
      'Powerful earthquake strikes Aceh province Indonesia today',
      'Strong earthquake hits Aceh province in Indonesia',
      'Tara Reid checks into rehab facility in Malibu',
      'Quake',
    ];
    const clusters = newsBlurClusters(titles, ['a', 'b', 'c', 'a', 'a', 'b']);
    expect(new Set(clusters.slice(0, 4)).size).toBe(1);
    expect(clusters[4]).not.toBe(clusters[0]);
    expect(clusters[5]).not.toBe(clusters[0]);
    // Equal titles from one feed alone stay apart.
    const same = newsBlurClusters(['Strong earthquake hits Aceh province', 'Strong earthquake hits Aceh province'], ['a', 'a']);
    expect(same[0]).not.toBe(same[1]);
  });
});
