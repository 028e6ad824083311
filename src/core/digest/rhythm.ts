// A digest's rhythm on the local calendar: which local days it comes on (every day, twice a
// day, Monday to Friday, or one weekday), at which local times, when it comes next, and how far
// back it looks (a weekly digest reads the week). Days are the reader's local days, so a
// rhythm holds across daylight-saving changes as the times do (core/delivery/local-time.ts).
import { addDays, instantOf, localTime } from '../delivery/local-time.ts';
import type { CategorySubscription, Rhythm } from '../preferences/preferences.ts';

/** The ISO weekday (1 = Monday … 7 = Sunday) of a local date "YYYY-MM-DD". */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether a digest of this rhythm comes on this local date. */
export function dueOn(rhythm: Rhythm | undefined, date: string): boolean {
  if (!rhythm || rhythm.kind === 'daily' || rhythm.kind === 'twice') return true;
  const day = isoWeekday(date);
  return rhythm.kind === 'weekdays' ? day <= 5 : day === rhythm.day;
}

/** The local times a subscription's digest comes at. */
export const timesOf = (s: CategorySubscription): string[] => (s.rhythm?.kind === 'twice' ? [s.digestTime, s.rhythm.second] : [s.digestTime]);

const DAY_MS = 24 * 3600_000;

/** How far back a digest of this rhythm looks at most: a day; a weekday's, over the weekend; a week. */
export function lookbackMs(rhythm: Rhythm | undefined): number {
  if (rhythm?.kind === 'weekly') return 7 * DAY_MS;
  if (rhythm?.kind === 'weekdays') return 3 * DAY_MS;
  return DAY_MS;
}

/** When a subscription's next digest comes after `now`, in `zone`, and how many local days from today. */
export function nextDigest(s: CategorySubscription, zone: string, now: Date): { at: Date; time: string; days: number } {
  const today = localTime(now, zone).date;
  for (let days = 0; days <= 7; days++) {
    const date = addDays(today, days);
    if (!dueOn(s.rhythm, date)) continue;
    const times = timesOf(s)
      .map((time) => ({ time, at: instantOf(date, time, zone) }))
      .filter((t) => t.at.getTime() > now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    if (times[0]) return { ...times[0], days };
  }
  // Unreachable: every rhythm comes at least once a week.
  return { at: instantOf(addDays(today, 7), s.digestTime, zone), time: s.digestTime, days: 7 };
}
