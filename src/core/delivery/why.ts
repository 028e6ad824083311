// /why: whether a story reached a target, and how; or what stopped it. Worked out from what
// the outbox holds for the target and from the same rules that decide delivery (storyMatches,
// bigEnough, breakingBlockedBy, the digest's filters), not from a second copy of them.
import type { Filter } from '../filters/filters.ts';
import type { Preferences } from '../preferences/preferences.ts';
import { bigEnough, breakingBlockedBy, storyMatches, type BreakingStory } from './audience.ts';

/** A story as /why reads it: what the fan-out would, and whether and when it broke. */
export interface WhyStory extends Omit<BreakingStory, 'breakingAt'> {
  breakingAt: Date | null;
  firstSeenAt: Date;
}

/** One of the target's outbox rows that carried (or was to carry) the story. */
export interface WhyRow {
  kind: 'digest' | 'breaking' | 'followup' | 'notice';
  /** The news held through quiet hours, sent as one message when they ended. */
  heldNews: boolean;
  /** pending | sending | sent | held | folded | merged | dead */
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  /** When a held row is due (the end of quiet hours). */
  nextAttemptAt: Date;
  lastError: string | null;
}

export interface WhySource {
  /** A story by its number, or by the link of one of its reports. */
  story(idOrUrl: string): Promise<WhyStory | null>;
  /** The target's rows whose message carries the story (its alert, its follow-up, a digest, held news). */
  rows(targetId: number, story: WhyStory): Promise<WhyRow[]>;
}

export type Why =
  | { kind: 'delivered'; as: 'breaking' | 'followup' | 'digest' | 'held'; at: Date }
  | { kind: 'waiting'; as: WhyRow['kind'] }
  | { kind: 'held'; until: Date }
  | { kind: 'folded' }
  | { kind: 'failed'; error: string }
  | { kind: 'category'; categories: string[] }
  | { kind: 'language'; languages: string[] }
  | { kind: 'outlet'; outlets: string[] }
  | { kind: 'filter'; filter: Filter }
  | { kind: 'breakingOff' }
  | { kind: 'tooSmall'; outlets: number; wanted: number }
  | { kind: 'neverBroke' }
  | { kind: 'notYet' }
  | { kind: 'noPreferences' };

const ORDER: Record<string, number> = { sent: 0, sending: 1, pending: 2, held: 3, folded: 4, dead: 5, merged: 6 };

/**
 * What happened to `story` for a target with these preferences (null: it chose nothing yet),
 * given the rows that carried it: the first delivery, else what is under way, else the first
 * rule that keeps it out.
 */
export function explain(story: WhyStory, prefs: Preferences | null, rows: WhyRow[]): Why {
  const ordered = [...rows].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.createdAt.getTime() - b.createdAt.getTime());
  const first = ordered[0];
  if (first?.status === 'sent')
    return { kind: 'delivered', as: first.heldNews || first.kind === 'notice' ? 'held' : first.kind, at: first.sentAt ?? first.createdAt };
  if (first?.status === 'held') return { kind: 'held', until: first.nextAttemptAt };
  if (first && (first.status === 'pending' || first.status === 'sending')) return { kind: 'waiting', as: first.kind };
  if (first?.status === 'folded') return { kind: 'folded' };
  if (first?.status === 'dead') return { kind: 'failed', error: first.lastError ?? '' };
  if (!prefs) return { kind: 'noPreferences' };
  // Nothing carried it: the first rule that keeps it out, in the order a reader can act on.
  const followed = story.categories.filter((c) => prefs.subscriptions.some((s) => s.category === c));
  if (followed.length === 0) return { kind: 'category', categories: story.categories };
  const languages = prefs.countries.flatMap((c) => [c.primaryLanguage, ...c.otherLanguages]);
  if (!story.languages.some((l) => languages.includes(l))) return { kind: 'language', languages: story.languages };
  if (!storyMatches(story as BreakingStory, prefs)) return { kind: 'outlet', outlets: story.outlets };
  // Judged on the report the reader would be shown, as the fan-out judges it.
  const filter = breakingBlockedBy(story, prefs);
  if (filter) return { kind: 'filter', filter };
  if (story.breakingAt) {
    if (!prefs.breaking) return { kind: 'breakingOff' };
    if (!bigEnough(story, prefs)) return { kind: 'tooSmall', outlets: story.outlets.length, wanted: prefs.breakingMinOutlets };
    // It broke and matches, yet no alert: it broke before this target chose it, or its fan-out is still to come.
    return { kind: 'notYet' };
  }
  return { kind: 'neverBroke' };
}
