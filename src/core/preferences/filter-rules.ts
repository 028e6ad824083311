// The rules of a target's filters, as pure functions over the catalog: mute a word, a
// "phrase" or an outlet, keep only stories that say a word (in one category or all), remove
// one. Bounded (FILTER_LIMITS), so that no target's filters can make matching costly; a
// refusal says why in words a person can act on.
import type { Catalog } from '../catalog/catalog.ts';
import { FILTER_LIMITS, type Filter } from '../filters/filters.ts';
import { fold, phrase } from '../filters/text-match.ts';
import { ok, type Result } from '../result.ts';
import { refuse, type PreferenceError } from './preference-errors.ts';
import type { Preferences } from './preferences.ts';

type Change = Result<Preferences, PreferenceError>;

/** A word or phrase as typed, without the quotes around it: `"stock market"` → `stock market`. */
export const unquoted = (input: string) =>
  input
    .trim()
    .replace(/^["“”„«»'‘’]+|["“”„«»'‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The same filter, however it was typed (case, accents, quotes). */
export function sameFilter(a: Filter, b: Filter): boolean {
  if (a.kind === 'muteSource' || b.kind === 'muteSource') return a.kind === 'muteSource' && b.kind === 'muteSource' && a.source === b.source;
  if (a.kind !== b.kind || fold(a.phrase) !== fold(b.phrase)) return false;
  return a.kind !== 'only' || b.kind !== 'only' || a.category === b.category;
}

export class FilterRules {
  constructor(private readonly catalog: Catalog) {}

  /** Mutes a word or phrase: `cricket`, `"stock market"`. */
  mute(p: Preferences, input: string): Change {
    return this.#add(p, input, (text) => ({ kind: 'mute', phrase: text }));
  }

  /** Mutes an outlet, by its name or id. */
  muteSource(p: Preferences, input: string): Change {
    const source = this.catalog.findSourceAnywhere(input);
    if (!source) return refuse('unknownOutlet', { input });
    return this.#with(p, { kind: 'muteSource', source: source.id }, source.name);
  }

  /** Only stories that say this word or phrase, in `category` (a slug) or in every category. */
  only(p: Preferences, input: string, category?: string): Change {
    return this.#add(p, input, (text) => ({ kind: 'only', phrase: text, ...(category ? { category } : {}) }));
  }

  /**
   * Removes the filters that say this word or phrase (muted or "only"), or (`source …`) mute this
   * outlet; refused when none does.
   */
  remove(p: Preferences, input: string): Change {
    const source = /^source\s+(.+)$/i.exec(input.trim());
    const found = source ? this.catalog.findSourceAnywhere(source[1]!) : undefined;
    const wanted = fold(unquoted(input));
    const keep = p.filters.filter((f) => (f.kind === 'muteSource' ? f.source !== found?.id : fold(f.phrase) !== wanted));
    if (keep.length === p.filters.length) return refuse('filterNotFound', { input: unquoted(input) });
    return ok({ ...p, filters: keep });
  }

  /** Removes one filter (a button under /filters). */
  removeOne(p: Preferences, filter: Filter): Change {
    return ok({ ...p, filters: p.filters.filter((f) => !sameFilter(f, filter)) });
  }

  #add(p: Preferences, input: string, make: (text: string) => Filter): Change {
    const text = unquoted(input);
    if (!text || phrase(text).words.length === 0) return refuse('filterEmpty', {});
    if ([...text].length > FILTER_LIMITS.length) return refuse('filterTooLong', { max: FILTER_LIMITS.length });
    if (phrase(text).words.length > FILTER_LIMITS.words) return refuse('filterTooManyWords', { max: FILTER_LIMITS.words });
    return this.#with(p, make(text), text);
  }

  #with(p: Preferences, filter: Filter, shown: string): Change {
    if (p.filters.some((f) => sameFilter(f, filter))) return refuse('filterExists', { input: shown });
    if (p.filters.length >= FILTER_LIMITS.count) return refuse('filterTooMany', { max: FILTER_LIMITS.count });
    return ok({ ...p, filters: [...p.filters, filter] });
  }
}
