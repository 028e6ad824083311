// The preference menus: countries, languages per country, sources per country (paged),
// categories. Each shows the current choice marked, and its buttons carry compact actions.
import type { Change } from '../preferences/preference-rules.ts';
import { countryName, languageName, sourceName, type Session } from './session.ts';
import { errorView, rows, view, type View } from './view.ts';

const PAGE = 8;

/** Applies a rule's result: the new preferences, or the refusal as an error view. */
export function apply(s: Session, change: Change): View | undefined {
  if (!change.ok) return errorView(change.error.message);
  s.prefs = change.value;
  s.changed = true;
  return undefined;
}

export function countryMenu(s: Session, note?: string): View {
  const chosen = new Set(s.prefs.countries.map((c) => c.country));
  const primary = s.prefs.countries[0].country;
  const buttons = s.catalog.countries.map((c) => [
    { label: `${c.code === primary ? '★ ' : ''}${c.name}`, action: `cty:p:${c.code}`, selected: c.code === primary },
    ...(c.code === primary ? [] : [{ label: chosen.has(c.code) ? '✔ other' : '➕ other', action: `cty:t:${c.code}`, selected: chosen.has(c.code) }]),
  ]);
  return view([...(note ? [note] : []), s.msg.countryMenu({ primary: countryName(s, primary) })], buttons);
}

export function languageMenu(s: Session, code: string, note?: string): View {
  const choice = s.prefs.countries.find((c) => c.country === code);
  const country = s.catalog.country(code);
  if (!choice || !country) return countryMenu(s);
  const lines = [...(note ? [note] : []), s.msg.languageMenu({ country: country.name, primary: languageName(s, choice.primaryLanguage) })];
  if (country.languages.length === 1) lines.push(s.msg.noOtherLanguage({ country: country.name, only: languageName(s, country.languages[0]!) }));
  const buttons = country.languages.map((l) => [
    { label: `${l === choice.primaryLanguage ? '★ ' : ''}${languageName(s, l)}`, action: `lng:${code}:p:${l}`, selected: l === choice.primaryLanguage },
    ...(l === choice.primaryLanguage || country.languages.length === 1
      ? []
      : [{ label: choice.otherLanguages.includes(l) ? '✔ other' : '➕ other', action: `lng:${code}:t:${l}`, selected: choice.otherLanguages.includes(l) }]),
  ]);
  const others = s.prefs.countries.filter((c) => c.country !== code).map((c) => ({ label: countryName(s, c.country), action: `lng:${c.country}` }));
  return view(lines, [...buttons, ...rows(others, 3)]);
}

export function sourceMenu(s: Session, code: string, page = 1, note?: string): View {
  const choice = s.prefs.countries.find((c) => c.country === code);
  if (!choice) return countryMenu(s);
  const sources = s.catalog.sourcesIn(code);
  const pages = Math.max(1, Math.ceil(sources.length / PAGE));
  const p = Math.min(Math.max(1, page), pages);
  const buttons = sources.slice((p - 1) * PAGE, p * PAGE).map((src) => {
    const primary = src.id === choice.primarySource;
    const other = choice.otherSources.includes(src.id);
    return [
      { label: `${primary ? '★' : '☆'} ${src.name}`, action: `src:${code}:p:${src.id}:${p}`, selected: primary },
      ...(primary ? [] : [{ label: other ? '✔ other' : '➕ other', action: `src:${code}:t:${src.id}:${p}`, selected: other }]),
    ];
  });
  const nav = [
    ...(p > 1 ? [{ label: s.msg.previous, action: `src:${code}:${p - 1}` }] : []),
    ...(p < pages ? [{ label: s.msg.next, action: `src:${code}:${p + 1}` }] : []),
  ];
  const others = s.prefs.countries.filter((c) => c.country !== code).map((c) => ({ label: countryName(s, c.country), action: `src:${c.country}:1` }));
  const lines = [...(note ? [note] : []), s.msg.sourceMenu({ country: countryName(s, code), primary: sourceName(s, choice.primarySource), page: p, pages })];
  return view(lines, [...buttons, ...(nav.length ? [nav] : []), ...rows(others, 3)]);
}

export function categoryMenu(s: Session, note?: string): View {
  const on = new Set(s.prefs.subscriptions.map((x) => x.category));
  const all = s.catalog.allCategory;
  const buttons = s.catalog.categories.map((c) => ({ label: `${on.has(c.slug) ? '✔' : '➕'} ${c.name}`, action: `cat:t:${c.slug}`, selected: on.has(c.slug) }));
  const allOn = s.catalog.categories.every((c) => on.has(c.slug));
  return view(
    [...(note ? [note] : []), on.size === 0 ? s.msg.noCategories : s.msg.categoriesMenu],
    [...rows(buttons, 2), ...(all ? [[{ label: `${allOn ? '✔' : '➕'} ${all.name}`, action: `cat:t:${all.slug}`, selected: allOn }]] : [])],
  );
}
