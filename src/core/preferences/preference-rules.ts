// The rules of the preference screen Herald grew out of, as pure functions over the catalog:
// one primary country (mandatory) and others; per chosen country one primary language and
// others from what that country offers, one primary source and others from that country's
// sources; category subscriptions, time zone, digest time, breaking, quiet hours. A refused
// change says why, in words a person can act on. Inputs are what a person types: codes or
// names ("IN", "India"; "hi", "Hindi"; "ndtv", "NDTV").
import type { Catalog, Country, Source } from '../catalog/catalog.ts';
import { isTimeZone } from '../catalog/iso-codes.ts';
import { ok, type Result } from '../result.ts';
import { countryCode, languageCode, refuse, type PreferenceError } from './preference-errors.ts';
import { DEFAULT_CATEGORIES, DEFAULT_DIGEST_TIME, type CountryChoice, type Preferences, type QuietHours, type Rhythm } from './preferences.ts';

export type Change = Result<Preferences, PreferenceError>;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** An outlet the catalog lists but Herald cannot read, refused with why and since when (mid-month, so no zone moves the month). */
const unavailable = (source: Source) =>
  refuse('sourceUnavailable', {
    source: source.name,
    reason: source.unavailable!.reason,
    since: Date.parse(`${source.unavailable!.since.slice(0, 7)}-15T12:00:00Z`),
  });

/**
 * A time of day as people type it → "HH:MM": "7", "7:00", "07:30", "7.30", "19h", "7pm",
 * "7:30 pm", "12am" (midnight), "12 pm" (noon); anything else → undefined.
 */
