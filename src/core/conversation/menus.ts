// The preference menus: countries, languages per country, sources per country (paged),
// categories. Each shows the current choice on its buttons (`selected`), and its buttons carry
// typed actions (core/message/action.ts).
import type { Change } from '../preferences/preference-rules.ts';
import { categoryName, countryName, languageName, sourceName, type Session } from './session.ts';
import { errorView, rows, view, type Button, type View } from '../message/view.ts';
import type { Named, PreferenceError } from '../preferences/preference-errors.ts';

/** A refused change in the session's language (the error's own message is English, for logs). */
/** A refused change in the reader's language, with the countries and languages it names named in it too. */
export function refusalText(s: Session, error: PreferenceError): string {
  const render = s.messages.preferences[error.code] as (values: Readonly<Record<string, unknown>>) => string;
  const name = (kind: Named['kind'], code: string) =>
    kind === 'language'
      ? languageName(s, code)
      : kind === 'country'
        ? countryName(s, code)
        : kind === 'category'
          ? categoryName(s, code)
          : `${countryName(s, code)} (${code})`;
  const named = Object.fromEntries(
    Object.entries(error.named).map(([param, { kind, codes }]) => [param, typeof codes === 'string' ? name(kind, codes) : codes.map((c) => name(kind, c))]),
  );
  return render({ ...error.params, ...named });
}

const PAGE = 8;

/** Applies a rule's result: the new preferences, or the refusal as an error view. */
export function apply(s: Session, change: Change): View | undefined {
  if (!change.ok) return errorView(refusalText(s, change.error));
  s.prefs = change.value;
  s.changed = true;
  return undefined;
}

/** A field of the preference screen with what is chosen in it: "Primary Country (Mandatory): India". */
const field = (s: Session, name: string, value: string) => s.msg.fields.value({ field: name, value });

export function countryMenu(s: Session, note?: string): View {
  const chosen = new Set(s.prefs.countries.map((c) => c.country));
  const primary = s.prefs.countries[0].country;
  const buttons = s.catalog.countries.map((c): Button[] => [
    { label: countryName(s, c.code), action: { kind: 'country', op: 'primary', country: c.code }, selected: c.code === primary, choice: 'one' },
    ...(c.code === primary
      ? []
      : [{ label: s.msg.other, action: { kind: 'country', op: 'toggle', country: c.code }, selected: chosen.has(c.code), choice: 'many' } as const]),
  ]);
  const others = s.prefs.countries.slice(1).map((c) => countryName(s, c.country));
  return view(
    [
      ...(note ? [note] : []),
      field(s, s.msg.fields.primaryCountry, countryName(s, primary)),
      field(s, s.msg.fields.otherCountries, others.join(', ') || s.msg.none),
      s.msg.countryMenu,
    ],
    buttons,
  );
}

export function languageMenu(s: Session, code: string, note?: string): View {
  const choice = s.prefs.countries.find((c) => c.country === code);
  const country = s.catalog.country(code);
  if (!choice || !country) return countryMenu(s);
  const only = country.languages.length === 1;
  const lines = [
    ...(note ? [note] : []),
    field(s, s.msg.fields.primaryLanguage, languageName(s, choice.primaryLanguage)),
    only ? s.msg.fields.noOtherLanguage : field(s, s.msg.fields.otherLanguages, choice.otherLanguages.map((l) => languageName(s, l)).join(', ') || s.msg.none),
    ...(only ? [] : [s.msg.languageMenu]),
  ];
  const buttons = country.languages.map((l): Button[] => [
    {
      label: languageName(s, l),
      action: { kind: 'language', country: code, change: { op: 'primary', language: l } },
      selected: l === choice.primaryLanguage,
      choice: 'one',
    },
    ...(l === choice.primaryLanguage || country.languages.length === 1
      ? []
      : [
          {
            label: s.msg.other,
            action: { kind: 'language', country: code, change: { op: 'toggle', language: l } },
            selected: choice.otherLanguages.includes(l),
            choice: 'many',
          } as const,
        ]),
  ]);
  const others = s.prefs.countries
    .filter((c) => c.country !== code)
    .map((c): Button => ({ label: countryName(s, c.country), action: { kind: 'language', country: c.country } }));
  return view(lines, [...buttons, ...rows(others, 3)], s.msg.fields.newsLanguageFor({ country: countryName(s, country.code) }));
}

export function sourceMenu(s: Session, code: string, page = 1, note?: string): View {
  const choice = s.prefs.countries.find((c) => c.country === code);
  if (!choice) return countryMenu(s);
  const sources = s.catalog.sourcesIn(code);
  const pages = Math.max(1, Math.ceil(sources.length / PAGE));
  const p = Math.min(Math.max(1, page), pages);
  const buttons = sources.slice((p - 1) * PAGE, p * PAGE).map((src): Button[] => {
    const primary = src.id === choice.primarySource;
    return [
      {
        label: src.unavailable ? s.msg.sourceUnavailableLabel({ source: src.name }) : src.name,
        action: { kind: 'source', country: code, page: p, change: { op: 'primary', source: src.id } },
        selected: primary,
        choice: 'one',
      },
      ...(primary || src.unavailable
        ? []
        : [
            {
              label: s.msg.other,
              action: { kind: 'source', country: code, page: p, change: { op: 'toggle', source: src.id } },
              selected: choice.otherSources.includes(src.id),
              choice: 'many',
            } as const,
          ]),
    ];
  });
  const nav: Button[] = [
    ...(p > 1 ? [{ label: s.msg.previous, action: { kind: 'source', country: code, page: p - 1 } } as const] : []),
    ...(p < pages ? [{ label: s.msg.next, action: { kind: 'source', country: code, page: p + 1 } } as const] : []),
  ];
  const others = s.prefs.countries
    .filter((c) => c.country !== code)
    .map((c): Button => ({ label: countryName(s, c.country), action: { kind: 'source', country: c.country, page: 1 } }));
  const lines = [
    ...(note ? [note] : []),
    field(s, s.msg.fields.primarySource, sourceName(s, choice.primarySource)),
    field(s, s.msg.fields.otherSources, choice.otherSources.map((id) => sourceName(s, id)).join(', ') || s.msg.none),
    s.msg.sourceMenu({ page: p, pages }),
    ...(sources.some((x) => x.unavailable) ? [s.msg.unavailableSources({ sources: sources.filter((x) => x.unavailable).map((x) => x.name) })] : []),
  ];
  return view(lines, [...buttons, ...(nav.length ? [nav] : []), ...rows(others, 3)], s.msg.fields.newsSourceFor({ country: countryName(s, code) }));
}

export function categoryMenu(s: Session, note?: string): View {
  const on = new Set(s.prefs.subscriptions.map((x) => x.category));
  const all = s.catalog.allCategory;
  const buttons = s.catalog.categories.map((c): Button => ({
    label: categoryName(s, c.slug),
    action: { kind: 'category', category: c.slug },
    selected: on.has(c.slug),
    choice: 'many',
  }));
  const allOn = s.catalog.categories.every((c) => on.has(c.slug));
  return view(
    [...(note ? [note] : []), on.size === 0 ? s.msg.noCategories : s.msg.categoriesMenu],
    [
      ...rows(buttons, 2),
      ...(all ? [[{ label: categoryName(s, all.slug), action: { kind: 'category', category: all.slug }, selected: allOn, choice: 'many' } as const]] : []),
    ],
  );
}
