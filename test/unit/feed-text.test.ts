// Odd but valid feeds: every text field rss-parser hands over (a string, an xml2js object, an
// array, a number, nothing) becomes plain text, and Atom's xhtml text reads in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/ingest/normalize/html-text.ts';
import { atomXhtmlAsHtml } from '../../src/ingest/parse/atom-text.ts';
import { processFeed } from '../../src/ingest/parse/feed-processor.ts';
import { textOf } from '../../src/ingest/parse/text-of.ts';
import { CORPUS } from '../fakes/feed-server.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const odd = (file: string) =>
  processFeed({ body: readFileSync(join(CORPUS, 'odd', file)), contentType: undefined, baseUrl: 'https://base.example/', maxBytes: 5e6, now: NOW });

describe('textOf', () => {
  it.each([
    ['a string', '  Hello  ', 'Hello'],
    ['an element with attributes', { _: 'Title', $: { type: 'text' } }, 'Title'],
    ['an element with children', { $: { type: 'xhtml' }, div: [{ _: 'The  Times', b: ['Big'] }] }, 'The Times Big'],
    ['repeated elements', ['', { _: 'Second' }, 'Third'], 'Second'],
    ['a number', 2026, '2026'],
    ['an empty category with a term', { $: { term: 'Sports' } }, 'Sports'],
  ])('reads %s', (_what, value, text) => expect(textOf(value)).toBe(text));

  it.each([[undefined], [null], [''], ['   '], [{}], [{ $: { href: 'x' } }], [[]], [true]])('has no text in %j', (value) =>
    expect(textOf(value)).toBeUndefined(),
  );

  it('stops at a depth instead of recursing without end', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { div: [deep] };
    expect(textOf(deep)).toBeUndefined();
  });
});

describe('Atom xhtml text', () => {
  it('becomes HTML text in reading order', () => {
    const xml = '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">The <b>Big</b> Feed &amp; co</div></title>';
    expect(atomXhtmlAsHtml(xml)).toBe('<title type="html"><![CDATA[<div xmlns="http://www.w3.org/1999/xhtml">The <b>Big</b> Feed &amp; co</div>]]></title>');
    expect(htmlToText('<div>The <b>Big</b> Feed &amp; co</div>')).toBe('The Big Feed & co');
  });

  it('leaves text and html constructs alone, and a document without xhtml untouched', () => {
    const xml = '<title type="text">A &amp; B</title><summary type="html">&lt;p&gt;x&lt;/p&gt;</summary>';
    expect(atomXhtmlAsHtml(xml)).toBe(xml);
  });

  it('is linear on hostile input', () => {
    for (const hostile of ['<title type="xhtml">'.repeat(100_000), `<title${' '.repeat(500_000)}`, '<summary type="xhtml"><div>]]>'.repeat(50_000)])
      expect(typeof atomXhtmlAsHtml(hostile)).toBe('string');
  });
});

describe('odd feeds', () => {
  it('reads an Atom feed whose titles are xhtml', async () => {
    const { meta, items } = await odd('atom-xhtml.atom');
    expect(meta).toMatchObject({ format: 'atom', title: 'The Odd Times & Post', link: 'https://odd.example/', entryCount: 4 });
    expect(items.map((i) => i.title)).toEqual([
      'Council approves the new budget',
      'Harbour bridge reopens after repairs',
      'Rain & wind warning for the coast',
      'Library opens late on Thu',
    ]);
    expect(items[0]!.summary).toBe('The council voted 7 to 2 for the plan. Work starts in spring.');
    expect(items[1]!.summary).toBe('Traffic flows again across the harbour.');
    // A date-only <updated> is that day.
    expect(items[1]!.publishedAt.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it('reads an RSS feed whose elements carry attributes', async () => {
    const { meta, items } = await odd('rss-attributes.rss');
    expect(meta).toMatchObject({ format: 'rss2', title: 'Attribute Daily', link: 'https://attr.example/', ttlMinutes: 15 });
    expect(items.map((i) => i.title)).toEqual([
      'Ferry timetable changes from Monday',
      'Museum doubles its opening hours',
      '2026',
      'An entry without a title is named by its text.',
    ]);
    expect(items[0]).toMatchObject({ guid: 'attr-1', summary: 'Two sailings fewer each day.', categories: ['Transport', 'Local'] });
    expect(items[0]!.publishedAt.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(items[1]!.imageUrl).toBe('https://attr.example/img/museum.jpg');
    expect(items[2]!.publishedAt.toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });
});
