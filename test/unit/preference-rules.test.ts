// The preference screen's rules, against the shipped catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { PreferenceRules, parseTimeOfDay, type Change } from '../../src/core/preferences/preference-rules.ts';
import type { Preferences } from '../../src/core/preferences/preferences.ts';

let catalog: Catalog;
let rules: PreferenceRules;
beforeAll(async () => {
  catalog = await loadCatalog();
  rules = new PreferenceRules(catalog);
});

function value(change: Change): Preferences {
  if (!change.ok) throw new Error(`expected ok, got: ${change.error.message}`);
  return change.value;
}
function refusal(change: Change): { code: string; message: string } {
  if (change.ok) throw new Error('expected a refusal');
  return change.error;
}

describe('initial preferences', () => {
  it('start from a country with its primary language and a source in that language', () => {
    const p = rules.initial('IN');
    expect(p.countries).toHaveLength(1);
    const [india] = p.countries;
    expect(india.country).toBe('IN');
    expect(india.primaryLanguage).toBe('en');
    expect(catalog.editionLanguages(india.primarySource, 'IN')).toContain('en');
    expect(p.timezone).toBe('Asia/Kolkata');
    expect(p.subscriptions.map((s) => s.category)).toEqual(['national', 'international']);
    expect(p.breaking).toBe(true);
    expect(p.quietHours).toBeNull();
  });

  it('pick a source in the primary language for an Arabic-first country', () => {
    const [qatar] = rules.initial('QA').countries;
    expect(qatar.primaryLanguage).toBe('ar');
    expect(catalog.editionLanguages(qatar.primarySource, 'QA')).toContain('ar');
  });
});

describe('countries', () => {
  it('set the primary country by name, keeping the old primary among the others with its choices', () => {
    const chosen = value(rules.setPrimarySource(rules.initial('IN'), 'IN', 'NDTV'));
    const p = value(rules.setPrimaryCountry(chosen, 'germany'));
    expect(p.countries.map((c) => c.country)).toEqual(['DE', 'IN']);
    expect(p.countries[0].primaryLanguage).toBe('de');
    expect(p.countries[1]!.primarySource).toBe('ndtv');
    // A new target's defaults were never chosen: replaced.
    expect(value(rules.setPrimaryCountry(rules.initial('IN'), 'germany', true)).countries.map((c) => c.country)).toEqual(['DE']);
  });

  it('promote a country already among the others, keeping its choices', () => {
    let p = value(rules.addCountry(rules.initial('IN'), 'US'));
    p = value(rules.setPrimarySource(p, 'US', 'CNN'));
    p = value(rules.setPrimaryCountry(p, 'United States'));
    expect(p.countries.map((c) => c.country)).toEqual(['US', 'IN']);
    expect(p.countries[0].primarySource).toBe('cnn');
  });

  it('refuse an unknown country and list the valid ones', () => {
    const e = refusal(rules.setPrimaryCountry(rules.initial('IN'), 'Narnia'));
    expect(e.code).toBe('unknownCountry');
    expect(e.message).toContain('"Narnia"');
    expect(e.message).toContain('India (IN)');
    expect(e.message).toContain('World (WORLD)');
  });

  it('add and remove other countries; the primary cannot be removed', () => {
    let p = value(rules.addCountry(rules.initial('IN'), 'World'));
    expect(p.countries.map((c) => c.country)).toEqual(['IN', 'WORLD']);
    expect(refusal(rules.addCountry(p, 'world')).code).toBe('countryAlreadyChosen');
    expect(refusal(rules.removeCountry(p, 'India')).message).toMatch(/India is your primary country/);
    expect(refusal(rules.removeCountry(p, 'Canada')).message).toMatch(/Canada is not among your countries \(you have: India and World\)/);
    p = value(rules.removeCountry(p, 'WORLD'));
    expect(p.countries.map((c) => c.country)).toEqual(['IN']);
  });
});

describe('languages per country', () => {
  it('say "no other language available" where the country offers one', () => {
    const e = refusal(rules.addLanguage(rules.initial('US'), 'US', 'fr'));
    expect(e.code).toBe('noOtherLanguage');
    expect(e.message).toBe('No other language available for United States: it offers English only.');
    expect(rules.otherLanguagesAvailable(rules.initial('US'), 'US')).toEqual([]);
  });

  it('add a language the country offers, by name', () => {
    const p = value(rules.addLanguage(rules.initial('IN'), 'IN', 'Hindi'));
    expect(p.countries[0].otherLanguages).toEqual(['hi']);
    expect(rules.otherLanguagesAvailable(p, 'IN')).toEqual([]);
    expect(refusal(rules.addLanguage(p, 'IN', 'hi')).code).toBe('languageAlreadyChosen');
  });

  it('refuse a language the country does not offer, saying what it offers', () => {
    const e = refusal(rules.addLanguage(rules.initial('IN'), 'IN', 'German'));
    expect(e.message).toBe('India offers no language "German". Available: English or Hindi.');
  });

  it('switch the primary language; the old one is not kept as "other" unless chosen', () => {
    let p = value(rules.addLanguage(rules.initial('CA'), 'CA', 'fr'));
    p = value(rules.setPrimaryLanguage(p, 'CA', 'fr'));
    expect(p.countries[0]).toMatchObject({ primaryLanguage: 'fr', otherLanguages: [] });
    expect(refusal(rules.removeLanguage(p, 'CA', 'fr')).code).toBe('cannotRemovePrimaryLanguage');
    expect(refusal(rules.removeLanguage(p, 'CA', 'en')).code).toBe('languageNotChosen');
  });

  it('refuse language changes for a country that is not chosen', () => {
    expect(refusal(rules.addLanguage(rules.initial('IN'), 'Qatar', 'en')).code).toBe('countryNotChosen');
  });
});

