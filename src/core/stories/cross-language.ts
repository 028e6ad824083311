// Matching across languages: an item that no story in its own language takes is compared, by
// its anchors (figures, countries, names carried across scripts: anchors.ts), with the stories
// that have no report in its language yet. The bar is high and needs several distinctive
// anchors in common, for these share no wording to confirm them: two reports of different
// events may share a country or a leader, rarely a leader, a place and a figure.
import { anchorsOf, type AnchorKind } from './anchors.ts';

/** Anchors by kind: a figure says most, a country least (most items name one). */
const KIND_WEIGHT: Record<AnchorKind, number> = { number: 1.5, name: 1, country: 0.3 };

export interface CrossLanguageOptions {
  /** Sum over shared anchors of weight × relative IDF × the share of the story's reports carrying it. */
  threshold: number;
  /** Shared anchors other than countries, at least. */
  minShared: number;
  /** Added to the threshold per day between the item and the story's last report. */
  thresholdPerDay: number;
  /** Both give figures and none agree: a different event. */
  figureConflict: boolean;
}

interface StoryAnchors {
  /** anchor → members carrying it */
  counts: Map<string, number>;
  members: number;
  /** language → members in it, and those languages as one key ("de,en"). */
  languages: Map<string, number>;
  signature: string;
}

/** Why one item's report would or would not join a story of another's in a different language. */
export interface AnchorExplanation {
  shared: { key: string; contribution: number }[];
  score: number;
  bar: number;
  /** Both give figures and none agree. */
  figuresDisagree: boolean;
  joins: boolean;
}

export interface CrossMatch<S> {
  story: S;
  score: number;
  shared: string[];
}

/**
 * A Latin-script name gives two keys, its skeleton and its spelling (for pinyin), that count
 * as one between two Latin-script reports; a two-consonant skeleton ("md") is a weak sign.
 */
function nameWeight(key: string): number {
  if (key.startsWith('s:')) return key.length <= 4 ? 0.3 : 0.6;
  if (key.startsWith('p:')) return 0.4;
  return 1;
}

/** Anchors of a short report; more than this and the score is scaled down. */
const TYPICAL_ANCHORS = 15;

/** A figure, a skeleton of three consonants or more, or a pinyin spelling of two syllables or more. */
const isStrong = (key: string) => isFigure(key) || (key.startsWith('s:') && key.length >= 5) || (key.startsWith('p:') && key.length >= 8);

/** A figure other than a year (most reports of a week carry the year). */
const isFigure = (key: string) => key.startsWith('#') && !/^#(19|20)\d\d$/.test(key);

/** The anchors of the items in the window, across languages, and the stories holding them. */
export class AnchorIndex<S> {
  readonly #df = new Map<string, number>();
  #docs = 0;
  /**
   * anchor → the stories carrying it, grouped by the languages they are told in: an item looks
   * only at the groups without its own language, not at the many stories already in it.
   */
  readonly #postings = new Map<string, Map<string, Set<S>>>();
  readonly #stories = new Map<S, StoryAnchors>();

  constructor(private readonly options: CrossLanguageOptions) {}

  /** An item's anchors, weighted by kind. */
  static of(title: string, summary: string, language: string): Map<string, number> {
    return new Map(anchorsOf(title, summary, language).map((a) => [a.key, KIND_WEIGHT[a.kind] * nameWeight(a.key)]));
  }

  add(story: S, anchors: Map<string, number>, language: string): void {
    this.#docs++;
    let mine = this.#stories.get(story);
    if (!mine) this.#stories.set(story, (mine = { counts: new Map(), members: 0, languages: new Map(), signature: '' }));
    mine.members++;
    mine.languages.set(language, (mine.languages.get(language) ?? 0) + 1);
    this.#regroup(story, mine);
    for (const key of anchors.keys()) {
      this.#df.set(key, (this.#df.get(key) ?? 0) + 1);
      mine.counts.set(key, (mine.counts.get(key) ?? 0) + 1);
      this.#group(key, mine.signature).add(story);
    }
  }

  /** An item leaves the window (or its story). */
  remove(story: S, anchors: Map<string, number>, language: string): void {
    this.#docs--;
    const mine = this.#stories.get(story);
    for (const key of anchors.keys()) {
      const df = (this.#df.get(key) ?? 1) - 1;
      if (df <= 0) this.#df.delete(key);
      else this.#df.set(key, df);
      if (!mine) continue;
      const n = (mine.counts.get(key) ?? 1) - 1;
      if (n > 0) mine.counts.set(key, n);
      else {
        mine.counts.delete(key);
        this.#ungroup(key, mine.signature, story);
      }
    }
    if (!mine) return;
    mine.members--;
    const left = (mine.languages.get(language) ?? 1) - 1;
    if (left > 0) mine.languages.set(language, left);
    else mine.languages.delete(language);
    if (mine.members <= 0) this.#stories.delete(story);
    else this.#regroup(story, mine);
  }

  /** Moves a story's postings to the group of the languages it is told in now. */
  #regroup(story: S, mine: StoryAnchors): void {
    const signature = [...mine.languages.keys()].sort().join(',');
    if (signature === mine.signature) return;
    for (const key of mine.counts.keys()) {
      this.#ungroup(key, mine.signature, story);
      this.#group(key, signature).add(story);
    }
    mine.signature = signature;
  }

