// /start: primary country → its primary language → primary source → categories → digest
// time, then a summary. Every step has a default and can be skipped. Steps travel in the
// button actions ("ob:…"), so no conversation state is kept between messages.
import { apply } from './menus.ts';
import { countryName, languageName, sourceName, type Session } from './session.ts';
import { settingsLines } from './settings.ts';
import { rows, view, type View } from './view.ts';

const TIMES = ['06:00', '07:00', '08:00', '12:00', '18:00', '20:00'];

export function startView(s: Session): View {
  const buttons = s.catalog.countries.map((c) => ({ label: c.name, action: `ob:c:${c.code}` }));
  return view([s.msg.welcome, s.msg.chooseCountry], [...rows(buttons, 3), [{ label: s.msg.skip, action: `ob:c:-` }]]);
}

export function onboardingAction(s: Session, parts: string[]): View {
  const [step, a, b] = parts;
  const country = s.prefs.countries[0].country;
  switch (step) {
    case 'c': {
      if (a && a !== '-' && a !== country) {
        const refused = apply(s, s.rules.setPrimaryCountry(s.prefs, a));
        if (refused) return refused;
        // A new primary country brings its own time zone.
        const zone = s.catalog.country(a)?.timezone;
        if (zone) apply(s, s.rules.setTimezone(s.prefs, zone));
      }
      return languageStep(s);
    }
    case 'l': {
      if (a && a !== '-') {
        const refused = apply(s, s.rules.setPrimaryLanguage(s.prefs, country, a));
        if (refused) return refused;
      }
      return sourceStep(s);
    }
    case 's': {
      if (a && a !== '-') {
        const refused = apply(s, s.rules.setPrimarySource(s.prefs, country, a));
        if (refused) return refused;
      }
      return categoryStep(s);
    }
    case 'k': {
      if (a === 'done') return timeStep(s);
      if (a) {
        const refused = apply(s, s.rules.toggleCategory(s.prefs, a));
        if (refused) return refused;
      }
      return categoryStep(s);
    }
    case 't': {
      if (a && a !== '-') {
        const refused = apply(s, s.rules.setDigestTime(s.prefs, `${a}:${b ?? '00'}`));
        if (refused) return refused;
      }
      s.changed = true; // even with every step skipped, the defaults are now the target's
      return view([s.msg.onboarded, ...settingsLines(s)], [], s.msg.settingsTitle);
    }
  }
  return startView(s);
}

function languageStep(s: Session): View {
  const country = s.catalog.country(s.prefs.countries[0].country)!;
  if (country.languages.length === 1) return sourceStep(s);
  const buttons = country.languages.map((l) => ({ label: languageName(s, l), action: `ob:l:${l}`, selected: l === s.prefs.countries[0].primaryLanguage }));
  return view([s.msg.chooseLanguage({ country: country.name })], [...rows(buttons, 3), [{ label: s.msg.skip, action: 'ob:l:-' }]]);
}

function sourceStep(s: Session): View {
  const choice = s.prefs.countries[0];
  const inLanguage = s.catalog.sourcesIn(choice.country).filter((src) => s.catalog.editionLanguages(src.id, choice.country).includes(choice.primaryLanguage));
  const list = (inLanguage.length > 0 ? inLanguage : s.catalog.sourcesIn(choice.country)).slice(0, 12);
  const buttons = list.map((src) => ({ label: src.name, action: `ob:s:${src.id}`, selected: src.id === choice.primarySource }));
  return view(
    [s.msg.chooseSource({ country: countryName(s, choice.country) }), `(${sourceName(s, choice.primarySource)})`],
    [...rows(buttons, 2), [{ label: s.msg.skip, action: 'ob:s:-' }]],
  );
}

function categoryStep(s: Session): View {
  const on = new Set(s.prefs.subscriptions.map((x) => x.category));
  const buttons = s.catalog.categories.map((c) => ({ label: `${on.has(c.slug) ? '✔' : '➕'} ${c.name}`, action: `ob:k:${c.slug}`, selected: on.has(c.slug) }));
  return view([s.msg.chooseCategories], [...rows(buttons, 2), [{ label: s.msg.done, action: 'ob:k:done' }]]);
}

function timeStep(s: Session): View {
  const buttons = TIMES.map((t) => ({ label: t, action: `ob:t:${t}`, selected: t === s.prefs.digestTime }));
  return view([s.msg.chooseTime({ timezone: s.prefs.timezone })], [...rows(buttons, 3), [{ label: s.msg.skip, action: 'ob:t:-' }]]);
}
