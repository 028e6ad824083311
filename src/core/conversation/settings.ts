// /settings: everything a target receives, at a glance.
import { categoryName, countryName, languageName, sourceName, timeOf, type Session } from './session.ts';

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
    s.msg.settingsDigests({ list: list(p.subscriptions.map((x) => `${categoryName(s, x.category)} ${timeOf(s, x.digestTime)}`)) }),
    s.msg.settingsTimezone({ timezone: p.timezone }),
    s.msg.settingsBreaking({ on: p.breaking }),
    s.msg.settingsSound({ digests: p.digestSound, breaking: p.breakingSound, previews: p.linkPreviews }),
    // Threads only where there are any: a Discord server's channel.
    ...(s.target.platform === 'discord' && s.target.kind !== 'dm' ? [s.msg.settingsThreads({ on: p.breakingThreads })] : []),
    s.msg.settingsQuiet({ quiet: p.quietHours ? `${timeOf(s, p.quietHours.start)}–${timeOf(s, p.quietHours.end)}` : s.msg.none }),
  ];
}