export function parseTimeOfDay(input: string): string | undefined {
  const m = /^(\d{1,2})(?:[:.h](\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(input.trim());
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ?? '00';
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  const time = `${String(hour).padStart(2, '0')}:${minute}`;
  return TIME.test(time) ? time : undefined;
}

export class PreferenceRules {
  constructor(private readonly catalog: Catalog) {}

  /** What a new target starts with: a country's defaults, or the catalog's first country. */
  initial(countryCode?: string): Preferences {
    const country = (countryCode && this.catalog.country(countryCode)) || this.catalog.countries[0]!;
    const known = DEFAULT_CATEGORIES.filter((c) => this.catalog.category(c));
    const categories = known.length > 0 ? known : this.catalog.categories.slice(0, 1).map((c) => c.slug);
    return {
      countries: [this.defaultChoice(country)],
      subscriptions: categories.map((category) => ({ category, digestTime: DEFAULT_DIGEST_TIME })),
      timezone: country.timezone ?? 'UTC',
      digestTime: DEFAULT_DIGEST_TIME,
      breaking: true,
      quietHours: null,
      digestSound: false,
      breakingSound: true,
      linkPreviews: true,
      breakingThreads: false,
      breakingMinOutlets: 1,
      breakingDailyCap: null,
      filters: [],
    };
  }

  /** A country's own defaults: its primary language, and its first source in that language. */
  defaultChoice(country: Country): CountryChoice {
    // An outlet with no feed is never a default: its reader would get nothing.
    const listed = this.catalog.sourcesIn(country.code);
    const sources = listed.some((s) => !s.unavailable) ? listed.filter((s) => !s.unavailable) : listed;
    const inLanguage = sources.find((s) => this.catalog.editionLanguages(s.id, country.code).includes(country.primaryLanguage));
    return {
      country: country.code,
      primaryLanguage: country.primaryLanguage,
      otherLanguages: [],
      primarySource: (inLanguage ?? sources[0])!.id,
      otherSources: [],
    };
  }

  // ------------------------------------------------------------------ countries

  /**
   * Makes a country the primary one. A country already among the others keeps its choices; the
   * old primary stays among the others with its languages and sources (a reader who moves
   * keeps the news of home), unless `replace` (a new target's defaults were never chosen).
   */
  setPrimaryCountry(p: Preferences, input: string, replace = false): Change {
    const country = this.catalog.findCountry(input);
    if (!country) return this.unknownCountry(input);
    const [primary, ...others] = p.countries;
    // A new target confirming the default country makes it its own.
    if (primary.country === country.code)
      return replace ? ok(p) : refuse('countryAlreadyPrimary', { country: country.name }, { country: countryCode(country.code) });
    const existing = others.find((c) => c.country === country.code) ?? this.defaultChoice(country);
    const rest = others.filter((c) => c.country !== country.code);
    return ok({ ...p, countries: [existing, ...(replace ? [] : [primary]), ...rest] });
  }

  addCountry(p: Preferences, input: string): Change {
    const country = this.catalog.findCountry(input);
    if (!country) return this.unknownCountry(input);
    if (p.countries.some((c) => c.country === country.code))
      return refuse('countryAlreadyChosen', { country: country.name }, { country: countryCode(country.code) });
    return ok({ ...p, countries: [...p.countries, this.defaultChoice(country)] });
  }

  removeCountry(p: Preferences, input: string): Change {
    const country = this.catalog.findCountry(input);
    if (!country) return this.unknownCountry(input);
    if (p.countries[0].country === country.code) return refuse('cannotRemovePrimaryCountry', { country: country.name }, { country: countryCode(country.code) });
    if (!p.countries.some((c) => c.country === country.code))
      return refuse('countryNotChosen', { country: country.name, chosen: this.countryNames(p) }, this.namedChosen(country.code, p));
    const [primary, ...others] = p.countries;
    return ok({ ...p, countries: [primary, ...others.filter((c) => c.country !== country.code)] });
  }

  // ------------------------------------------------------------------ languages

  setPrimaryLanguage(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      const language = this.offeredLanguage(country, input);
      if (!language.ok) return language;
      return ok({
        ...choice,
        primaryLanguage: language.value,
        otherLanguages: choice.otherLanguages.filter((l) => l !== language.value),
      });
    });
  }

  addLanguage(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      if (country.languages.length === 1)
        return refuse(
          'noOtherLanguage',
          { country: country.name, only: this.languageName(country.languages[0]!) },
          { country: countryCode(country.code), only: languageCode(country.languages[0]!) },
        );
      const language = this.offeredLanguage(country, input);
      if (!language.ok) return language;
      if (choice.primaryLanguage === language.value || choice.otherLanguages.includes(language.value))
        return refuse(
          'languageAlreadyChosen',
          { language: this.languageName(language.value), country: country.name },
          { language: languageCode(language.value), country: countryCode(country.code) },
        );
      return ok({ ...choice, otherLanguages: [...choice.otherLanguages, language.value] });
    });
  }

  removeLanguage(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      const language = this.offeredLanguage(country, input);
      if (!language.ok) return language;
      const name = this.languageName(language.value);
      const named = { language: languageCode(language.value), country: countryCode(country.code) };
      if (choice.primaryLanguage === language.value) return refuse('cannotRemovePrimaryLanguage', { language: name, country: country.name }, named);
      if (!choice.otherLanguages.includes(language.value)) return refuse('languageNotChosen', { language: name, country: country.name }, named);
      return ok({ ...choice, otherLanguages: choice.otherLanguages.filter((l) => l !== language.value) });
    });
  }

  /** The languages a person may still add for a country; empty means "no other language available". */
  otherLanguagesAvailable(p: Preferences, countryCode: string): string[] {
    const country = this.catalog.country(countryCode);
    const choice = p.countries.find((c) => c.country === countryCode);
    if (!country || !choice) return [];
    return country.languages.filter((l) => l !== choice.primaryLanguage && !choice.otherLanguages.includes(l));
  }

  // ------------------------------------------------------------------ sources

  setPrimarySource(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      const source = this.listedSource(country, input);
      if (!source.ok) return source;
      if (source.value.unavailable) return unavailable(source.value);
      return ok({
        ...choice,
        primarySource: source.value.id,
        otherSources: choice.otherSources.filter((s) => s !== source.value.id),
      });
    });
  }

  addSource(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      const source = this.listedSource(country, input);
      if (!source.ok) return source;
      if (source.value.unavailable) return unavailable(source.value);
      if (choice.primarySource === source.value.id || choice.otherSources.includes(source.value.id))
        return refuse('sourceAlreadyChosen', { source: source.value.name, country: country.name }, { country: countryCode(country.code) });
      return ok({ ...choice, otherSources: [...choice.otherSources, source.value.id] });
    });
  }

  removeSource(p: Preferences, countryInput: string, input: string): Change {
    return this.withCountry(p, countryInput, (choice, country) => {
      const source = this.listedSource(country, input);
      if (!source.ok) return source;
      if (choice.primarySource === source.value.id)
        return refuse('cannotRemovePrimarySource', { source: source.value.name, country: country.name }, { country: countryCode(country.code) });
      if (!choice.otherSources.includes(source.value.id))
        return refuse('sourceNotChosen', { source: source.value.name, country: country.name }, { country: countryCode(country.code) });
      return ok({ ...choice, otherSources: choice.otherSources.filter((s) => s !== source.value.id) });
    });
  }

  // ------------------------------------------------------------------ categories and schedule

  /** Subscribe to a category, or to every category with "all". Already subscribed is fine. */
  subscribe(p: Preferences, input: string): Change {
    const slugs = this.categorySlugs(input);
    if (!slugs.ok) return slugs;
    const have = new Set(p.subscriptions.map((s) => s.category));
    const added = slugs.value.filter((c) => !have.has(c)).map((category) => ({ category, digestTime: p.digestTime }));
    return ok({ ...p, subscriptions: this.inCatalogOrder([...p.subscriptions, ...added]) });
  }

  unsubscribe(p: Preferences, input: string): Change {
    const slugs = this.categorySlugs(input);
    if (!slugs.ok) return slugs;
    return ok({ ...p, subscriptions: p.subscriptions.filter((s) => !slugs.value.includes(s.category)) });
  }

  /** A menu's toggle: on if off; "all" turns every category on, or off when all are on. */
  toggleCategory(p: Preferences, input: string): Change {
    const slugs = this.categorySlugs(input);
    if (!slugs.ok) return slugs;
    const allOn = slugs.value.every((c) => p.subscriptions.some((s) => s.category === c));
    return allOn ? this.unsubscribe(p, input) : this.subscribe(p, input);
  }

  setTimezone(p: Preferences, input: string): Change {
    const zone = input.trim();
    if (zone === '' || !isTimeZone(zone)) return refuse('invalidTimezone', { input });
    return ok({ ...p, timezone: zone });
  }

  /** The digest time of every subscription, or of one category's. */
  setDigestTime(p: Preferences, input: string, categoryInput?: string): Change {
    const time = parseTimeOfDay(input);
    if (!time) return refuse('invalidTime', { input });
    if (categoryInput === undefined) {
      return ok({ ...p, digestTime: time, subscriptions: p.subscriptions.map((s) => ({ ...s, digestTime: time })) });
    }
    const slugs = this.categorySlugs(categoryInput);
    if (!slugs.ok) return slugs;
    return ok({
      ...p,
      subscriptions: p.subscriptions.map((s) => (slugs.value.includes(s.category) ? { ...s, digestTime: time } : s)),
    });
  }

  /**
   * A category's (or every category's: "all") digest rhythm and time: daily, twice a day (a
   * second time), on weekdays, or weekly on `day` (1 = Monday).
   */
  setRhythm(p: Preferences, categoryInput: string, kind: Rhythm['kind'], timeInput: string, extra?: { second?: string; day?: number }): Change {
    const time = parseTimeOfDay(timeInput);
    if (!time) return refuse('invalidTime', { input: timeInput });
    let rhythm: Rhythm | undefined;
    if (kind === 'twice') {
      const second = parseTimeOfDay(extra?.second ?? '');
      if (!second) return refuse('invalidTime', { input: extra?.second ?? '' });
      if (second === time) return refuse('sameTimes', { time });
      rhythm = { kind, second };
    } else if (kind === 'weekly') {
      if (!extra?.day || extra.day < 1 || extra.day > 7) return refuse('invalidDay', { input: String(extra?.day ?? '') });
      rhythm = { kind, day: extra.day };
    } else if (kind === 'weekdays') rhythm = { kind };
    const slugs = this.categorySlugs(categoryInput);
    if (!slugs.ok) return slugs;
    const missing = slugs.value.filter((c) => !p.subscriptions.some((s) => s.category === c));
    if (missing.length === slugs.value.length)
      return refuse('notSubscribed', { category: missing[0]! }, { category: { kind: 'category', codes: missing[0]! } });
    return ok({
      ...p,
      subscriptions: p.subscriptions.map((s) => {
        if (!slugs.value.includes(s.category)) return s;
        const { rhythm: _old, ...rest } = s;
        return { ...rest, digestTime: time, ...(rhythm ? { rhythm } : {}) };
      }),
    });
  }

  setBreaking(p: Preferences, on: boolean): Change {
    return ok({ ...p, breaking: on });
  }

  /** Whether digests, or breaking alerts, arrive with a sound. */
  setSound(p: Preferences, what: 'digests' | 'breaking', on: boolean): Change {
    return ok(what === 'digests' ? { ...p, digestSound: on } : { ...p, breakingSound: on });
  }

  setLinkPreviews(p: Preferences, on: boolean): Change {
    return ok({ ...p, linkPreviews: on });
  }

  /** Only stories at least `outlets` outlets report break here (1: every breaking story). */
  setBreakingMinOutlets(p: Preferences, outlets: number): Change {
    if (!Number.isInteger(outlets) || outlets < 1 || outlets > 50) return refuse('invalidCount', { input: String(outlets), max: 50 });
    return ok({ ...p, breakingMinOutlets: outlets });
  }

  /** At most `cap` breaking alerts in 24 hours; null: no limit. */
  setBreakingDailyCap(p: Preferences, cap: number | null): Change {
    if (cap !== null && (!Number.isInteger(cap) || cap < 1 || cap > 100)) return refuse('invalidCount', { input: String(cap), max: 100 });
    return ok({ ...p, breakingDailyCap: cap });
  }

  setBreakingThreads(p: Preferences, on: boolean): Change {
    return ok({ ...p, breakingThreads: on });
  }

  setQuietHours(p: Preferences, hours: { start: string; end: string } | null): Change {
    if (hours === null) return ok({ ...p, quietHours: null });
    const start = parseTimeOfDay(hours.start);
    if (!start) return refuse('invalidTime', { input: hours.start });
    const end = parseTimeOfDay(hours.end);
    if (!end) return refuse('invalidTime', { input: hours.end });
    if (start === end) return refuse('emptyQuietHours', { start });
    const quietHours: QuietHours = { start, end };
    return ok({ ...p, quietHours });
  }

  // ------------------------------------------------------------------ helpers

  private withCountry(
    p: Preferences,
    countryInput: string,
    change: (choice: CountryChoice, country: Country) => Result<CountryChoice, PreferenceError>,
  ): Change {
    const country = this.catalog.findCountry(countryInput);
    if (!country) return this.unknownCountry(countryInput);
    const index = p.countries.findIndex((c) => c.country === country.code);
    if (index < 0) return refuse('countryNotChosen', { country: country.name, chosen: this.countryNames(p) }, this.namedChosen(country.code, p));
    const changed = change(p.countries[index]!, country);
    if (!changed.ok) return changed;
    const countries = p.countries.map((c, i) => (i === index ? changed.value : c)) as Preferences['countries'];
    return ok({ ...p, countries });
  }

  private offeredLanguage(country: Country, input: string): Result<string, PreferenceError> {
    const language = this.catalog.findLanguage(input);
    if (!language || !country.languages.includes(language.code))
      return refuse(
        'unknownLanguage',
        { input, country: country.name, valid: country.languages.map((l) => this.languageName(l)) },
        { country: countryCode(country.code), valid: languageCode(country.languages) },
      );
    return ok(language.code);
  }

  private listedSource(country: Country, input: string): Result<Source, PreferenceError> {
    const source = this.catalog.findSource(country.code, input);
    if (!source)
      return refuse(
        'unknownSource',
        {
          input,
          country: country.name,
          valid: this.catalog.sourcesIn(country.code).map((s) => s.name),
        },
        { country: countryCode(country.code) },
      );
    return ok(source);
  }

  private categorySlugs(input: string): Result<string[], PreferenceError> {
    const category = this.catalog.findCategory(input);
    if (!category) {
      const valid = [...this.catalog.categories, ...(this.catalog.allCategory ? [this.catalog.allCategory] : [])];
      return refuse('unknownCategory', { input, valid: valid.map((c) => c.slug) }, { valid: { kind: 'category', codes: valid.map((c) => c.slug) } });
    }
    if (category === this.catalog.allCategory) return ok(this.catalog.categories.map((c) => c.slug));
    return ok([category.slug]);
  }

  private inCatalogOrder<T extends { category: string }>(subs: T[]): T[] {
    const order = this.catalog.categories.map((c) => c.slug);
    return [...subs].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  }

  private unknownCountry(input: string) {
    return refuse(
      'unknownCountry',
      { input, valid: this.catalog.countries.map((c) => `${c.name} (${c.code})`) },
      { valid: { kind: 'countryWithCode', codes: this.catalog.countries.map((c) => c.code) } },
    );
  }

  private namedChosen(country: string, p: Preferences) {
    return { country: countryCode(country), chosen: countryCode(p.countries.map((c) => c.country)) };
  }

  private countryNames(p: Preferences): string[] {
    return p.countries.map((c) => this.catalog.country(c.country)?.name ?? c.country);
  }

  private languageName(code: string): string {
    return this.catalog.language(code)?.name ?? code;
  }
}
