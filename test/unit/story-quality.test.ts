// Clustering quality on the labelled set (test/fixtures/stories: 338 items, 58 events reported
// by several outlets, one of them in English and German, 25 groups of distractors that share
// names and places). Fails when pairwise precision or recall drops below the targets.
import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../src/core/stories/story-clusterer.ts';
import { labelledSet } from '../support/labelled-stories.ts';
import { languagePairScores } from '../support/cross-language-set.ts';
import { pairwiseScore } from '../support/pairwise.ts';
import { defaults } from '../support/defaults.ts';

describe('story clustering quality', () => {
  const items = labelledSet();
  const clusterer = new StoryClusterer(defaults.stories);
  const assigned = items.map((i) => ({
    id: i.id,
    label: i.story,
    language: i.language,
    cluster: clusterer.add({ ...i, publishedAt: new Date(i.publishedAt) }).storyKey,
  }));

  it('meets pairwise precision ≥ 0.95 and recall ≥ 0.85 on pairs in one language, as before stories spanned languages', () => {
    const score = languagePairScores(assigned).same;
    expect(score.truePairs).toBe(549);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.85);
    expect(pairwiseScore(assigned).truePairs).toBe(574); // and 25 across English and German
  });

  it('joins the German reports of the Lufthansa strike to the English story, and no other story across languages', () => {
    const byId = new Map(items.map((i) => [i.id, i]));
    const mixed = clusterer.stories().filter((s) => s.languages.length > 1);
    expect(mixed.length).toBeGreaterThan(0);
    for (const story of mixed) {
      expect(new Set(story.items.map((i) => byId.get(i.id)!.story))).toEqual(new Set(['s013']));
      expect(story.languages.sort()).toEqual(['de', 'en']);
    }
  });

  it('keeps every story within one language with STORY_ACROSS_LANGUAGES=off', () => {
    const apart = new StoryClusterer({ ...defaults.stories, acrossLanguages: false });
    for (const i of items) apart.add({ ...i, publishedAt: new Date(i.publishedAt) });
    for (const story of apart.stories()) expect(story.languages).toEqual([story.language]);
  });
});
