// The cross-language labelled set (test/fixtures/stories-xl/labelled.jsonl), its split into a
// tuning part and a held-out part (by event, seed 2026, made before any tuning), and pairwise
// scores counted apart for pairs in one language and pairs across two.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledItem } from './labelled-stories.ts';
import { shuffled } from './shuffle.ts';

export const CROSS_LANGUAGE_SEED = 2026;

export function crossLanguageSet(): LabelledItem[] {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'stories-xl', 'labelled.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabelledItem)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
}

/** Half the events (every report of each) for tuning, the other half held out. */
export function crossLanguageParts(): { tuning: LabelledItem[]; heldOut: LabelledItem[] } {
  const items = crossLanguageSet();
  const labels = shuffled([...new Set(items.map((i) => i.story))].sort(), CROSS_LANGUAGE_SEED);
  const tuning = new Set(labels.slice(0, Math.ceil(labels.length / 2)));
  return { tuning: items.filter((i) => tuning.has(i.story)), heldOut: items.filter((i) => !tuning.has(i.story)) };
}

export interface PairCounts {
  precision: number;
  recall: number;
  /** Pairs that belong together; pairs put together; pairs both. */
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/** Pairwise precision and recall over pairs of items in the same language, and over pairs across languages. */
export function languagePairScores(items: { label: string; cluster: string; language: string }[]): { same: PairCounts; cross: PairCounts } {
  const counts = { same: [0, 0, 0], cross: [0, 0, 0] };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const c = counts[a.language === b.language ? 'same' : 'cross'];
      const together = a.label === b.label;
      const joined = a.cluster === b.cluster;
      if (together) c[0]!++;
      if (joined) c[1]!++;
      if (together && joined) c[2]!++;
    }
  }
  const score = ([t, p, ok]: number[]): PairCounts => ({
    precision: p === 0 ? 1 : ok! / p!,
    recall: t === 0 ? 1 : ok! / t!,
    truePairs: t!,
    predictedPairs: p!,
    correctPairs: ok!,
  });
  return { same: score(counts.same), cross: score(counts.cross) };
}
