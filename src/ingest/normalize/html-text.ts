// HTML (or text with entities) → plain text: comments, scripts and styles dropped, tags
// turned into spaces, entities decoded, white space collapsed. Linear in the input: feeds
// are untrusted, and a regular expression that backtracks over an unclosed "<" would let
// one feed stall the process. Input beyond MAX_INPUT is cut first (the results are capped
// at a few hundred characters anyway).
import { decodeHTML } from 'entities';

const MAX_INPUT = 64 * 1024;
// Control characters break chat messages and PostgreSQL text; feeds do contain them.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const BLOCKS = ['script', 'style', 'noscript', 'iframe'];
/** Tags inside a line of text: they leave no space behind ("<b>21:00</b>." reads "21:00."). */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
]);

export function htmlToText(input: string): string {
  let html = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  // Some feeds escape their HTML once more than XML needs ("&lt;p&gt;"): unescape it first
  // so its tags are stripped rather than shown.
  if (/&lt;\/?[a-z][^&]{0,200}&gt;/i.test(html)) html = decodeHTML(html);
  // Entities escaped twice ("&amp;amp;", "&amp;#39;") are common in titles: one more pass
  // over the usual ones only.
  const decoded = decodeHTML(stripTags(html)).replace(/&(?:amp|quot|apos|nbsp|#0*39|#x0*27);/gi, (e) => decodeHTML(e));
  return decoded.replace(CONTROL_CHARS, '').replace(/\s+/g, ' ').trim();
}

/** One pass with indexOf: an unclosed construct ends the text instead of being rescanned. */
function stripTags(input: string): string {
  // CDATA sections hold text, often HTML itself: drop the markers, keep what is inside.
  const html = input.split('<![CDATA[').join('').split(']]>').join('');
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      out += ' ';
      i = end + 3;
      continue;
    }
    const block = BLOCKS.find((name) => lower.startsWith(`<${name}`, lt) && !/[a-z0-9]/.test(lower[lt + name.length + 1] ?? ''));
    if (block) {
      const close = lower.indexOf(`</${block}`, lt);
      if (close < 0) break;
      const gt = html.indexOf('>', close);
      if (gt < 0) break;
      out += ' ';
      i = gt + 1;
      continue;
    }
    if (/[A-Za-z/!?]/.test(html[lt + 1] ?? '')) {
      const gt = html.indexOf('>', lt);
      if (gt < 0) break;
      const name = /^<\/?([a-z][a-z0-9]*)/.exec(lower.slice(lt, Math.min(gt, lt + 12)))?.[1];
      out += name && INLINE.has(name) ? '' : ' ';
      i = gt + 1;
      continue;
    }
    out += '<'; // a lone "<", as in "a < b"
    i = lt + 1;
  }
  return out;
}

/** Cuts text at a word boundary to at most max characters, with an ellipsis when cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
