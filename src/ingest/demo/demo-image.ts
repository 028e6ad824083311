// A demo story's picture, as SVG: a card in its category's colour with its first headline, in
// that headline's language and direction, and a mark saying it is a demo. The headline is
// escaped as XML text; the page is UTF-8, so Devanagari, Arabic and Han need nothing more.
import { xml } from './demo-feed.ts';
import { outletById, type DemoNews } from './demo-news.ts';

const COLOURS: Record<string, string> = {
  national: '#1d4ed8',
  international: '#047857',
  business: '#b45309',
  entertainment: '#be185d',
  sports: '#15803d',
  special: '#6d28d9',
};

const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur']);
/** Characters about twice as wide as a Latin letter, and written without spaces between words. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** A line's width, in Latin letters, at the card's font size. */
const LINE = 34;
const MAX_LINES = 3;

/** Words (or single wide characters) into at most three lines that fit the card. */
export function wrapHeadline(text: string): string[] {
  const tokens = text.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+|\s+/gu) ?? [];
  const width = (s: string) => Array.from(s).reduce((w, c) => w + (WIDE.test(c) ? 2 : 1), 0);
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line.trim() !== '' && width(line + token.trimEnd()) > LINE) {
      lines.push(line.trim());
      line = token.trim() === '' ? '' : token;
    } else line += token;
  }
  if (line.trim() !== '') lines.push(line.trim());
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `${lines[MAX_LINES - 1]}…`];
}

/** Story `n`'s picture as `outletId` reports it (by default its first report); null for an unknown story or outlet. */
export function demoImage(news: DemoNews, n: number, outletId = Object.keys(news.stories[n - 1]?.reports ?? {})[0] ?? ''): string | null {
  const story = news.stories[n - 1];
  const headline = story?.reports[outletId];
  if (!story || headline === undefined) return null;
  const colour = COLOURS[story.category] ?? '#334155';
  const language = outletById(news, outletId)?.language ?? 'en';
  const rtl = RIGHT_TO_LEFT.has(language);
  // Right to left: each line starts at the card's right edge.
  const x = rtl ? 600 : 40;
  const lines = wrapHeadline(headline)
    .map((l, i) => `<text x="${x}" y="${150 + i * 44}"${rtl ? ' direction="rtl"' : ''} font-size="30">${xml(l)}</text>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360" xml:lang="${xml(language)}">` +
    `<rect width="640" height="360" fill="${colour}"/><circle cx="560" cy="60" r="40" fill="#ffffff" fill-opacity="0.25"/>` +
    `<g font-family="sans-serif" fill="#ffffff"><text x="40" y="64" font-size="22" letter-spacing="2">DEMO · ${story.category.toUpperCase()} · ${n}</text>${lines}` +
    `<text x="40" y="330" font-size="16" fill-opacity="0.8">Fictional news for Herald's demo</text></g></svg>`
  );
}
