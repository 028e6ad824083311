// A time zone as a person types it: an IANA name ("Europe/Berlin"), a UTC offset ("+2",
// "UTC+05:30", "GMT-3"), or a city ("Berlin", "Mumbai", "new york"). Returns an IANA zone.
const FRACTIONAL: Record<string, string> = {
  '+03:30': 'Asia/Tehran',
  '+04:30': 'Asia/Kabul',
  '+05:30': 'Asia/Kolkata',
  '+05:45': 'Asia/Kathmandu',
  '+06:30': 'Asia/Yangon',
  '+08:45': 'Australia/Eucla',
  '+09:30': 'Australia/Darwin',
  '+10:30': 'Australia/Lord_Howe',
  '+12:45': 'Pacific/Chatham',
  '-02:30': 'America/St_Johns',
  '-03:30': 'America/St_Johns',
  '-09:30': 'Pacific/Marquesas',
};

// Cities people name that the IANA database does not (it names one city per zone).
const CITIES: Record<string, string> = {
  mumbai: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  pune: 'Asia/Kolkata',
  washington: 'America/New_York',
  boston: 'America/New_York',
  miami: 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  atlanta: 'America/New_York',
  beijing: 'Asia/Shanghai',
  guangzhou: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  munich: 'Europe/Berlin',
  münchen: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  köln: 'Europe/Berlin',
  ottawa: 'America/Toronto',
  montreal: 'America/Toronto',
  montréal: 'America/Toronto',
  quebec: 'America/Toronto',
  calgary: 'America/Edmonton',
  doha: 'Asia/Qatar',
  lusail: 'Asia/Qatar',
};

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

let zonesByCity: Map<string, string> | undefined;
function ianaCities(): Map<string, string> {
  zonesByCity ??= new Map([...Intl.supportedValuesOf('timeZone'), 'Asia/Kolkata'].map((zone) => [fold(zone.split('/').at(-1)!), zone] as [string, string]));
  return zonesByCity;
}

function valid(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseTimezone(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  // An IANA name, as typed or with its canonical capitalisation.
  if (text.includes('/')) {
    const canonical = text
      .split('/')
      .map((part) =>
        part
          .split('_')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
          .join('_'),
      )
      .join('/');
    return [text, canonical].find(valid);
  }
  if (/^(utc|gmt|z)$/i.test(text)) return 'UTC';
  const offset = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset) {
    const [, sign, h, m = '00'] = offset;
    const hours = Number(h);
    if (hours > 14 || Number(m) >= 60) return undefined;
    if (m === '00') return hours === 0 ? 'UTC' : `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`; // Etc signs are inverted
    return FRACTIONAL[`${sign}${String(hours).padStart(2, '0')}:${m}`];
  }
  const city = fold(text);
  return CITIES[city] ?? ianaCities().get(city);
}

// ICU still lists some zones under their old names; people look for the current ones.
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
};
let allZones: string[] | undefined;

/** Zones matching what has been typed so far (for autocomplete): what it parses to first, then names containing it. */
export function timezoneSuggestions(typed: string, max = 25): string[] {
  allZones ??= Intl.supportedValuesOf('timeZone').map((z) => CURRENT_NAMES[z] ?? z);
  const q = fold(typed);
  const parsed = parseTimezone(typed);
  const matching = allZones.filter((z) => q === '' || fold(z).includes(q));
  return [...new Set([...(parsed ? [parsed] : []), ...matching])].slice(0, max);
}
