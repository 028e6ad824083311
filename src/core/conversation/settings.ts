// /settings: everything a target receives, at a glance; and when its next digests come.
import { nextDigest } from '../digest/rhythm.ts';
import { rhythmText } from './rhythm-view.ts';
import { categoryName, countryName, languageName, sourceName, timeOf, type Session } from './session.ts';

/** "today", "tomorrow" in the reader's language (Intl.RelativeTimeFormat); further off, the weekday ("Sunday"). */
const dayWord = (s: Session, days: number, at: number) =>
  days <= 1
    ? new Intl.RelativeTimeFormat(s.locale, { numeric: 'auto' }).format(days, 'day')
    : new Intl.DateTimeFormat(s.locale, { weekday: 'long', timeZone: s.prefs.timezone }).format(new Date(at));

/** Each subscription's next digest, soonest first, in the target's zone. */
function nextDigests(s: Session): { category: string; days: number; time: string; at: number }[] {
  return s.prefs.subscriptions
    .map((x) => {
      const next = nextDigest(x, s.prefs.timezone, s.now);
      return { category: x.category, days: next.days, time: next.time, at: next.at.getTime() };
    })
    .sort((a, b) => a.at - b.at);
}

/** /digest: when each category's next digest comes ("National: tomorrow at 08:00"). */
export function nextDigestLines(s: Session): string[] {
  const next = nextDigests(s);
  if (next.length === 0) return [s.msg.noDigests];
  return next.map((n) => s.msg.nextDigest({ category: categoryName(s, n.category), day: dayWord(s, n.days, n.at), time: timeOf(s, n.time) }));
}

/** After onboarding: when the first digest comes, with the categories it carries. */
export function firstDigestLine(s: Session): string {
  const [first] = nextDigests(s);
  if (!first) return s.msg.noDigests;
  const together = nextDigests(s).filter((n) => n.at === first.at);
  return s.msg.firstDigest({
    categories: together.map((n) => categoryName(s, n.category)),
    day: dayWord(s, first.days, first.at),
    time: timeOf(s, first.time),
  });
}

export function settingsLines(s: Session): string[] {
  const p = s.prefs;
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : s.msg.none);
  return [
    ...p.countries.map((c, i) =>
      s.msg.settingsCountry({
        country: countryName(s, c.country),
        primary: i === 0,
        languages: list([c.primaryLanguage, ...c.otherLanguages].map((l) => languageName(s, l))),
        sources: list([c.primarySource, ...c.otherSources].map((id) => sourceName(s, id))),
      }),
    ),
    s.msg.settingsDigests({ list: list(p.subscriptions.map((x) => `${categoryName(s, x.category)} ${rhythmText(s, x)}`)) }),
    s.msg.settingsTimezone({ timezone: p.timezone }),
    s.msg.settingsBreaking({ on: p.breaking }),
    ...(p.breaking ? [s.msg.settingsBreakingHow({ min: p.breakingMinOutlets, cap: p.breakingDailyCap ?? 0, capped: p.breakingDailyCap !== null })] : []),
    s.msg.settingsSound({ digests: p.digestSound, breaking: p.breakingSound, previews: p.linkPreviews }),
    // Threads only where there are any: a Discord server's channel.
    ...(s.target.platform === 'discord' && s.target.kind !== 'dm' ? [s.msg.settingsThreads({ on: p.breakingThreads })] : []),
    s.msg.settingsQuiet({ quiet: p.quietHours ? `${timeOf(s, p.quietHours.start)}–${timeOf(s, p.quietHours.end)}` : s.msg.none }),
  ];
}
