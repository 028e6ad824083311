// Incremental clustering of items into stories. Each item is compared only with candidate
// stories that share one of its distinctive terms (an inverted index), in its own language,
// within the time window; memory holds only the window. An item no story in its language
// takes may join, by its anchors (figures, countries, names across scripts), a story that has
// no report in its language yet (cross-language.ts): one event, one story, in every language. Similarity is average link: the mean
// cosine between the item and the story's items (IDF-weighted terms). Kept as the sum of the
// members' unit vectors, it costs one pass over the item's terms per candidate. The bar rises
// with the time between the item and the story, so that a second event with the same actors
// days later starts its own story. A story turns breaking once: when K distinct outlets report it
// within T minutes, or when an item comes from a breaking feed.
import { randomUUID } from 'node:crypto';
import type { Assignment, BreakingReason, PairExplanation, StoryItemInput, StoryView } from './story.ts';

export type { PairExplanation } from './story.ts';
import { AnchorIndex, type CrossLanguageOptions } from './cross-language.ts';
import { outletsWithin } from './breaking-window.ts';
import { extractTerms } from './text-features.ts';

export interface ClusterOptions {
  windowMs: number;
  /** Cosine needed to join a story reported at the same moment. */
  threshold: number;
  /** Added to the threshold per day between the item and the story's last report. */
  thresholdPerDay: number;
  breakingOutlets: number;
  breakingWindowMs: number;
  /** Stories compared in full per item, the best by shared distinctive weight. */
  maxCandidates: number;
  /**
   * Subtracted per unit of the item's weight held by names the story never mentions: a
   * report of the same event names the same people and places.
   */
  unmatchedNamePenalty: number;
  /** Joining a story in other languages by anchors alone (cross-language.ts). */
  crossLanguage: CrossLanguageOptions;
}

/** The story rules an operator sets (STORY_WINDOW_HOURS, BREAKING_OUTLETS, BREAKING_WINDOW_MINUTES, STORY_ACROSS_LANGUAGES). */
export type StoryRules = Pick<ClusterOptions, 'windowMs' | 'breakingOutlets' | 'breakingWindowMs'> & {
  /** Join reports in different languages into one story (on unless false). */
  acrossLanguages?: boolean;
};

/**
 * Threshold, its rise per day and the name penalty were tuned on the labelled set, in the
 * middle of a region where every neighbouring setting also meets the targets (bench/README.md).
 */
const TUNING: Omit<ClusterOptions, keyof StoryRules> = {
  threshold: 0.045,
  thresholdPerDay: 0.28,
  maxCandidates: 20,
  unmatchedNamePenalty: 0.04,
  // Chosen on the tuning half of the cross-language set as the lowest bar at which no pair
  // across languages was joined wrongly (bench/README.md): precision first.
  crossLanguage: { threshold: 3, minShared: 2, thresholdPerDay: 1, figureConflict: true },
};

const MIN_SHARED_TERMS = 2;

interface MemberItem {
  id: string;
  language: string;
  /** Figures, countries and names as every language writes them. */
  anchors: Map<string, number>;
  url: string;
  source: string;
  title: string;
  publishedAt: Date;
  terms: Map<string, number>;
  /** IDF-weighted unit vector, as of when the item joined. */
  unit: Map<string, number>;
  names: Set<string>;
  backlog: boolean;
}

/** A story's reports in one language: term → sum of their unit vectors, and how many. */
interface LanguageMembers {
  sum: Map<string, number>;
  n: number;
}

interface StoryState {
  key: string;
  /** Its first report's language. */
  language: string;
  /** Per language of its reports (average link = item · sum / n, within one language). */
  langs: Map<string, LanguageMembers>;
  items: MemberItem[];
  countries: Set<string>;
  categories: Set<string>;
  firstSeenAt: Date;
  lastUpdatedAt: Date;
  breakingAt: Date | null;
  breakingReason: BreakingReason | null;
}