  #group(key: string, signature: string): Set<S> {
    let groups = this.#postings.get(key);
    if (!groups) this.#postings.set(key, (groups = new Map()));
    let set = groups.get(signature);
    if (!set) groups.set(signature, (set = new Set()));
    return set;
  }

  #ungroup(key: string, signature: string, story: S): void {
    const groups = this.#postings.get(key);
    const set = groups?.get(signature);
    set?.delete(story);
    if (set?.size === 0) groups!.delete(signature);
    if (groups?.size === 0) this.#postings.delete(key);
  }

  /**
   * Why `b` would or would not join a story made of `a` alone, with the window's anchor weights
   * (both counted in). Changes nothing.
   */
  explain(a: Map<string, number>, b: Map<string, number>, gapDays: number): AnchorExplanation {
    const df = (key: string) => (this.#df.get(key) ?? 0) + (a.has(key) ? 1 : 0) + 1;
    const docs = this.#docs + 2;
    const chance = Math.sqrt(Math.max(b.size, TYPICAL_ANCHORS) / TYPICAL_ANCHORS);
    const shared = [...b]
      .filter(([key]) => a.has(key))
      .map(([key, weight]) => ({ key, contribution: (weight * (Math.log((docs + 1) / (df(key) + 1)) + 1)) / (Math.log(docs + 1) + 1) / chance }))
      .sort((x, y) => y.contribution - x.contribution);
    const score = shared.reduce((n, s) => n + s.contribution, 0);
    const bar = this.options.threshold + this.options.thresholdPerDay * gapDays;
    const keys = shared.map((s) => s.key);
    const figuresDisagree = this.options.figureConflict && [...b.keys()].some(isFigure) && [...a.keys()].some(isFigure) && !keys.some(isFigure);
    const enough = keys.filter((k) => !k.startsWith('c:')).length >= this.options.minShared && keys.some(isStrong);
    return { shared, score, bar, figuresDisagree, joins: enough && !figuresDisagree && score >= bar };
  }

  /** The story these anchors fit best among the eligible ones, when it clears the bar. */
  /** The story not yet told in `language` these anchors fit best, when it clears the bar. */
  best(anchors: Map<string, number>, language: string, gapDays: (story: S) => number): CrossMatch<S> | undefined {
    // Candidates: stories sharing an anchor that few stories carry (a country, or a name most
    // reports give, would make every story a candidate); each is then scored on all anchors.
    const distinctiveIn = Math.max(50, this.#stories.size * 0.05);
    const candidates = new Set<S>();
    const without = new Map<string, boolean>();
    for (const key of anchors.keys()) {
      const groups = this.#postings.get(key);
      if (!groups || key.startsWith('c:')) continue;
      let size = 0;
      for (const set of groups.values()) size += set.size;
      if (size > distinctiveIn) continue;
      for (const [signature, stories] of groups) {
        let other = without.get(signature);
        if (other === undefined) without.set(signature, (other = !signature.split(',').includes(language)));
        if (other) for (const story of stories) candidates.add(story);
      }
    }
    if (candidates.size === 0) return undefined;
    const idf = new Map([...anchors.keys()].map((key) => [key, this.#idf(key)]));
    const figures = [...anchors.keys()].filter(isFigure);
    // The more anchors an item has (a long Arabic summary gives dozens), the more meet by chance.
    const chance = Math.sqrt(Math.max(anchors.size, TYPICAL_ANCHORS) / TYPICAL_ANCHORS);
    let best: CrossMatch<S> | undefined;
    for (const story of candidates) {
      const mine = this.#stories.get(story)!;
      let score = 0;
      const shared: string[] = [];
      for (const [key, weight] of anchors) {
        const n = mine.counts.get(key);
        if (!n) continue;
        score += weight * idf.get(key)! * (n / mine.members);
        shared.push(key);
      }
      score /= chance;
      if (shared.filter((k) => !k.startsWith('c:')).length < this.options.minShared) continue;
      // Short skeletons ("md") meet by chance: at least one anchor must be more than that.
      if (!shared.some(isStrong)) continue;
      if (score < this.options.threshold + this.options.thresholdPerDay * gapDays(story)) continue;
      if (this.options.figureConflict && figures.length > 0 && !shared.some(isFigure) && [...mine.counts.keys()].some(isFigure)) continue;
      if (!best || score > best.score) best = { story, score, shared };
    }
    return best;
  }

  /**
   * Relative to the rarest possible (1 for an anchor no other item has), so that the bar means
   * the same in a window of a hundred items and of a hundred thousand.
   */
  #idf(key: string): number {
    return (Math.log((this.#docs + 1) / ((this.#df.get(key) ?? 0) + 1)) + 1) / (Math.log(this.#docs + 1) + 1);
  }
}
