// Stories benchmark (issue 4). Quality: pairwise precision and recall on the labelled set.
// Speed: 100,000 items over 30 days (events of 1–8 outlets built from the labelled set's
// wording), clustered incrementally, across languages as by default, with memory sampled as it
// goes; in the same run, the naive clusterer (every story compared with every item, within one
// language) on the first 20,000 items (the window fills at about 10,000), as a ratio against
// the indexed clusterer within one language. Run: npm run bench:stories
import { cpus, totalmem } from 'node:os';
import { StoryClusterer } from '../src/core/stories/story-clusterer.ts';
import type { StoryItemInput } from '../src/core/stories/story.ts';
import { labelledSet } from '../test/support/labelled-stories.ts';
import { languagePairScores } from '../test/support/cross-language-set.ts';
import { NaiveClusterer } from './support/naive-clusterer.ts';
import { defaults } from '../test/support/defaults.ts';

const ITEMS = Number(process.env.BENCH_STORY_ITEMS ?? 100_000);
const DAYS = 30;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function quality() {
  const clusterer = new StoryClusterer(defaults.stories);
  const items = labelledSet();
  const t = performance.now();
  const assigned = items.map((i) => ({
    id: i.id,
    label: i.story,
    language: i.language,
    cluster: clusterer.add({ ...i, publishedAt: new Date(i.publishedAt) }).storyKey,
  }));
  const ms = performance.now() - t;
  // In one language, as before stories spanned languages; the English-German pairs apart.
  const { same: s, cross } = languagePairScores(assigned);
  const f1 = (2 * s.precision * s.recall) / (s.precision + s.recall);
  return {
    items: items.length,
    precision: round(s.precision, 3),
    recall: round(s.recall, 3),
    f1: round(f1, 3),
    truePairs: s.truePairs,
    cross: `${cross.correctPairs} of ${cross.truePairs} English-German pairs joined, ${cross.predictedPairs - cross.correctPairs} wrongly`,
    ms: Math.round(ms),
  };
}

/** A stream of items: events reuse the labelled stories' wording with names and figures of their own. */
function* stream(count: number): Generator<StoryItemInput> {
  const byStory = new Map<string, ReturnType<typeof labelledSet>>();
  for (const i of labelledSet()) byStory.set(i.story, [...(byStory.get(i.story) ?? []), i]);
  const templates = [...byStory.values()];
  const start = Date.parse('2026-10-01T00:00:00Z');
  const span = DAYS * 86_400_000;
  let emitted = 0;
  for (let e = 0; emitted < count; e++) {
    const template = templates[e % templates.length]!;
    const base = start + Math.floor((emitted / count) * span);
    // This event's own names, figures and subject words: the template's capitalised words
    // and long words get an event suffix, numbers an offset. Short common words stay shared,
    // so events still look alike in their ordinary vocabulary.
    const rename = (text: string) => text.replace(/\b([A-Z][a-z]{3,}|[a-z]{7,})\b/g, `$1${e}`).replace(/\b(\d{2,})\b/g, (n) => String(Number(n) + e));
    for (const [k, item] of template.entries()) {
      if (emitted >= count) return;
      yield {
        id: String(emitted++),
        title: rename(item.title),
        summary: rename(item.summary),
        url: `https://${item.source}.example/${e}/${k}`,
        source: item.source,
        publishedAt: new Date(base + k * 37 * 60_000),
        language: item.language,
      };
    }
  }
}

function speed() {
  // BENCH_ACROSS_LANGUAGES=off measures the clusterer within one language, as before anchors.
  const clusterer = new StoryClusterer({ ...defaults.stories, acrossLanguages: process.env.BENCH_ACROSS_LANGUAGES !== 'off' });
  const samples: { items: number; heapMiB: number; storiesInWindow: number }[] = [];
  global.gc?.();
  const t = performance.now();
  let n = 0;
  for (const item of stream(ITEMS)) {
    clusterer.add(item);
    if (++n % (ITEMS / 4) === 0) {
      global.gc?.();
      samples.push({ items: n, heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), storiesInWindow: clusterer.size.stories });
    }
  }
  const s = (performance.now() - t) / 1000;
  return { items: n, seconds: round(s), itemsPerS: Math.round(n / s), samples };
}

function baseline(count: number) {
  // Like for like: the naive scan matches within one language, so the indexed clusterer here
  // does too (the 100,000-item figure above includes matching across languages).
  const indexed = new StoryClusterer({ ...defaults.stories, acrossLanguages: false });
  let t = performance.now();
  for (const item of stream(count)) indexed.add(item);
  const indexedPerS = count / ((performance.now() - t) / 1000);
  const naive = new NaiveClusterer();
  t = performance.now();
  for (const item of stream(count)) naive.add(item);
  const naivePerS = count / ((performance.now() - t) / 1000);
  return { items: count, indexedPerS: Math.round(indexedPerS), naivePerS: Math.round(naivePerS), ratio: round(indexedPerS / naivePerS) };
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${global.gc ? '' : ' (run with --expose-gc for exact heap samples)'}`,
);
const q = quality();
console.log(
  `quality: ${q.items} labelled items, ${q.truePairs} true pairs in one language → precision ${q.precision}, recall ${q.recall}, F1 ${q.f1} (targets 0.95 / 0.85); across languages: ${q.cross}`,
);
const sp = speed();
console.log(`speed: ${sp.items} items over ${DAYS} days in ${sp.seconds} s → ${sp.itemsPerS} items/s (target ≤ 60 s)`);
for (const m of sp.samples) console.log(`  after ${m.items} items: heap ${m.heapMiB} MiB, ${m.storiesInWindow} stories in the window`);
const b = baseline(20_000);
console.log(`baseline, first ${b.items} items: indexed ${b.indexedPerS} items/s, naive scan ${b.naivePerS} items/s → ${b.ratio}×`);
console.log(JSON.stringify({ quality: q, speed: sp, baseline: b }));
