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

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

/** The locale tag with the reader's region, when it is a region ("en-IN"); the language alone otherwise. */
export function clockLocale(clock: ReaderClock): string {
  const region = clock.region?.toUpperCase();
  if (!region || !/^[A-Z]{2}$/.test(region)) return clock.locale;
  try {
    return Intl.getCanonicalLocales(`${clock.locale}-${region}`)[0]!;
  } catch {
    return clock.locale;
  }
}

function dateFormat(clock: ReaderClock, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = clockLocale(clock);
  const key = `d|${tag}|${clock.timezone}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(tag, { timeZone: clock.timezone, ...options });
    } catch {
      // A zone this runtime does not know (stored before an ICU update dropped it): UTC, named.
      format = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
    }
    cache.set(key, format);
  }
  return format;
}

function relativeFormat(clock: ReaderClock): Intl.RelativeTimeFormat {
  const tag = clockLocale(clock);
  const key = `r|${tag}`;
  let format = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' })));
  return format;
}

const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const ZONED: Intl.DateTimeFormatOptions = { ...TIME, timeZoneName: 'short' };

/** The local calendar day of an instant in the reader's zone, as a day number (for differences). */
function dayNumber(at: Date, clock: ReaderClock): number {
  const parts = dateFormat(clock, { year: 'numeric', month: 'numeric', day: 'numeric', calendar: 'gregory', numberingSystem: 'latn' }).formatToParts(at);
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
  if (days <= WEEK_DAYS) return dateFormat(clock, { weekday: 'long', ...ZONED }).format(at);
  const sameYear =
    dateFormat(clock, { year: 'numeric', numberingSystem: 'latn' }).format(at) === dateFormat(clock, { year: 'numeric', numberingSystem: 'latn' }).format(now);
  return dateFormat(clock, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }), ...ZONED }).format(at);
}

/**
 * A wall-clock time of day ("08:00", as stored and as readers type it) in the reader's digits,
 * on the 24-hour clock the commands take: "08:00", "٠٨:٠٠".
 */
export function timeOfDay(hhmm: string, clock: Omit<ReaderClock, 'timezone'>): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (!Number.isInteger(h) || !Number.isInteger(m)) return hhmm;
  // Any instant whose UTC wall clock is that time, shown in UTC: no zone can shift it.
  return dateFormat({ ...clock, timezone: 'UTC' }, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.UTC(2026, 0, 1, h!, m!)));
}

/** The time on a chat message, without the zone (the page says it once): "9:18 pm". */
export function chatTime(at: Date, clock: ReaderClock): string {
  return dateFormat(clock, TIME).format(at);
}

/** The reader's time zone's short name now ("IST", "MEZ", "GMT+8"). */
export function zoneName(clock: ReaderClock, at: Date): string {
  return (
    dateFormat(clock, { timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? clock.timezone
  );
}
