// Different words for the same actor or place, folded into one term: "Pyongyang", "DPRK" and
// "North Korean" all mean North Korea in a headline; "Kremlin", "Moscow" and "Russian" mean
// Russia. Reports of one event choose differently among these, so without folding they
// look less alike than they are. A small gazetteer, not a knowledge base.
const GROUPS: Record<string, string[]> = {
  'north-korea': ['north korea', 'north korean', 'north koreans', 'dprk', 'pyongyang', 'kcna'],
  'south-korea': ['south korea', 'south korean', 'seoul', 'rok'],
  japan: ['japan', 'japanese', 'tokyo'],
  china: ['china', 'chinese', 'beijing', 'prc'],
  'united-states': ['united states', 'us', 'u.s.', 'usa', 'american', 'americans', 'washington', 'white house'],
  'united-kingdom': ['united kingdom', 'uk', 'britain', 'british', 'london', 'downing street'],
  russia: ['russia', 'russian', 'moscow', 'kremlin'],
  ukraine: ['ukraine', 'ukrainian', 'kyiv', 'kiev'],
  india: ['india', 'indian', 'new delhi', 'delhi'],
  pakistan: ['pakistan', 'pakistani', 'islamabad'],
  germany: ['germany', 'german', 'berlin', 'deutschland', 'deutsche', 'deutschen', 'bundesregierung'],
  france: ['france', 'french', 'paris', 'élysée', 'elysee'],
  italy: ['italy', 'italian', 'rome'],
  canada: ['canada', 'canadian', 'canadians', 'ottawa'],
  qatar: ['qatar', 'qatari', 'doha'],
  israel: ['israel', 'israeli', 'jerusalem'],
  iran: ['iran', 'iranian', 'tehran'],
  sudan: ['sudan', 'sudanese', 'khartoum'],
  'united-nations': ['united nations', 'un', 'u.n.'],
  'security-council': ['security council', 'unsc'],
  eu: ['european union', 'eu', 'brussels'],
  nato: ['nato', 'north atlantic treaty organization'],
  icbm: ['icbm', 'intercontinental ballistic missile', 'intercontinental missile', 'long-range missile', 'long-range ballistic missile'],
  srbm: ['srbm', 'srbms', 'short-range ballistic missile', 'short-range ballistic missiles', 'short-range missiles', 'short-range missile'],
  gop: ['gop', 'republican', 'republicans'],
  democrats: ['democrat', 'democrats', 'democratic party'],
  'prime-minister': ['prime minister', 'pm', 'premier'],
  rbi: ['rbi', 'reserve bank of india'],
  pboc: ['pboc', "people's bank of china", 'people’s bank of china'],
  fed: ['fed', 'federal reserve'],
  ecb: ['ecb', 'european central bank'],
};

/** Lowercased phrase → canonical term; multi-word phrases first, longest first. */
export const ALIASES: [string, string][] = Object.entries(GROUPS)
  .flatMap(([canonical, phrases]) => phrases.map((p) => [p, `@${canonical}`] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);

const SINGLE = new Map(ALIASES.filter(([p]) => !p.includes(' ')));
const MULTI = ALIASES.filter(([p]) => p.includes(' '));
const MULTI_RE = new RegExp(`\\b(${MULTI.map(([p]) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'gi');
const MULTI_MAP = new Map(MULTI);

/** Replaces multi-word aliases in text by their canonical term (before tokenising). */
export function foldPhrases(text: string): string {
  return text.replace(MULTI_RE, (m) => ` ${MULTI_MAP.get(m.toLowerCase()) ?? m} `);
}

/** The canonical term of one word, if it is an alias. */
export function aliasOf(word: string): string | undefined {
  return SINGLE.get(word.toLowerCase());
}
