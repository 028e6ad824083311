// The rules of /suggest: a public web address, not one the catalog already has, once per
// reader, and at most a few per reader a day (a reader cannot flood the operators' list).
import type { Catalog } from '../catalog/catalog.ts';
import { sameAddress } from '../catalog/coverage.ts';
import type { SuggestionRepository } from './suggestion.ts';

/** Suggestions one reader may make in any 24 hours. */
export const SUGGESTIONS_PER_DAY = 5;
const DAY_MS = 24 * 3600_000;

export type SuggestOutcome =
  | { kind: 'usage' }
  | { kind: 'invalid'; input: string }
  | { kind: 'private'; url: string }
  | { kind: 'known'; url: string; outlet: string }
  | { kind: 'again'; url: string }
  | { kind: 'decided'; url: string }
  | { kind: 'tooMany'; max: number }
  | { kind: 'recorded'; url: string };

/** The outlet whose homepage or one of whose feeds is this address. */
function knownOutlet(catalog: Catalog, key: string): string | undefined {
  return catalog.sources.find((s) => sameAddress(s.homepage) === key || s.feeds.some((f) => sameAddress(f.url) === key))?.name;
}

export async function suggest(
  input: string,
  who: { reader: string; targetId: number | null },
  deps: { catalog: Catalog; suggestions: SuggestionRepository; isPublicUrl: (url: string) => boolean; now: Date },
): Promise<SuggestOutcome> {
  const text = input.trim();
  if (!text) return { kind: 'usage' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!/^https?:\/\//i.test(withScheme) || !URL.canParse(withScheme) || /\s/.test(text)) return { kind: 'invalid', input: text };
  const url = new URL(withScheme).toString();
  if (!deps.isPublicUrl(url)) return { kind: 'private', url };
  // A public site has a dotted name ("news" alone is a word, not an address).
  if (!new URL(url).hostname.includes('.')) return { kind: 'invalid', input: text };
  const key = sameAddress(url);
  const outlet = knownOutlet(deps.catalog, key);
  if (outlet) return { kind: 'known', url, outlet };
  if (await deps.suggestions.find(key, who.reader)) return { kind: 'again', url };
  // Decided once is decided: a rejected address does not come back to the operators' list.
  if (await deps.suggestions.decision(key)) return { kind: 'decided', url };
  if ((await deps.suggestions.countSince(who.reader, new Date(deps.now.getTime() - DAY_MS))) >= SUGGESTIONS_PER_DAY)
    return { kind: 'tooMany', max: SUGGESTIONS_PER_DAY };
  await deps.suggestions.add({ url, urlKey: key, reader: who.reader, targetId: who.targetId, at: deps.now });
  // Counted again once stored: of suggestions sent at once, those past the limit take themselves back.
  if ((await deps.suggestions.countSince(who.reader, new Date(deps.now.getTime() - DAY_MS))) > SUGGESTIONS_PER_DAY) {
    await deps.suggestions.remove(key, who.reader);
    return { kind: 'tooMany', max: SUGGESTIONS_PER_DAY };
  }
  return { kind: 'recorded', url };
}
