// Different words for the same actor or place, folded into one term: "Pyongyang", "DPRK" and
// "North Korean" all mean North Korea in a headline; "Kremlin", "Moscow" and "Russian" mean
// Russia. Reports of one event choose differently among these, so without folding they
// look less alike than they are. A small gazetteer, not a knowledge base.
const GROUPS: Record<string, string[]> = {
  'north-korea': ['north korea', 'north korean', 'north koreans', 'DPRK', 'pyongyang', 'KCNA'],
  'south-korea': ['south korea', 'south korean', 'seoul', 'ROK'],
  japan: ['japan', 'japanese', 'tokyo'],
  china: ['china', 'chinese', 'beijing', 'PRC'],
  'united-states': ['united states', 'US', 'U.S', 'USA', 'american', 'americans', 'washington', 'white house'],
  'united-kingdom': ['united kingdom', 'UK', 'britain', 'british', 'london', 'downing street'],
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
  'united-nations': ['united nations', 'UN', 'U.N'],
  'security-council': ['security council', 'UNSC'],
  eu: ['european union', 'EU', 'brussels'],
  nato: ['NATO', 'north atlantic treaty organization'],
  icbm: ['ICBM', 'intercontinental ballistic missile', 'intercontinental missile', 'long-range missile', 'long-range ballistic missile'],
  srbm: ['SRBM', 'SRBMs', 'short-range ballistic missile', 'short-range ballistic missiles', 'short-range missiles', 'short-range missile'],
  gop: ['GOP', 'republican', 'republicans'],
  democrats: ['democrat', 'democrats', 'democratic party'],
  'prime-minister': ['prime minister', 'PM'],
  rbi: ['RBI', 'reserve bank of india'],
  pboc: ['PBOC', "people's bank of china", 'people’s bank of china'],
  fed: ['Fed', 'federal reserve'],
  ecb: ['ECB', 'european central bank'],
};

// Entries with a capital letter are abbreviations matched as written ("US", "UN", "PM",
// "Fed"): lowercase "us", French "un", "5 pm" and "fed up" are ordinary words. The rest
// match in any case.
const EXACT = new Map<string, string>();
const ANY_CASE = new Map<string, string>();
const PHRASES: [string, string][] = [];
for (const [canonical, phrases] of Object.entries(GROUPS)) {
  for (const p of phrases) {
    if (p.includes(' ')) PHRASES.push([p.toLowerCase(), `@${canonical}`]);
    else if (/\p{Lu}/u.test(p)) EXACT.set(p, `@${canonical}`);
    else ANY_CASE.set(p, `@${canonical}`);
  }
}
const MULTI = PHRASES.sort((a, b) => b[0].length - a[0].length);
const MULTI_RE = new RegExp(`\\b(${MULTI.map(([p]) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'gi');
const MULTI_MAP = new Map(MULTI);

/** Replaces multi-word aliases in text by their canonical term (before tokenising). */
export function foldPhrases(text: string): string {
  return text.replace(MULTI_RE, (m) => ` ${MULTI_MAP.get(m.toLowerCase()) ?? m} `);
}

/** The canonical term of one word, if it is an alias ("U.S." is looked up as "U.S"). */
export function aliasOf(word: string): string | undefined {
  return EXACT.get(word) ?? ANY_CASE.get(word.toLowerCase());
}
