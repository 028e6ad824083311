// Words that say nothing about which event an item reports, per language. Kept short on
// purpose: document frequency down-weights the rest.
const EN = `a about above after again against all also am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it
its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that
the their them then there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your says said say new news report reports reported update updates live latest today yesterday tomorrow week
amid after over says according could may might one two three first last year years day days time people told via per us pm`;
// Months and weekdays say when, not what: time proximity is scored on its own.
const CALENDAR_EN = `january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun`;
const CALENDAR_DE = `januar februar märz april mai juni juli august september oktober november dezember
montag dienstag mittwoch donnerstag freitag samstag sonntag`;
const DE = `der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei bis da dass durch für gegen hat
haben hatte im in ist mit nach nicht noch nun nur ob seit sich sie sind so über um und unter vom von vor war waren was weil wie wird
werden wurde wurden zu zum zur es er wir ihr man mehr neue neuen heute gestern laut sagt sagte bericht berichtet`;
const FR = `le la les un une des du de et ou mais dans sur pour par avec sans sous est sont a été être au aux ce cette ces il elle ils elles
on nous vous qui que quoi dont où selon plus après avant entre aujourd hier`;

const HI = `का के की को में से पर और है हैं था थे थी था गया गई गए कर करने किया कहा ने यह वह इस उस एक भी तो ही लिए साथ बाद अब तक जो कि या हो रहा रही रहे होगा होगी दिया लेकिन बीच वाले वाली सबसे कुछ किसी सभी`;
const AR = `في من إلى على عن مع أن إن هذا هذه ذلك التي الذي التي كان كانت قد لا ما لم لن بعد قبل بين حتى أو ثم كل عند منذ خلال حول أي هو هي هم وقال قال وفي ومن`;

const STOPWORDS: Record<string, Set<string>> = {
  hi: new Set(HI.split(/\s+/)),
  ar: new Set(AR.split(/\s+/)),
  en: new Set([...EN.split(/\s+/), ...CALENDAR_EN.split(/\s+/)]),
  de: new Set([...DE.split(/\s+/), ...CALENDAR_DE.split(/\s+/)]),
  fr: new Set(FR.split(/\s+/)),
};

export function isStopword(word: string, language: string): boolean {
  return STOPWORDS[language]?.has(word) ?? false;
}
