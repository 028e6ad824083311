// Stories on real news nobody here wrote (issue 16): the ECB+ corpus at document level, 982
// articles in 86 events, two look-alike events per topic (two celebrities entering rehab, two
// 6.1 earthquakes). The topics are split into a tuning part and a held-out part by a fixed
// seed, before any tuning, and both are reported; tune on the tuning part only. In the same
// run, the baseline NewsBlur uses: same normalised title, or an overlap coefficient of
// significant title words ≥ 0.6 with ≥ 3 words shared.
//
// The corpus's texts stay outside the repository (its licence allows measurement only): set
// HERALD_DATASETS to the folder that holds ecbplus-events/items.jsonl. Without it, this says so
// and measures nothing. Run: HERALD_DATASETS=<folder> npm run bench:events
//
// Time: 480 of the documents have no date, the rest span 2004–2013. Every document is placed
// at the same instant, so time helps neither side: only the words decide. Documents with no
// outlet ("unknown") each count as an outlet of their own.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { StoryClusterer } from '../src/core/stories/story-clusterer.ts';
import { defaults } from '../test/support/defaults.ts';
import { pairwiseScore } from '../test/support/pairwise.ts';
import { shuffled } from '../test/support/shuffle.ts';
import { bcubedScore } from './support/bcubed.ts';
import { newsBlurClusters } from './support/newsblur-baseline.ts';

interface Doc {
  title: string;
  summary: string;
  url: string;
  source: string;
  publishedAt: string | null;
  language: string;
  event: string;
}

const SEED = 2026;
const AT = new Date('2026-01-01T12:00:00Z');
const round = (x: number) => x.toFixed(3);

const folder = process.env.HERALD_DATASETS;
const file = folder ? join(resolve(folder), 'ecbplus-events', 'items.jsonl') : undefined;
if (!file || !existsSync(file)) {
  console.log(
    `events benchmark: the ECB+ set was not found${file ? ` at ${file}` : ''}. Set HERALD_DATASETS to the folder holding ecbplus-events/items.jsonl; nothing measured.`,
  );
  process.exit(0);
}

const docs = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc);
const topicOf = (d: Doc) => /^ecbplus-(t\d+)-/.exec(d.event)?.[1] ?? d.event;

const topics = shuffled([...new Set(docs.map(topicOf))].sort(), SEED);
const tuning = new Set(topics.slice(0, Math.ceil(topics.length / 2)));
const parts = {
  tuning: docs.filter((d) => tuning.has(topicOf(d))),
  'held-out': docs.filter((d) => !tuning.has(topicOf(d))),
};

function herald(part: Doc[]): string[] {
  const clusterer = new StoryClusterer(defaults.stories);
  return part.map(
    (d, i) =>
      clusterer.add({
        id: String(i),
        title: d.title,
        summary: d.summary,
        url: d.url,
        source: d.source === 'unknown' ? `unknown-${i}` : d.source,
        publishedAt: AT,
        language: d.language,
      }).storyKey,
  );
}

console.log(`events benchmark: ECB+ (${docs.length} documents, ${new Set(docs.map((d) => d.event)).size} events, ${topics.length} topics), ${file}`);
console.log(`split by topic, seed ${SEED}: tuning ${[...tuning].sort().join(' ')}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
console.log('| part | documents | events | clusterer | pairwise P / R / F1 | B-cubed P / R / F1 | clusters |');
console.log('| --- | ---: | ---: | --- | --- | --- | ---: |');
for (const [name, part] of Object.entries(parts)) {
  const labels = part.map((d) => d.event);
  for (const [who, clusters] of [
    ['Herald', herald(part)],
    [
      'baseline (NewsBlur)',
      newsBlurClusters(
        part.map((d) => d.title),
        part.map((d, i) => (d.source === 'unknown' ? `unknown-${i}` : d.source)),
      ),
    ],
  ] as const) {
    const items = part.map((_, i) => ({ id: String(i), label: labels[i]!, cluster: clusters[i]! }));
    const p = pairwiseScore(items);
    const b = bcubedScore(items);
    console.log(
      `| ${name} | ${part.length} | ${new Set(labels).size} | ${who} | ${round(p.precision)} / ${round(p.recall)} / ${round(p.f1)} | ${round(b.precision)} / ${round(b.recall)} / ${round(b.f1)} | ${new Set(clusters).size} |`,
    );
  }
}
