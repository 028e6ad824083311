// The baseline the clusterer's speed is measured against: the same terms and average-link
// score, but every story in the window is compared with every item (no inverted index).
import { extractTerms } from '../../src/core/stories/text-features.ts';

interface Story {
  sum: Map<string, number>;
  size: number;
  last: number;
  language: string;
}

export class NaiveClusterer {
  readonly #stories: Story[] = [];
  constructor(
    private readonly threshold = 0.045,
    private readonly windowMs = 72 * 3600_000,
  ) {}

  add(item: { title: string; summary: string; language: string; publishedAt: Date }): void {
    const t = item.publishedAt.getTime();
    const terms = extractTerms(item.title, item.summary, item.language);
    let norm = 0;
    for (const x of terms) norm += x.weight * x.weight;
    norm = Math.sqrt(norm) || 1;
    let best: Story | undefined;
    let bestScore = this.threshold;
    for (let i = this.#stories.length - 1; i >= 0; i--) {
      const s = this.#stories[i]!;
      if (t - s.last > this.windowMs) {
        this.#stories.splice(i, 1);
        continue;
      }
      if (s.language !== item.language) continue;
      let dot = 0;
      for (const x of terms) dot += (x.weight / norm) * (s.sum.get(x.term) ?? 0);
      const score = dot / s.size;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    const story = best ?? { sum: new Map(), size: 0, last: t, language: item.language };
    if (!best) this.#stories.push(story);
    for (const x of terms) story.sum.set(x.term, (story.sum.get(x.term) ?? 0) + x.weight / norm);
    story.size++;
    story.last = Math.max(story.last, t);
  }
}
