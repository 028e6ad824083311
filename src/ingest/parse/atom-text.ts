// Atom text constructs of type "xhtml" (RFC 4287 §3.1.1.3) hold markup inside a <div>. xml2js
// would hand them over as nested objects, with the text of mixed content out of order ("The
// Times" and <b>Big</b> becoming "The  Times" plus "Big"). Before parsing, each one becomes
// the same markup as HTML text in a CDATA section (type "html"), which the normaliser turns
// into plain text in reading order, as it does for every other field.
// One pass of indexOf and bounded patterns: linear in the document, whatever it holds.

const CONSTRUCTS = /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|content|rights))(\s[^<>]{0,2000})?>/g;
const XHTML_TYPE = /\btype\s*=\s*(["'])xhtml\1/;

export function atomXhtmlAsHtml(xml: string): string {
  if (!xml.includes('xhtml')) return xml;
  let out = '';
  let from = 0;
  CONSTRUCTS.lastIndex = 0;
  for (let m = CONSTRUCTS.exec(xml); m; m = CONSTRUCTS.exec(xml)) {
    const [open, name, attributes = ''] = m;
    if (!XHTML_TYPE.test(attributes) || open.endsWith('/>')) continue;
    const close = xml.indexOf(`</${name}`, m.index + open.length);
    if (close < 0) break; // not well-formed: the parser will say so
    const inner = xml.slice(m.index + open.length, close);
    out += `${xml.slice(from, m.index)}<${name}${attributes.replace(XHTML_TYPE, 'type="html"')}><![CDATA[${inner.split(']]>').join(']]]]><![CDATA[>')}]]>`;
    from = close;
    CONSTRUCTS.lastIndex = close;
  }
  return out + xml.slice(from);
}
