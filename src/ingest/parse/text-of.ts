// The text of a field as rss-parser hands it over. rss-parser passes xml2js's shapes through
// unchanged where a feed is unusual: a plain string, an element with attributes ({ _: text,
// $: attributes }), an element with child elements ({ div: [...] }), an array of repeated
// elements, a number, or nothing at all. Every shape gives a trimmed string or undefined;
// none throws, so one odd field never costs the whole feed.

const MAX_DEPTH = 16;

export function textOf(value: unknown): string | undefined {
  const text = collect(value, 0).join(' ').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function collect(value: unknown, depth: number): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'bigint') return [String(value)];
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  // Repeated elements (two <title>s, a list of categories): the first one with text.
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = collect(v, depth + 1);
      if (found.some((t) => t.trim() !== '')) return found;
    }
    return [];
  }
  const element = value as Record<string, unknown>;
  const parts: string[] = [];
  // An element's own text first, then its children's (xml2js keeps no order between them).
  if ('_' in element) parts.push(...collect(element._, depth + 1));
  for (const [key, child] of Object.entries(element)) if (key !== '_' && key !== '$') parts.push(...collect(child, depth + 1));
  if (parts.length > 0) return parts;
  // An empty element that says it all in attributes (<category term="Sports"/>).
  const attributes = element.$ as Record<string, unknown> | undefined;
  const named = attributes?.label ?? attributes?.term;
  return typeof named === 'string' ? [named] : [];
}
