// A category's digest rhythm, as typed and as said: "/digest sports twice 7 19", "/digest
// business weekdays 8", "/digest special weekly sunday 10" (or "all" for every category), and
// "Sports 07:00 and 19:00", "Special Sundays 10:00" in the reader's words. Weekday names come
// from Intl in the reader's language, and are taken in English, in that language, or as 1-7.
import type { CategorySubscription, Rhythm } from '../preferences/preferences.ts';
import { errorView, view, type View } from '../message/view.ts';
import { apply } from './menus.ts';
import { categoryName, categoryNamed, timeOf, type Session } from './session.ts';

const KINDS: readonly Rhythm['kind'][] = ['daily', 'twice', 'weekdays', 'weekly'];
const ENGLISH_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A weekday's name in the reader's language (1 = Monday). */
export function weekdayName(s: Pick<Session, 'locale'>, day: number, width: 'long' | 'short' = 'long'): string {
  // 2026-01-05 was a Monday.
  return new Intl.DateTimeFormat(s.locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + day)));
}

/** A weekday as typed: "monday", "mon", the reader's own name for it ("Montag", "lundi"), or 1-7. */
export function parseDay(s: Pick<Session, 'locale'>, input: string): number | undefined {
  const typed = input.trim().toLocaleLowerCase(s.locale).replace(/\.$/, '');
  if (/^[1-7]$/.test(typed)) return Number(typed);
  for (let day = 1; day <= 7; day++) {
    const names = [ENGLISH_DAYS[day - 1]!, ENGLISH_DAYS[day - 1]!.slice(0, 3), weekdayName(s, day), weekdayName(s, day, 'short')];
    if (names.some((n) => n.toLocaleLowerCase(s.locale).replace(/\.$/, '') === typed)) return day;
  }
  return undefined;
}

/** A subscription's rhythm and time as the reader reads it: "08:00", "07:00 and 19:00", "weekdays 08:00", "Mondays 19:00". */
export function rhythmText(s: Session, sub: CategorySubscription): string {
  const time = timeOf(s, sub.digestTime);
  switch (sub.rhythm?.kind) {
    case 'twice':
      return s.msg.rhythmTwice({ time, second: timeOf(s, sub.rhythm.second) });
    case 'weekdays':
      return s.msg.rhythmWeekdays({ time });
    case 'weekly':
      return s.msg.rhythmWeekly({ day: weekdayName(s, sub.rhythm.day), time });
    default:
      return time;
  }
}

/** Whether these words ask for a rhythm: "<category> daily|twice|weekdays|weekly …". */
export const isRhythm = (words: string[]) => words.length >= 3 && KINDS.includes(words[1]!.toLowerCase() as Rhythm['kind']);

/** "/digest <category|all> <rhythm> <day?> <time> <time?>": the rhythm set, said back per category. */
export function rhythmCommand(s: Session, words: string[]): View {
  const [category = '', kindWord = '', ...rest] = words;
  const kind = kindWord.toLowerCase() as Rhythm['kind'];
  const which = categoryNamed(s, category)?.slug ?? category;
  let change;
  if (kind === 'weekly') {
    const day = parseDay(s, rest[0] ?? '');
    if (day === undefined) return errorView(s.messages.preferences.invalidDay({ input: rest[0] ?? '' }));
    change = s.rules.setRhythm(s.prefs, which, kind, rest.slice(1).join(' '), { day });
  } else if (kind === 'twice') change = s.rules.setRhythm(s.prefs, which, kind, rest[0] ?? '', { second: rest.slice(1).join(' ') });
  else change = s.rules.setRhythm(s.prefs, which, kind, rest.join(' '));
  const refused = apply(s, change);
  if (refused) return refused;
  const slugs = s.catalog.allCategory?.slug === which ? s.prefs.subscriptions.map((x) => x.category) : [s.catalog.findCategory(which)?.slug ?? which];
  return view(
    s.prefs.subscriptions
      .filter((x) => slugs.includes(x.category))
      .map((x) => s.msg.rhythmSet({ category: categoryName(s, x.category), when: rhythmText(s, x) })),
  );
}
