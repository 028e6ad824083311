// A digest: the top stories of a target's categories since a moment, from its chosen sources
// in its chosen languages, each story once with its outlets ("+3 more sources"), primary
// source first, then by number of outlets, then by recency; capped. A story the reader was
// already sent as breaking news comes again only when it has grown since, and says by how
// much; after its follow-up, not at all. The reader's filters judge each story on the report it
// would be shown (an outlet muted is never that report). Platform-free.
import type { Catalog } from '../catalog/catalog.ts';
import { newOutlets } from '../delivery/follow-ups.ts';
import { blockedBy, compile, reportText, type Filter } from '../filters/filters.ts';
import { categoryLabel, type Messages } from '../i18n/messages.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';
import type { Preferences } from '../preferences/preferences.ts';

export interface DigestStory {
  id: number;
  headline: string;
  categories: string[];
  outletCount: number;
  lastUpdatedAt: Date;
  items: { sourceId: string; languageCode: string; url: string; title: string; summary?: string; publishedAt?: Date; imageUrl?: string | null }[];
  /** The outlets it had when its breaking alert went out (absent: never fanned out). */
  alertOutlets?: string[];
}

/** What a target was already sent of each story: its breaking alert, or that and its follow-up. */
export type Alerted = ReadonlyMap<number, 'breaking' | 'followup'>;

export interface DigestSource {
  /** Stories updated since `since`, with their items. */
  storiesSince(since: Date, limit: number): Promise<DigestStory[]>;
}

export interface DigestEntry {
  storyId: number;
  headline: string;
  url: string;
  summary: string;
  outlet: string;
  moreOutlets: number;
  time: Date;
  /** The report's image, when its feed gave one. */
  imageUrl?: string;
  /** Outlets new since the reader's breaking alert of this story. */
  grownBy?: number;
}

export interface Digest {
  sections: { category: string; name: string; entries: DigestEntry[] }[];
  total: number;
}

/** Outlets a story has gained since its alert; undefined when it never had one. */
export function grownSinceAlert(story: Pick<DigestStory, 'items' | 'alertOutlets'>): number | undefined {
  if (!story.alertOutlets) return undefined;
  return newOutlets({ outlets: [...new Set(story.items.map((i) => i.sourceId))], fanoutOutlets: story.alertOutlets }).length;
}

/** A story a filter kept out of a digest, and which filter (for /filters test). */
export type Dropped = (story: DigestStory, headline: string, filter: Filter) => void;

/** A story a reader's digest may carry, with the reports it may show (the reader's sources and languages). */
export interface Candidate {
  story: DigestStory;
  mine: DigestStory['items'];
  category: string;
  grownBy?: number;
  fromPrimary: boolean;
  pinned: boolean;
}

/**
 * Every story these preferences' digest may carry, best first, before filters and the cap:
 * only the categories in `only` when given; `pinned` stories (breaking ones folded over the
 * hourly cap) first; `alerted` stories only when they have grown since, never after their
 * follow-up. Targets that differ only in their filters share this list.
 */
export function digestCandidates(
  prefs: Preferences,
  order: readonly string[],
  stories: DigestStory[],
  only?: string[],
  pinned?: ReadonlySet<number>,
  alerted?: Alerted,
): Candidate[] {
  const wantedSet = new Set(prefs.subscriptions.map((s) => s.category).filter((c) => !only || only.includes(c)));
  const of = candidateOf(prefs, pinned, alerted);
  return stories
    .map((story): Candidate | undefined => {
      // The category first: it is cheap, and it rules out most stories.
      const category = order.find((c) => wantedSet.has(c) && story.categories.includes(c));
      return category ? of(story, category) : undefined;
    })
    .filter((c) => c !== undefined)
    .sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) ||
        Number(b.fromPrimary) - Number(a.fromPrimary) ||
        b.story.outletCount - a.story.outletCount ||
        b.story.lastUpdatedAt.getTime() - a.story.lastUpdatedAt.getTime(),
    );
}

/**
 * A story as a candidate of these preferences' digest, shown under `category`; undefined when
 * it has no report in the reader's sources and languages, or was already sent as breaking news
 * (and has not grown since, or had its follow-up).
 */
export function candidateOf(prefs: Preferences, pinned?: ReadonlySet<number>, alerted?: Alerted) {
  const sources = new Set(prefs.countries.flatMap((c) => [c.primarySource, ...c.otherSources]));
  const primary = new Set(prefs.countries.map((c) => c.primarySource));
  const languages = new Set(prefs.countries.flatMap((c) => [c.primaryLanguage, ...c.otherLanguages]));
  return (story: DigestStory, category: string): Candidate | undefined => {
    const sent = alerted?.get(story.id);
    const grownBy = sent ? grownSinceAlert(story) : undefined;
    if (sent === 'followup' || (sent && !grownBy)) return undefined;
    const mine = story.items.filter((i) => sources.has(i.sourceId) && languages.has(i.languageCode));
    if (mine.length === 0) return undefined;
    return {
      story,
      mine,
      category,
      ...(grownBy ? { grownBy } : {}),
      fromPrimary: mine.some((i) => primary.has(i.sourceId)),
      pinned: pinned?.has(story.id) ?? false,
    };
  };
}