interface LanguageIndex {
  /** Items in the window containing each term: document frequency. */
  df: Map<string, number>;
  docs: number;
  /** term → stories whose items contain it. */
  postings: Map<string, Set<StoryState>>;
}

export class StoryClusterer {
  readonly #options: ClusterOptions;
  readonly #stories = new Map<string, StoryState>();
  readonly #languages = new Map<string, LanguageIndex>();
  /** Absent when stories stay within one language. */
  readonly #anchors: AnchorIndex<StoryState> | undefined;
  #now = 0;
  #sinceEviction = 0;
  /** Items in memory, by id: adding one twice is a no-op. */
  readonly #itemStory = new Map<string, StoryState>();

  constructor(
    options: StoryRules & Partial<ClusterOptions>,
    // Random keys: a counter would hand out again a key restored after a restart.
    private readonly newKey: () => string = () => randomUUID(),
  ) {
    this.#options = { ...TUNING, ...options };
    this.#anchors = options.acrossLanguages === false ? undefined : new AnchorIndex(this.#options.crossLanguage);
  }

  get size(): { stories: number; items: number } {
    let items = 0;
    for (const s of this.#stories.values()) items += s.items.length;
    return { stories: this.#stories.size, items };
  }

  /** Places an item in the best matching story, or a new one. */
  add(input: StoryItemInput): Assignment {
    const known = this.#itemStory.get(input.id);
    if (known) return { storyKey: known.key, created: false, brokeNow: null };
    this.#advance(input.publishedAt);
    const index = this.#index(input.language);
    const item = this.#member(input);
    this.#count(index, item.terms, +1);
    item.unit = this.#unit(index, item.terms);
    const best =
      this.#bestStory(index, item, input) ??
      this.#anchors?.best(item.anchors, input.language, (s) => Math.abs(input.publishedAt.getTime() - s.lastUpdatedAt.getTime()) / 86_400_000)?.story;
    const story = best ?? this.#newStory(input);
    this.#join(index, story, item, input);
    return { storyKey: story.key, created: best === undefined, brokeNow: this.#checkBreaking(story, item, input) };
  }

  /** Puts back an item whose story is already known (a restart rebuilding the window). */
  restore(input: StoryItemInput, storyKey: string, breaking?: { at: Date; reason: BreakingReason }): void {
    if (this.#itemStory.has(input.id)) return;
    this.#advance(input.publishedAt);
    const index = this.#index(input.language);
    const item = this.#member(input);
    this.#count(index, item.terms, +1);
    item.unit = this.#unit(index, item.terms);
    let story = this.#stories.get(storyKey);
    if (!story) {
      story = this.#newStory(input, storyKey);
      if (breaking) {
        story.breakingAt = breaking.at;
        story.breakingReason = breaking.reason;
      }
    }
    this.#join(index, story, item, input);
  }

  /** Marks a story breaking by an operator's word; false when it already was, or is unknown. */
  markBreaking(storyKey: string, at: Date): boolean {
    const story = this.#stories.get(storyKey);
    if (!story || story.breakingAt) return false;
    story.breakingAt = at;
    story.breakingReason = 'operator';
    return true;
  }

  story(key: string): StoryView | undefined {
    const s = this.#stories.get(key);
    return s && this.#view(s);
  }

  stories(): StoryView[] {
    return [...this.#stories.values()].map((s) => this.#view(s));
  }

  /**
   * Why `b` would or would not join a story made of `a` alone, with the window's term weights
   * (both items counted in them when not already there): the terms they share and what each
   * adds to the cosine, the bar for their time apart, the penalty for names of `b` that `a`
   * never mentions, and the margin (joins when ≥ 0). Changes nothing.
   */
  explain(a: StoryItemInput, b: StoryItemInput): PairExplanation {
    const index = this.#index(b.language);
    const [ma, mb] = [this.#member(a), this.#member(b)];
    // Weighted as if both had arrived: counted in for the moment, counted out before returning.
    const fresh = [ma, mb].filter((m) => !this.#itemStory.has(m.id));
    for (const m of fresh) this.#count(index, m.terms, +1);
    const [ua, ub] = [this.#unit(index, ma.terms), this.#unit(index, mb.terms)];
    const shared = [...ub]
      .filter(([t]) => ua.has(t))
      .map(([term, x]) => ({ term, name: mb.names.has(term), idf: this.#idf(index, term), contribution: x * ua.get(term)! }))
      .sort((p, q) => q.contribution - p.contribution);
    const distinctive = shared.filter((s) => !this.#common(index, s.term));
    const windowItems = index.docs;
    for (const m of fresh) this.#count(index, m.terms, -1);
    const cosine = shared.reduce((n, s) => n + s.contribution, 0);
    const gapDays = Math.abs(b.publishedAt.getTime() - a.publishedAt.getTime()) / 86_400_000;
    const bar = this.#options.threshold + this.#options.thresholdPerDay * gapDays;
    const unmatched = [...mb.names].filter((n) => !ua.has(n));
    const penalty = this.#options.unmatchedNamePenalty * unmatched.reduce((n, name) => n + (ub.get(name) ?? 0) ** 2, 0);
    const languageDiffers = a.language !== b.language;
    const across = languageDiffers ? this.#anchors?.explain(ma.anchors, mb.anchors, gapDays) : undefined;
    if (across?.joins)
      return { shared, cosine, gapDays, bar, unmatchedNames: unmatched, penalty, margin: across.score - across.bar, joins: true, across, windowItems };
    const tooFewShared = distinctive.length < MIN_SHARED_TERMS;
    const margin = cosine - bar - penalty;
    return {
      ...(across ? { across } : {}),
      shared,
      cosine,
      gapDays,
      bar,
      unmatchedNames: unmatched,
      penalty,
      margin,
      joins: !languageDiffers && !tooFewShared && margin >= 0,
      ...(languageDiffers
        ? { apart: 'language' as const }
        : tooFewShared
          ? { apart: 'shared-terms' as const }
          : margin < 0
            ? { apart: 'margin' as const }
            : {}),
      windowItems,
    };
  }

  // ------------------------------------------------------------------ matching

  #bestStory(index: LanguageIndex, item: MemberItem, input: StoryItemInput): StoryState | undefined {
    // Candidates: stories sharing a distinctive term, not one that many stories carry
    // ("government", "says"). Counted in stories, not items, so that a heavily reported
    // event keeps its own words distinctive; a small window counts every term.
    const shared = new Map<StoryState, { weight: number; terms: number }>();
    const distinctiveIn = Math.max(50, this.#stories.size * 0.05);
    for (const [term, weight] of item.terms) {
      const stories = index.postings.get(term);
      if (!stories || stories.size > distinctiveIn) continue;
      if (this.#common(index, term)) continue;
      const w = weight * this.#idf(index, term);
      for (const s of stories) {
        const acc = shared.get(s);
        if (acc) {
          acc.weight += w;
          acc.terms++;
        } else shared.set(s, { weight: w, terms: 1 });
      }
    }
    // One shared name ("UN", "Qatar") is a coincidence, not an event: at least two.
    const candidates = [...shared]
      .filter(([, acc]) => acc.terms >= MIN_SHARED_TERMS)
      .sort((a, b) => b[1].weight - a[1].weight)
      .slice(0, this.#options.maxCandidates);
    let best: StoryState | undefined;
    let bestMargin = 0;
    for (const [story] of candidates) {
      const gapDays = Math.abs(input.publishedAt.getTime() - story.lastUpdatedAt.getTime()) / 86_400_000;
      const bar = this.#options.threshold + this.#options.thresholdPerDay * gapDays;
      const margin = this.#averageLink(item, story) - bar - this.#options.unmatchedNamePenalty * this.#unmatchedNames(item, story);
      if (margin >= 0 && (best === undefined || margin > bestMargin)) {
        best = story;
        bestMargin = margin;
      }
    }
    return best;
  }

  /**
   * A term most items carry is no sign of one event, however few stories hold it (a function
   * word of a language without a stopword list).
   */
  #common(index: LanguageIndex, term: string): boolean {
    return index.docs >= 50 && (index.df.get(term) ?? 0) > index.docs * 0.2;
  }

  /** Mean cosine between the item and the story's reports in its language. */
  #averageLink(item: Pick<MemberItem, 'unit' | 'language'>, story: StoryState): number {
    const members = story.langs.get(item.language);
    if (!members) return 0;
    let dot = 0;
    for (const [term, x] of item.unit) {
      const y = members.sum.get(term);
      if (y !== undefined) dot += x * y;
    }
    return dot / members.n;
  }

  /** Share of the item's (squared, unit) weight in names absent from the story's reports in its language. */
  #unmatchedNames(item: MemberItem, story: StoryState): number {
    const sum = story.langs.get(item.language)?.sum;
    let missing = 0;
    for (const name of item.names) if (!sum?.has(name)) missing += (item.unit.get(name) ?? 0) ** 2;
    return missing;
  }

  #unit(index: LanguageIndex, terms: Map<string, number>): Map<string, number> {
    const unit = new Map<string, number>();
    let norm = 0;
    for (const [term, w] of terms) {
      const x = w * this.#idf(index, term);
      unit.set(term, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, x] of unit) unit.set(term, x / norm);
    return unit;
  }

  #idf(index: LanguageIndex, term: string): number {
    return Math.log((index.docs + 1) / ((index.df.get(term) ?? 0) + 1)) + 1;
  }

  // ------------------------------------------------------------------ bookkeeping

  #member(input: StoryItemInput): MemberItem {
    const extracted = extractTerms(input.title, input.summary, input.language);
    const terms = new Map(extracted.map((t) => [t.term, t.weight]));
    const names = new Set(extracted.filter((t) => t.kind === 'name').map((t) => t.term));
    return {
      id: input.id,
      language: input.language,
      anchors: this.#anchors ? AnchorIndex.of(input.title, input.summary, input.language) : new Map(),
      url: input.url,
      source: input.source,
      title: input.title,
      publishedAt: input.publishedAt,
      terms,
      names,
      unit: new Map(),
      backlog: input.backlog ?? false,
    };
  }

  #newStory(input: StoryItemInput, key = this.newKey()): StoryState {
    const story: StoryState = {
      key,
      language: input.language,
      langs: new Map(),
      items: [],
      countries: new Set(),
      categories: new Set(),
      firstSeenAt: input.publishedAt,
      lastUpdatedAt: input.publishedAt,
      breakingAt: null,
      breakingReason: null,
    };
    this.#stories.set(key, story);
    return story;
  }

  #join(index: LanguageIndex, story: StoryState, item: MemberItem, input: StoryItemInput): void {
    story.items.push(item);
    this.#itemStory.set(item.id, story);
    this.#anchors?.add(story, item.anchors, item.language);
    let members = story.langs.get(item.language);
    if (!members) story.langs.set(item.language, (members = { sum: new Map(), n: 0 }));
    members.n++;
    for (const [term, x] of item.unit) {
      members.sum.set(term, (members.sum.get(term) ?? 0) + x);
      let set = index.postings.get(term);
      if (!set) index.postings.set(term, (set = new Set()));
      set.add(story);
    }
    for (const c of input.countries ?? []) story.countries.add(c);
    for (const c of input.categories ?? []) story.categories.add(c);
    if (input.publishedAt < story.firstSeenAt) story.firstSeenAt = input.publishedAt;
    if (input.publishedAt > story.lastUpdatedAt) story.lastUpdatedAt = input.publishedAt;
  }

  #checkBreaking(story: StoryState, item: MemberItem, input: StoryItemInput): BreakingReason | null {
    if (story.breakingAt || item.backlog) return null;
    let reason: BreakingReason | null = null;
    if (input.breakingFeed) reason = 'breaking-feed';
    else if (outletsWithin(story.items, item, this.#options.breakingWindowMs) >= this.#options.breakingOutlets) reason = 'outlets';
    if (reason) {
      story.breakingAt = item.publishedAt;
      story.breakingReason = reason;
    }
    return reason;
  }

  #count(index: LanguageIndex, terms: Map<string, number>, sign: 1 | -1): void {
    index.docs += sign;
    for (const term of terms.keys()) {
      const n = (index.df.get(term) ?? 0) + sign;
      if (n <= 0) index.df.delete(term);
      else index.df.set(term, n);
    }
  }

  /** An item leaves memory: its terms from its language's index, its anchors, its story's sums. */
  #evict(story: StoryState, item: MemberItem): void {
    const index = this.#index(item.language);
    this.#itemStory.delete(item.id);
    this.#count(index, item.terms, -1);
    this.#anchors?.remove(story, item.anchors, item.language);
    const members = story.langs.get(item.language)!;
    members.n--;
    for (const [term, x] of item.unit) {
      const rest = (members.sum.get(term) ?? 0) - x;
      if (rest > 1e-9 && members.n > 0) members.sum.set(term, rest);
      else {
        members.sum.delete(term);
        const set = index.postings.get(term);
        set?.delete(story);
        if (set?.size === 0) index.postings.delete(term);
      }
    }
    if (members.n === 0) story.langs.delete(item.language);
  }

  #index(language: string): LanguageIndex {
    let index = this.#languages.get(language);
    if (!index) this.#languages.set(language, (index = { df: new Map(), docs: 0, postings: new Map() }));
    return index;
  }

  /**
   * Stream time moves with the newest item. Items older than the window leave memory, even
   * from a story that goes on (a long-running topic); a story with none left goes too.
   */
  #advance(at: Date): void {
    this.#now = Math.max(this.#now, at.getTime());
    if (++this.#sinceEviction < 500) return;
    this.#sinceEviction = 0;
    const horizon = this.#now - this.#options.windowMs;
    for (const story of this.#stories.values()) {
      if (story.items.every((i) => i.publishedAt.getTime() >= horizon)) continue;
      const kept: MemberItem[] = [];
      for (const item of story.items) {
        if (item.publishedAt.getTime() >= horizon) {
          kept.push(item);
          continue;
        }
        this.#evict(story, item);
      }
      story.items = kept;
      if (kept.length === 0) this.#stories.delete(story.key);
    }
  }

  #view(s: StoryState): StoryView {
    const hours = Math.max((s.lastUpdatedAt.getTime() - s.firstSeenAt.getTime()) / 3600_000, 1 / 60);
    const outlets = [...new Set(s.items.map((i) => i.source))];
    return {
      key: s.key,
      headline: this.#representative(s).title,
      language: s.language,
      languages: [...s.langs.keys()],
      items: s.items.map(({ id, url, source, title, publishedAt }) => ({ id, url, source, title, publishedAt })),
      outlets,
      countries: [...s.countries],
      categories: [...s.categories],
      firstSeenAt: s.firstSeenAt,
      lastUpdatedAt: s.lastUpdatedAt,
      outletsPerHour: outlets.length <= 1 ? 0 : Math.round(((outlets.length - 1) / hours) * 100) / 100,
      breakingAt: s.breakingAt,
      breakingReason: s.breakingReason,
    };
  }

  /** The item most like the others: its headline stands for the story. */
  #representative(s: StoryState): MemberItem {
    if (s.items.length === 1) return s.items[0]!;
    let best = s.items[0]!;
    let bestScore = -1;
    for (const item of s.items) {
      const score = this.#averageLink(item, s);
      if (score > bestScore) {
        best = item;
        bestScore = score;
      }
    }
    return best;
  }
}
