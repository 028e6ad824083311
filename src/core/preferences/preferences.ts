// What a target (a person, group or channel) wants to receive. Platform-free; the rules that
// change it are in preference-rules.ts, its storage behind PreferencesRepository.
import type { Filter } from '../filters/filters.ts';

/** Per chosen country: one primary language and source, and optional others. */
export interface CountryChoice {
  country: string;
  primaryLanguage: string;
  otherLanguages: string[];
  primarySource: string;
  otherSources: string[];
}

/** How often a category's digest comes: every day (the default), twice a day, on weekdays, or once a week. */
export type Rhythm =
  | { kind: 'daily' }
  /** At `digestTime` and at `second` (HH:MM). */
  | { kind: 'twice'; second: string }
  /** Monday to Friday, local time. */
  | { kind: 'weekdays' }
  /** On `day` (1 = Monday … 7 = Sunday), local time. */
  | { kind: 'weekly'; day: number };

export interface CategorySubscription {
  category: string;
  /** HH:MM in the target's time zone. */
  digestTime: string;
  /** Daily when absent. */
  rhythm?: Rhythm;
}

export interface QuietHours {
  /** HH:MM local; may wrap past midnight (22:00–07:00). */
  start: string;
  end: string;
}

export interface Preferences {
  /** The chosen countries; the first is the primary country (there is always one). */
  countries: [CountryChoice, ...CountryChoice[]];
  subscriptions: CategorySubscription[];
  /** IANA time zone of the digests and quiet hours. */
  timezone: string;
  /** Default digest time for new subscriptions, HH:MM. */
  digestTime: string;
  breaking: boolean;
  quietHours: QuietHours | null;
  /** Digests arrive with a sound (off by default: they are not urgent). */
  digestSound: boolean;
  /** Breaking alerts arrive with a sound (on by default). */
  breakingSound: boolean;
  /** A breaking alert shows its link's preview. */
  linkPreviews: boolean;
  /** Discord: a breaking alert opens a thread in the channel, where its follow-ups go. */
  breakingThreads: boolean;
  /** Only stories at least this many outlets report break here ("only big news"); 1: every one. */
  breakingMinOutlets: number;
  /** At most this many breaking alerts in 24 hours (the rest waits for the next digest); null: no limit. */
  breakingDailyCap: number | null;
  /** Muted words, phrases and outlets, and "only" words, in the order they were added. */
  filters: readonly Filter[];
}

export const DEFAULT_DIGEST_TIME = '08:00';
export const DEFAULT_CATEGORIES = ['national', 'international'];
