// Times as a reader reads them: in the reader's time zone, in the interface language with the
// conventions of the reader's country ("9:18 pm IST" for English in India, "16:48 MEZ" in
// German, Arabic-Indic digits in Qatar), relative where that reads better ("2 hr ago",
// "gestern, 19:30"). CLDR through Intl does the words, digits and hour cycles; the one joint
// (a day word with a time) is a catalogue message.
import type { Locale } from './locales.ts';
import type { Messages } from './messages.ts';

/** Whose clock: the interface language, the time zone, and the country whose conventions apply. */
export interface ReaderClock {
  locale: Locale;
  timezone: string;
  /** ISO 3166 alpha-2 (any case): the reader's primary country; picks "IST" over "GMT+5:30". */
  region?: string;
}

const RELATIVE_MS = 3 * 3600_000;
const WEEK_DAYS = 6;

// Formatters are costly to make and cheap to use: one per options object (the constants
// below), locale tag and zone. A digest tick formats 10,000 times with a handful of them.
const dateFormats = new Map<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const tags = new Map<string, string>();

/** The locale tag with the reader's region, when it is a region ("en-IN"); the language alone otherwise. */
export function clockLocale(clock: Omit<ReaderClock, 'timezone'> & { timezone?: string }): string {
  const key = `${clock.locale}|${clock.region ?? ''}`;
  let tag = tags.get(key);
  if (tag === undefined) {
    const region = clock.region?.toUpperCase();
    tag = clock.locale;
    if (region && /^[A-Z]{2}$/.test(region)) {
      try {
        tag = Intl.getCanonicalLocales(`${clock.locale}-${region}`)[0]!;
      } catch {
        // not a region the runtime takes: the language alone
      }
    }
    tags.set(key, tag);
  }
  return tag;
}

function dateFormat(clock: ReaderClock, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = clockLocale(clock);
  let byTag = dateFormats.get(options);
  if (!byTag) dateFormats.set(options, (byTag = new Map()));
  const key = `${tag}|${clock.timezone}`;
  let format = byTag.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(tag, { timeZone: clock.timezone, ...options });
    } catch {
      // A zone this runtime does not know (stored before an ICU update dropped it): UTC, named.
      format = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
    }
    byTag.set(key, format);
  }
  return format;
}

function relativeFormat(clock: ReaderClock): Intl.RelativeTimeFormat {
  const tag = clockLocale(clock);
  let format = relativeFormats.get(tag);
  if (!format) relativeFormats.set(tag, (format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' })));
  return format;
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const ZONED: Intl.DateTimeFormatOptions = { ...TIME, timeZoneName: 'short' };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long', ...ZONED };
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', ...ZONED };
const DATE_YEAR: Intl.DateTimeFormatOptions = { ...DATE, year: 'numeric' };
const CALENDAR_DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', calendar: 'gregory', numberingSystem: 'latn' };
const YEAR: Intl.DateTimeFormatOptions = { year: 'numeric', numberingSystem: 'latn' };
const TIME_24: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The local calendar day of an instant in the reader's zone, as a day number (for differences). */
function dayNumber(at: Date, clock: ReaderClock): number {
  const parts = dateFormat(clock, CALENDAR_DAY).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / 86_400_000;
}

export interface StoryTimeOptions {
  /**
   * "2 hr ago" for the last three hours. Only where the text is drawn when it is read (the
   * web chat's page); a message sent later than it was composed (held through quiet hours)
   * says the time instead.
   */
  relative?: boolean;
}

/**
 * When a story happened, for this reader, seen at `now`: "25 min ago" (relative only), "9:18 pm
 * IST" today, "yesterday, 9:18 pm IST", "Monday 9:18 pm IST" within the week, "1 Dec, 9:18 pm
 * IST" before that (with the year when it is another year).
 */
export function storyTime(at: Date, now: Date, clock: ReaderClock, words: Messages, options: StoryTimeOptions = {}): string {
  const ago = now.getTime() - at.getTime();
  if (options.relative && ago >= 0 && ago < RELATIVE_MS) {
    const minutes = Math.max(1, Math.floor(ago / 60_000));
    return minutes < 60 ? relativeFormat(clock).format(-minutes, 'minute') : relativeFormat(clock).format(-Math.floor(minutes / 60), 'hour');
  }
  const days = dayNumber(now, clock) - dayNumber(at, clock);
  if (days <= 0) return dateFormat(clock, ZONED).format(at);
  if (days === 1) return words.delivery.timeOnDay({ day: relativeFormat(clock).format(-1, 'day'), time: dateFormat(clock, ZONED).format(at) });
  if (days <= WEEK_DAYS) return dateFormat(clock, WEEKDAY).format(at);
  const sameYear = dateFormat(clock, YEAR).format(at) === dateFormat(clock, YEAR).format(now);
  return dateFormat(clock, sameYear ? DATE : DATE_YEAR).format(at);
}

/**
 * A wall-clock time of day ("08:00", as stored and as readers type it) in the reader's digits,
 * on the 24-hour clock the commands take: "08:00", "٠٨:٠٠".
 */
export function timeOfDay(hhmm: string, clock: Omit<ReaderClock, 'timezone'>): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (!Number.isInteger(h) || !Number.isInteger(m)) return hhmm;
  // Any instant whose UTC wall clock is that time, shown in UTC: no zone can shift it.
  return dateFormat({ ...clock, timezone: 'UTC' }, TIME_24).format(new Date(Date.UTC(2026, 0, 1, h!, m!)));
}

/** The time on a chat message, without the zone (the page says it once): "9:18 pm". */
export function chatTime(at: Date, clock: ReaderClock): string {
  return dateFormat(clock, TIME).format(at);
}
