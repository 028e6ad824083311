// Who receives what: the ports the digest scheduler and the breaking fan-out read targets and
// stories through, and the rule that says whether a story matches a target's preferences.
import { blockedBy, compile, reportText, type Filter } from '../filters/filters.ts';
import type { Preferences, Rhythm } from '../preferences/preferences.ts';
import type { Platform, TargetKind } from '../targets/target.ts';

export interface AudienceMember {
  targetId: number;
  platform: Platform;
  kind: TargetKind;
  /** Its interface language, as stored (core/conversation/language.ts reads it). */
  locale: string;
  prefs: Preferences;
}

export interface DueSubscription {
  targetId: number;
  category: string;
  lastDigestAt: Date | null;
  /** Daily when absent (how far back its digest looks depends on it). */
  rhythm?: Rhythm;
}

export interface AudienceRepository {
  /** Active targets with breaking news on, with their preferences, `afterId` onwards (paged by id). */
  breakingAudience(afterId: number, limit: number): Promise<AudienceMember[]>;
  /** The distinct (time zone, digest time) pairs of active targets' subscriptions. */
  scheduleSlots(): Promise<{ timezone: string; digestTime: string }[]>;
  /**
   * Subscriptions of active targets due at that slot (its local time on the local `weekday`,
   * 1 = Monday, by their rhythm) not digested since `occurrence`, by target, after `afterTargetId`.
   */
  dueSubscriptions(timezone: string, digestTime: string, occurrence: Date, weekday: number, afterTargetId: number, limit: number): Promise<DueSubscription[]>;
  /** Marks every subscription due at the slot digested at `occurrence` (after all its digests are written). */
  markSlotDigested(timezone: string, digestTime: string, occurrence: Date, weekday: number): Promise<void>;
  /** Targets with their preferences. */
  members(targetIds: number[]): Promise<Map<number, AudienceMember>>;
  /** Stories folded out of breaking (over the cap) per target since `since`: the next digest carries them. */
  foldedSince(targetIds: number[], since: Date): Promise<Map<number, number[]>>;
  /** Stories sent per target since `since` as a breaking alert, and whether their follow-up was too. */
  alertedSince(targetIds: number[], since: Date): Promise<Map<number, Map<number, 'breaking' | 'followup'>>>;
}

/** One outlet's report: what a message shows of a story, headline, link and outlet together. */
export interface StoryLead {
  title: string;
  url: string;
  summary: string;
  sourceId: string | null;
  publishedAt: Date;
  /** The report's image (from its feed, or an operator's hook), when it has one. */
  imageUrl?: string | null;
}

export interface BreakingStory {
  id: number;
  headline: string;
  /** Every language it is reported in (an operator's story: its one). */
  languages: string[];
  /** Source ids of its outlets (empty for an operator's story without a source). */
  outlets: string[];
  countries: string[];
  categories: string[];
  reason: string | null;
  breakingAt: Date;
  /** The report the message shows: its headline, link and outlet together (the first to report it). */
  lead: StoryLead;
  /** The first report in each language, for readers of that language. */
  leads?: Record<string, StoryLead>;
}

export interface BreakingSource {
  /** Breaking stories whose fan-out has not been written yet, oldest first. */
  awaitingFanout(limit: number): Promise<BreakingStory[]>;
  /** Marks the story fanned out at `at`, with the outlets it had then (a follow-up names those since). */
  markFannedOut(storyId: number, at: Date, outlets: string[]): Promise<void>;
}

/**
 * Whether a breaking story is for a target: in one of its languages, from one of its sources
 * (an operator's story: about one of its countries, or the world), in a category it follows.
 */
export function storyMatches(story: BreakingStory, prefs: Preferences): boolean {
  if (!prefs.countries.some((c) => story.languages.includes(c.primaryLanguage) || c.otherLanguages.some((l) => story.languages.includes(l)))) return false;
  if (!prefs.subscriptions.some((s) => story.categories.includes(s.category))) return false;
  if (story.reason === 'operator' || story.outlets.length === 0) {
    return story.countries.includes('WORLD') || prefs.countries.some((c) => story.countries.includes(c.country));
  }
  return prefs.countries.some((c) => story.outlets.includes(c.primarySource) || c.otherSources.some((s) => story.outlets.includes(s)));
}

/**
 * The report a reader is shown of a story told in several languages: the first one in the
 * reader's primary language, then in its other languages, else the story's first report.
 */
export function leadFor(story: Pick<BreakingStory, 'lead' | 'leads'>, prefs: Preferences): StoryLead {
  if (!story.leads) return story.lead;
  for (const c of prefs.countries) {
    for (const language of [c.primaryLanguage, ...c.otherLanguages]) {
      const lead = story.leads[language];
      if (lead) return lead;
    }
  }
  return story.lead;
}

/**
 * The filter that keeps a breaking story (or its follow-up) from a reader: judged on the report
 * the reader would be shown, in the categories the reader follows; undefined when none does.
 */
export function breakingBlockedBy(story: Pick<BreakingStory, 'lead' | 'leads' | 'categories'>, prefs: Preferences): Filter | undefined {
  if (prefs.filters.length === 0) return undefined;
  const lead = leadFor(story, prefs);
  const followed = story.categories.filter((c) => prefs.subscriptions.some((s) => s.category === c));
  return blockedBy(compile(prefs.filters), { sourceId: lead.sourceId, text: reportText(lead), categories: followed });
}

/** Whether a breaking story is big enough for a reader who wants only big news (an operator's always is). */
export function bigEnough(story: Pick<BreakingStory, 'reason' | 'outlets'>, prefs: Pick<Preferences, 'breakingMinOutlets'>): boolean {
  return story.reason === 'operator' || story.outlets.length >= prefs.breakingMinOutlets;
}
