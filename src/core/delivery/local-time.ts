// Wall-clock time in IANA time zones, without a date library: the local date and time of an
// instant, the instant of a local time (correct across DST: a time skipped by a spring-forward
// happens at the moment the clock jumps; a time repeated by a fall-back happens once, the
// first time), and quiet hours that may wrap past midnight.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
}

export function localTime(instant: Date, zone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts['hour']}:${parts['minute']}`;
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time, minutes: toMinutes(time) };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(instant: Date, zone: string): number {
  const p = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((x) => [x.type, Number(x.value)]),
  );
  const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the local clock in `zone` shows `time` on `date`. Skipped by DST →
 * the instant the clock jumps past it; shown twice → the first.
 */
export function instantOf(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  // The offset before and after the wall time; one of them (or both) gives a matching instant.
  const candidates = [offsetMs(new Date(wall - 36 * 3600_000), zone), offsetMs(new Date(wall + 36 * 3600_000), zone), offsetMs(new Date(wall), zone)]
    .map((off) => wall - off)
    .filter((t) => localTime(new Date(t), zone).time === time && localTime(new Date(t), zone).date === date)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In a spring-forward gap: the moment the clock jumps (the earlier offset gives a later
  // local time, so step back to the first instant whose local time is past the wall time).
  let t = wall - offsetMs(new Date(wall - 36 * 3600_000), zone);
  const target = toMinutes(time);
  while (localTime(new Date(t - 60_000), zone).minutes > target && localTime(new Date(t - 60_000), zone).date === date) t -= 60_000;
  return new Date(t);
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The latest occurrence of the daily local `time` at or before `now`. */
export function lastOccurrence(time: string, zone: string, now: Date): { date: string; at: Date } {
  const today = localTime(now, zone).date;
  const at = instantOf(today, time, zone);
  if (at.getTime() <= now.getTime()) return { date: today, at };
  const yesterday = addDays(today, -1);
  return { date: yesterday, at: instantOf(yesterday, time, zone) };
}

/** The next occurrence of the daily local `time` after `now`, and how many local days from today it falls. */
export function nextOccurrence(time: string, zone: string, now: Date): { date: string; at: Date; days: number } {
  const today = localTime(now, zone).date;
  const at = instantOf(today, time, zone);
  if (at.getTime() > now.getTime()) return { date: today, at, days: 0 };
  const tomorrow = addDays(today, 1);
  return { date: tomorrow, at: instantOf(tomorrow, time, zone), days: 1 };
}

export interface Quiet {
  start: string;
  end: string;
}

/** Whether `now` falls in the quiet hours (local, may wrap past midnight; start == end: never). */
export function inQuietHours(quiet: Quiet | null, zone: string, now: Date): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  const m = localTime(now, zone).minutes;
  const s = toMinutes(quiet.start);
  const e = toMinutes(quiet.end);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When the quiet hours that contain `now` end. */
export function quietEnd(quiet: Quiet, zone: string, now: Date): Date {
  const local = localTime(now, zone);
  const endToday = instantOf(local.date, quiet.end, zone);
  return endToday.getTime() > now.getTime() ? endToday : instantOf(addDays(local.date, 1), quiet.end, zone);
}
