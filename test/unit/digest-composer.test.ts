// Composing a digest from stories: only the target's categories, sources and languages;
// primary source first, then outlets, then recency; each story once; capped.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { composeDigest, digestMessage, type DigestStory } from '../../src/core/digest/digest-composer.ts';
import { en } from '../../src/core/i18n/messages.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import type { Preferences } from '../../src/core/preferences/preferences.ts';
import { defaults } from '../support/defaults.ts';

let catalog: Catalog;
let prefs: Preferences;
beforeAll(async () => {
  catalog = await loadCatalog();
  const rules = new PreferenceRules(catalog);
  let p = rules.initial('IN'); // national + international, English
  for (const step of [(x: Preferences) => rules.setPrimarySource(x, 'IN', 'The Hindu'), (x: Preferences) => rules.addSource(x, 'IN', 'NDTV')]) {
    const r = step(p);
    if (!r.ok) throw r.error;
    p = r.value;
  }
  prefs = p;
});

let id = 0;
/** A story whose one report (by default) carries the story's headline. */
const story = (over: Partial<DigestStory>): DigestStory => {
  const n = ++id;
  const headline = over.headline ?? `Story ${n}`;
  return {
    id: n,
    headline,
    categories: ['national'],
    outletCount: 1,
    lastUpdatedAt: new Date('2026-11-21T08:00:00Z'),
    items: [{ sourceId: 'ndtv', languageCode: 'en', url: `https://ndtv.example/${n}`, title: headline }],
    ...over,
  };
};

describe('composeDigest', () => {
  it("keeps only stories of the target's categories, sources and languages", () => {
    const stories = [
      story({ headline: 'mine' }),
      story({ headline: 'other source', items: [{ sourceId: 'cnn', languageCode: 'en', url: 'u', title: 't' }] }),
      story({ headline: 'other language', items: [{ sourceId: 'ndtv', languageCode: 'hi', url: 'u', title: 't' }] }),
      story({ headline: 'other category', categories: ['sports'] }),
    ];
    expect(composeDigest(catalog, prefs, stories, defaults.delivery.digestCap).sections.flatMap((s) => s.entries.map((e) => e.headline))).toEqual(['mine']);
  });

  it('puts the primary source first, then more outlets, then recency; each story once; capped', () => {
    const stories = [
      story({ headline: 'big', outletCount: 6, categories: ['national', 'international'] }),
      story({ headline: 'primary', items: [{ sourceId: 'the-hindu', languageCode: 'en', url: 'https://thehindu.example/p', title: 'primary' }] }),
      story({ headline: 'recent', lastUpdatedAt: new Date('2026-11-21T09:00:00Z') }),
      ...Array.from({ length: 12 }, () => story({ categories: ['international'] })),
    ];
    const digest = composeDigest(catalog, prefs, stories, defaults.delivery.digestCap);
    expect(digest.total).toBe(10);
    expect(digest.sections.map((s) => s.name)).toEqual(['National', 'International']);
    expect(digest.sections[0]!.entries.map((e) => e.headline)).toEqual(['primary', 'big', 'recent']);
    expect(digest.sections[0]!.entries[0]).toMatchObject({ outlet: 'The Hindu', url: 'https://thehindu.example/p' });
    expect(digest.sections[1]!.entries.map((e) => e.headline)).not.toContain('big');
    const message = digestMessage(digest, 'Your digest', en.conversation, () => '9:00 am IST');
    expect(message.lines).toContain(`• big (NDTV, +5 more sources, 9:00 am IST, all: /story ${stories[0]!.id})`);
    expect(message.cards![0]).toMatchObject({ headline: 'primary', storyId: stories[1]!.id });
    expect(message.cards![0]).not.toHaveProperty('coverage'); // one outlet: nothing more to see
    expect(message.cards![1]).toMatchObject({ headline: 'big', coverage: `all: /story ${stories[0]!.id}` });
  });

  it("shows one outlet's report whole: its headline, link, summary and name, never another's", () => {
    const s = story({
      headline: 'Headline the clusterer chose, from NDTV',
      outletCount: 3,
      items: [
        { sourceId: 'ndtv', languageCode: 'en', url: 'https://ndtv.example/a', title: 'NDTV: Monsoon reaches Kerala', summary: 'NDTV summary' },
        { sourceId: 'news18', languageCode: 'en', url: 'https://news18.example/b', title: 'News18: Rains arrive', summary: 'News18 summary' },
        { sourceId: 'the-hindu', languageCode: 'en', url: 'https://thehindu.example/c', title: 'The Hindu: Monsoon sets in', summary: 'Hindu summary' },
      ],
    });
    // The Hindu is this reader's primary source: its report leads, all of it.
    const [entry] = composeDigest(catalog, prefs, [s], defaults.delivery.digestCap).sections[0]!.entries;
    expect(entry).toMatchObject({
      headline: 'The Hindu: Monsoon sets in',
      url: 'https://thehindu.example/c',
      summary: 'Hindu summary',
      outlet: 'The Hindu',
      moreOutlets: 2,
    });
    // A reader who follows NDTV alone gets NDTV's report, all of it.
    const rules = new PreferenceRules(catalog);
    const ndtvOnly = rules.setPrimarySource(rules.initial('IN'), 'IN', 'NDTV');
    if (!ndtvOnly.ok) throw ndtvOnly.error;
    const [other] = composeDigest(catalog, ndtvOnly.value, [s], defaults.delivery.digestCap).sections[0]!.entries;
    expect(other).toMatchObject({ headline: 'NDTV: Monsoon reaches Kerala', url: 'https://ndtv.example/a', summary: 'NDTV summary', outlet: 'NDTV' });
  });
});
