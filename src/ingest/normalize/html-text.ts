// HTML (or text with entities) → plain text: scripts and styles dropped, tags turned into
// spaces, entities decoded, white space collapsed.
import { decodeHTML } from 'entities';

export function htmlToText(input: string): string {
  // Some feeds escape their HTML once more than XML needs ("&lt;p&gt;"): unescape it first
  // so its tags are stripped rather than shown.
  const html = /&lt;\/?[a-z][^&]{0,200}&gt;/i.test(input) ? decodeHTML(input) : input;
  const withoutBlocks = html
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style|noscript|iframe)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const withoutTags = withoutBlocks.replace(/<\/?[A-Za-z][^>]*>/g, ' ');
  // Entities escaped twice ("&amp;amp;", "&amp;#39;") are common in titles: one more pass
  // over the usual ones only.
  const decoded = decodeHTML(withoutTags).replace(/&(?:amp|quot|apos|nbsp|#0*39|#x0*27);/gi, (e) => decodeHTML(e));
  // Control characters break chat messages; feeds do contain them.
  // eslint-disable-next-line no-control-regex
  return decoded.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\s+/g, ' ').trim();
}

/** Cuts text at a word boundary to at most max characters, with an ellipsis when cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
