// A digest: the top stories of a target's categories since a moment, from its chosen sources
// in its chosen languages, each story once with its outlets ("+3 more sources"), primary
// source first, then by number of outlets, then by recency; capped. Platform-free.
import type { Catalog } from '../catalog/catalog.ts';
import type { OutgoingMessage } from '../delivery/messenger.ts';
import type { Preferences } from '../preferences/preferences.ts';

export interface DigestStory {
  id: number;
  headline: string;
  categories: string[];
  outletCount: number;
  lastUpdatedAt: Date;
  items: { sourceId: string; languageCode: string; url: string; title: string }[];
}

export interface DigestSource {
  /** Stories updated since `since`, with their items. */
  storiesSince(since: Date, limit: number): Promise<DigestStory[]>;
}

export interface DigestEntry {
  storyId: number;
  headline: string;
  url: string;
  outlet: string;
  moreOutlets: number;
}

export interface Digest {
  sections: { category: string; name: string; entries: DigestEntry[] }[];
  total: number;
}

export const DEFAULT_DIGEST_CAP = 10;

export function composeDigest(catalog: Catalog, prefs: Preferences, stories: DigestStory[], cap = DEFAULT_DIGEST_CAP, only?: string[]): Digest {
  const sources = new Set(prefs.countries.flatMap((c) => [c.primarySource, ...c.otherSources]));
  const primary = new Set(prefs.countries.map((c) => c.primarySource));
  const languages = new Set(prefs.countries.flatMap((c) => [c.primaryLanguage, ...c.otherLanguages]));
  const wanted = prefs.subscriptions.map((s) => s.category).filter((c) => !only || only.includes(c));
  const order = catalog.categories.map((c) => c.slug);
  const candidates = stories
    .map((story) => {
      const mine = story.items.filter((i) => sources.has(i.sourceId) && languages.has(i.languageCode));
      const category = order.find((c) => wanted.includes(c) && story.categories.includes(c));
      return mine.length > 0 && category ? { story, mine, category, fromPrimary: mine.some((i) => primary.has(i.sourceId)) } : undefined;
    })
    .filter((c) => c !== undefined)
    .sort(
      (a, b) =>
        Number(b.fromPrimary) - Number(a.fromPrimary) ||
        b.story.outletCount - a.story.outletCount ||
        b.story.lastUpdatedAt.getTime() - a.story.lastUpdatedAt.getTime(),
    )
    .slice(0, cap);
  const sections = wanted
    .filter((c) => order.includes(c))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((category) => ({
      category,
      name: catalog.category(category)?.name ?? category,
      entries: candidates
        .filter((c) => c.category === category)
        .map(({ story, mine }) => {
          const lead = mine.find((i) => primary.has(i.sourceId)) ?? mine[0]!;
          return {
            storyId: story.id,
            headline: story.headline,
            url: lead.url,
            outlet: catalog.source(lead.sourceId)?.name ?? lead.sourceId,
            moreOutlets: Math.max(0, story.outletCount - 1),
          };
        }),
    }))
    .filter((s) => s.entries.length > 0);
  return { sections, total: candidates.length };
}

/** The digest as a neutral message: a section per category, a line per story and its link. */
export function digestMessage(digest: Digest, title: string, more: (n: number) => string): OutgoingMessage {
  return {
    title,
    lines: digest.sections.flatMap((s) => [
      '',
      `— ${s.name} —`,
      ...s.entries.flatMap((e) => [`• ${e.headline} (${e.outlet}${e.moreOutlets > 0 ? `, ${more(e.moreOutlets)}` : ''})`, `  ${e.url}`]),
    ]).slice(1),
  };
}
