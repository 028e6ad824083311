// A target's filters: words and phrases it mutes, outlets it mutes, and words a story must
// carry to come at all (for one category or all). One rule decides for digests, breaking
// alerts and follow-ups alike: which filter, if any, keeps a story from the reader.
import { matches, matchText, phrase, type MatchText, type Phrase } from './text-match.ts';

export type Filter =
  /** No story whose shown report says this word or phrase. */
  | { kind: 'mute'; phrase: string }
  /** Nothing from this outlet (a source id). */
  | { kind: 'muteSource'; source: string }
  /** In `category` (or every category), only stories that say one of these. */
  | { kind: 'only'; phrase: string; category?: string };

/** Filters a target may keep, and how long a word or phrase may be: a bound on every match. */
export const FILTER_LIMITS = { count: 30, length: 60, words: 8 } as const;

/** What a story shows a reader, for the filters: the report's outlet and text, and its category. */
export interface FilteredStory {
  sourceId: string | null;
  text: MatchText;
  /** The category it is shown under (a breaking story: any the reader follows). */
  categories: string[];
}

/** Filters made ready to match many stories: each phrase folded once. */
export interface CompiledFilters {
  filters: readonly Filter[];
  mutedSources: ReadonlySet<string>;
  phrases: ReadonlyMap<Filter, Phrase>;
}

const compiledCache = new WeakMap<readonly Filter[], CompiledFilters>();

export function compile(filters: readonly Filter[]): CompiledFilters {
  let c = compiledCache.get(filters);
  if (!c) {
    const phrases = new Map<Filter, Phrase>();
    for (const f of filters) if (f.kind !== 'muteSource') phrases.set(f, phrase(f.phrase));
    c = { filters, mutedSources: new Set(filters.flatMap((f) => (f.kind === 'muteSource' ? [f.source] : []))), phrases };
    compiledCache.set(filters, c);
  }
  return c;
}

/**
 * The filter that keeps this story from the reader, or undefined: a muted outlet, then a
 * muted word, then "only" words it lacks (those for its category and those for all).
 */
export function blockedBy(filters: CompiledFilters, story: FilteredStory): Filter | undefined {
  if (filters.filters.length === 0) return undefined;
  let only: Filter | undefined;
  let onlyMet = false;
  for (const f of filters.filters) {
    if (f.kind === 'muteSource') {
      if (story.sourceId === f.source) return f;
    } else if (f.kind === 'mute') {
      if (matches(story.text, filters.phrases.get(f)!)) return f;
    } else if (!f.category || story.categories.includes(f.category)) {
      only ??= f;
      if (!onlyMet && matches(story.text, filters.phrases.get(f)!)) onlyMet = true;
    }
  }
  return only && !onlyMet ? only : undefined;
}

/** A report's text as the filters read it: its headline and summary, folded and cut once per report. */
const textCache = new WeakMap<object, MatchText>();
export function reportText(report: { title: string; summary?: string | null }): MatchText {
  let t = textCache.get(report);
  if (!t) textCache.set(report, (t = matchText(`${report.title}\n${report.summary ?? ''}`)));
  return t;
}

/** The filters as one string, for keys of what composes alike. */
export const filtersKey = (filters: readonly Filter[]): string =>
  filters.map((f) => (f.kind === 'muteSource' ? `s:${f.source}` : f.kind === 'only' ? `o:${f.category ?? ''}:${f.phrase}` : `m:${f.phrase}`)).join('\u0001');
