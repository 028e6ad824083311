// One event, one story, across languages (issue 16): the cross-language labelled set
// (test/fixtures/stories-xl, 199 reports in English, Hindi, Arabic, German, Chinese and French,
// 41 events told in two to four languages, 27 look-alike singles) split by event, seed 2026,
// into a tuning half and a held-out half before any tuning. For each half: pairwise precision
// and recall over pairs across two languages and over pairs in one language, with stories
// joined across languages (Herald) and, in the same run, kept within one language (the
// baseline: STORY_ACROSS_LANGUAGES=off, as before); then recall per language pair.
// Run: npm run bench:languages
import { cpus } from 'node:os';
import { StoryClusterer } from '../src/core/stories/story-clusterer.ts';
import type { LabelledItem } from '../test/support/labelled-stories.ts';
import { CROSS_LANGUAGE_SEED, crossLanguageParts, crossLanguageSet, languagePairScores } from '../test/support/cross-language-set.ts';
import { defaults } from '../test/support/defaults.ts';

const round = (x: number) => x.toFixed(3);

function clustered(part: LabelledItem[], acrossLanguages: boolean) {
  const clusterer = new StoryClusterer({ ...defaults.stories, acrossLanguages });
  return part.map((i) => ({ label: i.story, language: i.language, cluster: clusterer.add({ ...i, publishedAt: new Date(i.publishedAt) }).storyKey }));
}

/** Pairs across languages by language pair: how many belong together, how many were joined, how many rightly. */
function byLanguagePair(items: ReturnType<typeof clustered>): string {
  const pairs = new Map<string, [number, number, number]>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i]!, items[j]!];
      if (a.language === b.language) continue;
      const key = [a.language, b.language].sort().join('–');
      const c = pairs.get(key) ?? [0, 0, 0];
      if (a.label === b.label) c[0]++;
      if (a.cluster === b.cluster) c[1]++;
      if (a.label === b.label && a.cluster === b.cluster) c[2]++;
      pairs.set(key, c);
    }
  }
  return [...pairs]
    .filter(([, [t, p]]) => t + p > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, [t, p, ok]]) => `${key} ${ok}/${t}${p > ok ? ` (${p - ok} wrong)` : ''}`)
    .join(', ');
}

const all = crossLanguageSet();
const parts = crossLanguageParts();
console.log(
  `languages benchmark: ${all.length} reports, ${new Set(all.map((i) => i.story)).size} events, split by event with seed ${CROSS_LANGUAGE_SEED}: tuning ${parts.tuning.length} reports, held-out ${parts.heldOut.length}`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
console.log('| part | stories | across languages P / R (pairs) | in one language P / R (pairs) |');
console.log('| --- | --- | --- | --- |');
const detail: string[] = [];
for (const [name, part] of [
  ['tuning', parts.tuning],
  ['held-out', parts.heldOut],
] as const) {
  for (const across of [true, false]) {
    const items = clustered(part, across);
    const { same, cross } = languagePairScores(items);
    console.log(
      `| ${name} | ${across ? 'across languages (Herald)' : 'one language (baseline)'} | ${round(cross.precision)} / ${round(cross.recall)} (${cross.truePairs}) | ${round(same.precision)} / ${round(same.recall)} (${same.truePairs}) |`,
    );
    if (across) detail.push(`${name}: ${byLanguagePair(items)}`);
  }
}
console.log('\npairs across languages joined rightly, of those that belong together:');
for (const line of detail) console.log(`- ${line}`);
