// Checks codes against the ISO tables that ship with Node's ICU, so the catalog needs no
// copied list of countries, languages or time zones.
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
// Codes ICU names that are not countries (unions, reserved or unknown regions).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'UK', 'XA', 'XB']);

const WORLD = 'WORLD';

export function isCountryCode(code: string): boolean {
  if (code === WORLD) return true;
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regions.of(code) !== undefined;
}

export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languages.of(code) !== undefined;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
