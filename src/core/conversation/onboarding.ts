// /start: primary country → its primary language → primary source → categories → digest
// time, then a summary. Every step has a default and can be skipped. Steps travel in the
// button actions (onboard), so no conversation state is kept between messages.
import { apply } from './menus.ts';
import { categoryName, countryName, languageName, timeOf, type Session } from './session.ts';
import { firstDigestLine, settingsLines } from './settings.ts';
import type { OnboardingStep } from '../message/action.ts';
import { rows, view, type Button, type View } from '../message/view.ts';

const TIMES = ['06:00', '07:00', '08:00', '12:00', '18:00', '20:00'];
const step = (name: OnboardingStep, label: string, value?: string, selected?: boolean): Button => ({
  label,
  action: { kind: 'onboard', step: name, ...(value !== undefined ? { value } : {}) },
  ...(selected !== undefined ? { selected } : {}),
});
const skip = (s: Session, name: OnboardingStep): Button[] => [step(name, s.msg.skip)];

export function startView(s: Session): View {
  const buttons = s.catalog.countries.map((c) => step('country', countryName(s, c.code), c.code));
  return view([s.msg.welcome, s.msg.chooseCountry], [...rows(buttons, 3), skip(s, 'country')], s.msg.fields.primaryCountry);
}

/** One onboarding step answered (`value` undefined: skipped); the next step's view. */
export function onboardingAction(s: Session, answered: OnboardingStep, a: string | undefined): View {
  const country = s.prefs.countries[0].country;
  switch (answered) {
    case 'country': {
      if (a && a !== country) {
        // The first /start chooses from nothing (defaults are replaced); a later one keeps the old primary too.
        const refused = apply(s, s.rules.setPrimaryCountry(s.prefs, a, s.isNew));
        if (refused) return refused;
        // A new primary country brings its own time zone.
        const zone = s.catalog.country(a)?.timezone;
        if (zone) apply(s, s.rules.setTimezone(s.prefs, zone));
      }
      return languageStep(s);
    }
    case 'language': {
      if (a) {
        const refused = apply(s, s.rules.setPrimaryLanguage(s.prefs, country, a));
        if (refused) return refused;
      }
      return sourceStep(s);
    }
    case 'source': {
      if (a) {
        const refused = apply(s, s.rules.setPrimarySource(s.prefs, country, a));
        if (refused) return refused;
      }
      return categoryStep(s);
    }
    case 'categories': {
      if (a === 'done') return timeStep(s);
      if (a) {
        const refused = apply(s, s.rules.toggleCategory(s.prefs, a));
        if (refused) return refused;
      }
      return categoryStep(s);
    }
    case 'time': {
      if (a) {
        const refused = apply(s, s.rules.setDigestTime(s.prefs, a));
        if (refused) return refused;
      }
      s.changed = true; // even with every step skipped, the defaults are now the target's
      return view([s.msg.onboarded, firstDigestLine(s), '', ...settingsLines(s)], [], s.msg.settingsTitle);
    }
  }
  return startView(s);
}

function languageStep(s: Session): View {
  const country = s.catalog.country(s.prefs.countries[0].country)!;
  if (country.languages.length === 1) return sourceStep(s);
  const buttons = country.languages.map((l) => step('language', languageName(s, l), l, l === s.prefs.countries[0].primaryLanguage));
  return view(
    [s.msg.fields.primaryLanguage, s.msg.chooseLanguage({ country: countryName(s, country.code) })],
    [...rows(buttons, 3), skip(s, 'language')],
    s.msg.fields.newsLanguageFor({ country: countryName(s, country.code) }),
  );
}

function sourceStep(s: Session): View {
  const choice = s.prefs.countries[0];
  const inLanguage = s.catalog.sourcesIn(choice.country).filter((src) => s.catalog.editionLanguages(src.id, choice.country).includes(choice.primaryLanguage));
  const list = (inLanguage.length > 0 ? inLanguage : s.catalog.sourcesIn(choice.country)).slice(0, 12);
  const buttons = list.map((src) => step('source', src.name, src.id, src.id === choice.primarySource));
  return view(
    [s.msg.fields.primarySource, s.msg.chooseSource({ country: countryName(s, choice.country) })],
    [...rows(buttons, 2), skip(s, 'source')],
    s.msg.fields.newsSourceFor({ country: countryName(s, choice.country) }),
  );
}

function categoryStep(s: Session): View {
  const on = new Set(s.prefs.subscriptions.map((x) => x.category));
  const buttons = s.catalog.categories.map((c): Button => ({ ...step('categories', categoryName(s, c.slug), c.slug, on.has(c.slug)), choice: 'many' }));
  return view([s.msg.chooseCategories], [...rows(buttons, 2), [step('categories', s.msg.done, 'done')]]);
}

function timeStep(s: Session): View {
  const buttons = TIMES.map((t) => step('time', timeOf(s, t), t, t === s.prefs.digestTime));
  return view([s.msg.chooseTime({ timezone: s.prefs.timezone })], [...rows(buttons, 3), skip(s, 'time')]);
}