describe('sources per country', () => {
  it("set the primary source and toggle others among that country's sources", () => {
    let p = value(rules.setPrimarySource(rules.initial('IN'), 'India', 'The Hindu'));
    expect(p.countries[0].primarySource).toBe('the-hindu');
    p = value(rules.addSource(p, 'IN', 'BBC'));
    p = value(rules.addSource(p, 'IN', 'ndtv'));
    expect(p.countries[0].otherSources).toEqual(['bbc', 'ndtv']);
    p = value(rules.removeSource(p, 'IN', 'BBC'));
    expect(p.countries[0].otherSources).toEqual(['ndtv']);
    // Promoting an "other" source removes it from the others.
    p = value(rules.setPrimarySource(p, 'IN', 'NDTV'));
    expect(p.countries[0]).toMatchObject({ primarySource: 'ndtv', otherSources: [] });
  });

  it('refuse a source that is not listed in that country, listing the ones that are', () => {
    const e = refusal(rules.addSource(rules.initial('IN'), 'IN', 'CNN'));
    expect(e.code).toBe('unknownSource');
    expect(e.message).toMatch(/^"CNN" is not a source in India\. Sources in India: AajTak, NDTV India, The Hindu/);
  });

  it('keep the primary source, which is mandatory', () => {
    const p = rules.initial('DE');
    const e = refusal(rules.removeSource(p, 'DE', p.countries[0].primarySource));
    expect(e.code).toBe('cannotRemovePrimarySource');
  });

  it('treat an outlet listed in two countries as one source with an edition in each', () => {
    let p = value(rules.addCountry(rules.initial('IN'), 'CN'));
    p = value(rules.addSource(p, 'IN', 'BBC'));
    p = value(rules.setPrimarySource(p, 'CN', 'BBC'));
    expect(p.countries.map((c) => [c.country, c.primarySource, c.otherSources])).toEqual([
      ['IN', p.countries[0].primarySource, ['bbc']],
      ['CN', 'bbc', []],
    ]);
  });
});

describe('categories, schedule, breaking and quiet hours', () => {
  it('subscribe to every category with "all", and toggle them all off again', () => {
    let p = value(rules.subscribe(rules.initial('IN'), 'All Categories'));
    expect(p.subscriptions.map((s) => s.category)).toEqual(catalog.categories.map((c) => c.slug));
    p = value(rules.toggleCategory(p, 'all'));
    expect(p.subscriptions).toEqual([]);
    p = value(rules.toggleCategory(p, 'Sports'));
    expect(p.subscriptions).toEqual([{ category: 'sports', digestTime: '08:00' }]);
  });

  it('refuse an unknown category, listing the valid ones', () => {
    const e = refusal(rules.subscribe(rules.initial('IN'), 'weather'));
    expect(e.message).toBe('There is no category "weather". Categories: national, international, business, entertainment, sports, special, or all.');
  });

  it('set the digest time for all categories or one', () => {
    let p = value(rules.setDigestTime(rules.initial('IN'), '7:30'));
    expect(p.digestTime).toBe('07:30');
    expect(p.subscriptions.every((s) => s.digestTime === '07:30')).toBe(true);
    p = value(rules.setDigestTime(p, '19:00', 'international'));
    expect(p.subscriptions).toEqual([
      { category: 'national', digestTime: '07:30' },
      { category: 'international', digestTime: '19:00' },
    ]);
    // A new subscription takes the default time.
    p = value(rules.subscribe(p, 'business'));
    expect(p.subscriptions.find((s) => s.category === 'business')?.digestTime).toBe('07:30');
    expect(refusal(rules.setDigestTime(p, '25:00')).message).toContain('"25:00" is not a time of day');
  });

  it('accept IANA time zones only', () => {
    expect(value(rules.setTimezone(rules.initial('IN'), 'Europe/Berlin')).timezone).toBe('Europe/Berlin');
    expect(refusal(rules.setTimezone(rules.initial('IN'), 'Mars/Olympus')).code).toBe('invalidTimezone');
  });

  it('set breaking on and off, and quiet hours that may wrap past midnight', () => {
    let p = value(rules.setBreaking(rules.initial('IN'), false));
    expect(p.breaking).toBe(false);
    p = value(rules.setQuietHours(p, { start: '22:00', end: '7:00' }));
    expect(p.quietHours).toEqual({ start: '22:00', end: '07:00' });
    expect(refusal(rules.setQuietHours(p, { start: '22:00', end: '22:00' })).code).toBe('emptyQuietHours');
    expect(refusal(rules.setQuietHours(p, { start: 'late', end: '07:00' })).code).toBe('invalidTime');
    expect(value(rules.setQuietHours(p, null)).quietHours).toBeNull();
  });

  it('parse times of day', () => {
    expect(['0:00', '23:59', '7:05', '24:00', '12:60', '1200', ' 09:15 '].map(parseTimeOfDay)).toEqual([
      '00:00',
      '23:59',
      '07:05',
      undefined,
      undefined,
      undefined,
      '09:15',
    ]);
  });
});