/**
 * The digest of these candidates (best first) for these preferences: the first `cap` that the
 * reader's filters let through (each one kept out told to `dropped`), each shown by one report
 * (headline, link, summary and outlet together), never a muted outlet's. `exhausted` says
 * whether every candidate was looked at.
 */
export function pickDigest(
  catalog: Catalog,
  prefs: Preferences,
  candidates: Iterable<Candidate>,
  cap: number,
  only?: string[],
  dropped?: Dropped,
): Digest & { exhausted: boolean } {
  const primary = new Set(prefs.countries.map((c) => c.primarySource));
  const filters = prefs.filters.length > 0 ? compile(prefs.filters) : undefined;
  const picked: { c: Candidate; lead: DigestStory['items'][number] }[] = [];
  let exhausted = true;
  for (const c of candidates) {
    if (picked.length >= cap) {
      exhausted = false;
      break;
    }
    // A muted outlet's report is never the one shown; the story is judged on the one that is.
    const kept = filters ? c.mine.filter((r) => !filters.mutedSources.has(r.sourceId)) : c.mine;
    const lead = kept.find((r) => primary.has(r.sourceId)) ?? kept[0] ?? c.mine[0]!;
    if (filters) {
      const filter = blockedBy(filters, { sourceId: lead.sourceId, text: reportText(lead), categories: [c.category] });
      if (filter) {
        dropped?.(c.story, lead.title, filter);
        continue;
      }
    }
    picked.push({ c, lead });
  }
  const order = catalog.categories.map((c) => c.slug);
  const sections = prefs.subscriptions
    .map((s) => s.category)
    .filter((c) => (!only || only.includes(c)) && order.includes(c))
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((category) => ({
      category,
      name: catalog.category(category)?.name ?? category,
      entries: picked
        .filter((p) => p.c.category === category)
        .map(({ c: { story, grownBy }, lead }) => ({
          storyId: story.id,
          headline: lead.title,
          url: lead.url,
          summary: lead.summary ?? '',
          outlet: catalog.source(lead.sourceId)?.name ?? lead.sourceId,
          ...(lead.imageUrl ? { imageUrl: lead.imageUrl } : {}),
          moreOutlets: Math.max(0, story.outletCount - 1),
          time: story.lastUpdatedAt,
          ...(grownBy ? { grownBy } : {}),
        })),
    }))
    .filter((s) => s.entries.length > 0);
  return { sections, total: picked.length, exhausted };
}

/**
 * The digest of `stories` for these preferences (digestCandidates, then pickDigest): at most
 * `cap` stories, best first, none that the reader's filters keep out.
 */
export function composeDigest(
  catalog: Catalog,
  prefs: Preferences,
  stories: DigestStory[],
  cap: number,
  only?: string[],
  pinned?: ReadonlySet<number>,
  alerted?: Alerted,
  dropped?: Dropped,
): Digest {
  const candidates = digestCandidates(
    prefs,
    catalog.categories.map((c) => c.slug),
    stories,
    only,
    pinned,
    alerted,
  );
  const { sections, total } = pickDigest(catalog, prefs, candidates, cap, only, dropped);
  return { sections, total };
}

/** The digest with its sections named in these messages' language. */
export function inLanguage(digest: Digest, words: Messages): Digest {
  return { ...digest, sections: digest.sections.map((s) => ({ ...s, name: categoryLabel(words, s.category, s.name) })) };
}

/**
 * The digest as a neutral message: as text, a section per category and a line per story with
 * its outlets, its time (`time`: the reader's local time) and its link; as cards, one per
 * story with its section. Silent unless the reader asked for a sound (`silent`).
 */
export function digestMessage(digest: Digest, title: string, words: Messages['conversation'], time: (at: Date) => string, silent = true): OutgoingMessage {
  const hint = (e: DigestEntry) => (e.moreOutlets > 0 ? words.coverageHint({ id: e.storyId }) : undefined);
  const note = (e: DigestEntry) => (e.grownBy ? words.grownSinceAlert({ count: e.grownBy }) : undefined);
  return {
    title,
    ...(silent ? { silent } : {}),
    lines: digest.sections
      .flatMap((s) => [
        '',
        `— ${s.name} —`,
        ...s.entries.flatMap((e) => [
          `• ${e.headline} (${[e.outlet, e.moreOutlets > 0 ? words.moreSources({ count: e.moreOutlets }) : '', time(e.time), note(e) ?? '', hint(e) ?? ''].filter(Boolean).join(', ')})`,
          `  ${e.url}`,
        ]),
      ])
      .slice(1),
    cards: digest.sections.flatMap((s) =>
      s.entries.map((e) => ({
        headline: e.headline,
        url: e.url,
        ...(e.summary ? { summary: e.summary } : {}),
        outlet: e.outlet,
        moreOutlets: e.moreOutlets,
        ...(e.moreOutlets > 0 ? { more: words.moreSources({ count: e.moreOutlets }) } : {}),
        time: e.time,
        when: time(e.time),
        ...(e.imageUrl ? { imageUrl: e.imageUrl } : {}),
        category: s.category,
        section: s.name,
        storyId: e.storyId,
        ...(hint(e) ? { coverage: hint(e)! } : {}),
        ...(note(e) ? { note: note(e)! } : {}),
      })),
    ),
  };
}
