// /mute, /unmute, /only and /filters: a target's filters set, listed with a button to remove
// each, and tried on the last 24 hours (/filters test) with the digest's own rule, so that
// what the dry run says is what digests do.
import { composeDigest, type DigestStory } from '../digest/digest-composer.ts';
import { filtersKey, type Filter } from '../filters/filters.ts';
import { FilterRules, unquoted } from '../preferences/filter-rules.ts';
import { errorView, view, type View } from '../message/view.ts';
import { apply } from './menus.ts';
import { categoryName, categoryNamed, sourceName, type Session } from './session.ts';

/** Headlines the dry run shows per filter: enough to recognise what it catches. */
const SHOWN_PER_FILTER = 3;

/** A filter's short name for a button's data: 8 hex digits of its FNV-1a hash. */
export function filterKey(f: Filter): string {
  let h = 0x811c9dc5;
  for (const ch of filtersKey([f])) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A filter as the reader reads it: 'Muted: "cricket"', 'Only in Sports: "football"'. */
export function filterLabel(s: Session, f: Filter): string {
  const w = s.messages.filters;
  if (f.kind === 'muteSource') return w.muteSource({ outlet: sourceName(s, f.source) });
  if (f.kind === 'mute') return w.mute({ filter: f.phrase });
  return f.category ? w.onlyIn({ filter: f.phrase, category: categoryName(s, f.category) }) : w.only({ filter: f.phrase });
}

/** /mute, /unmute and /only: the change, said back; a refusal says why. */
export function filterCommand(s: Session, command: 'mute' | 'unmute' | 'only', args: string): View {
  const rules = new FilterRules(s.catalog);
  const w = s.messages.filters;
  if (command === 'unmute') {
    const before = s.prefs.filters.length;
    return apply(s, rules.remove(s.prefs, args)) ?? view([w.removed({ count: before - s.prefs.filters.length })]);
  }
  if (command === 'mute') {
    const source = /^source\s+(.+)$/i.exec(args);
    if (source) return apply(s, rules.muteSource(s.prefs, source[1]!)) ?? view([w.mutedSource({ outlet: s.catalog.findSourceAnywhere(source[1]!)!.name })]);
    return apply(s, rules.mute(s.prefs, args)) ?? view([w.muted({ filter: unquoted(args) })]);
  }
  // "/only sports football": in Sports; "/only all football" and "/only football": in every category.
  const [first = '', ...rest] = args.split(/\s+/);
  const named = rest.length > 0 ? categoryNamed(s, first) : undefined;
  const words = named ? rest.join(' ') : args;
  const category = named && named !== s.catalog.allCategory ? named.slug : undefined;
  return (
    apply(s, rules.only(s.prefs, words, category)) ??
    view([w.onlySet({ filter: unquoted(words), category: category ? categoryName(s, category) : '', all: !category })])
  );
}

/** /filters: each filter, with a button that removes it. */
export function filtersList(s: Session): View {
  const w = s.messages.filters;
  if (s.prefs.filters.length === 0) return view([w.none], [], w.title);
  return view(
    [...s.prefs.filters.map((f) => `• ${filterLabel(s, f)}`), '', w.removeHint],
    s.prefs.filters.map((f) => [{ label: `✕ ${filterLabel(s, f)}`, action: { kind: 'unfilter' as const, key: filterKey(f) } }]),
    w.title,
  );
}

/** A remove button pressed: the filter goes, and the list shows what is left. */
export function removeFilter(s: Session, key: string): View {
  const filter = s.prefs.filters.find((f) => filterKey(f) === key);
  if (!filter) return errorView(s.msg.expired);
  return apply(s, new FilterRules(s.catalog).removeOne(s.prefs, filter)) ?? filtersList(s);
}

/**
 * /filters test: what the last 24 hours brought this target with and without its filters
 * (every story its digests would carry, uncapped), and the first headlines each filter kept out.
 */
export function filtersTest(s: Session, stories: DigestStory[]): View {
  const w = s.messages.filters;
  if (s.prefs.filters.length === 0) return view([w.testNone], [], w.testTitle);
  const all = composeDigest(s.catalog, { ...s.prefs, filters: [] }, stories, Number.MAX_SAFE_INTEGER).total;
  const caught = new Map<Filter, string[]>();
  const kept = composeDigest(s.catalog, s.prefs, stories, Number.MAX_SAFE_INTEGER, undefined, undefined, undefined, (_, headline, filter) =>
    caught.set(filter, [...(caught.get(filter) ?? []), headline]),
  ).total;
  const lines = [w.testCounts({ all, kept })];
  for (const f of s.prefs.filters) {
    // blockedBy hands back the target's own filter objects.
    const headlines = caught.get(f) ?? [];
    lines.push('', w.testDropped({ filter: filterLabel(s, f), count: headlines.length }), ...headlines.slice(0, SHOWN_PER_FILTER).map((h) => `• ${h}`));
  }
  return view(lines, [], w.testTitle);
}
