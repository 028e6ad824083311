// The rule for storing items, without storage: repeats by guid within a feed and by URL within
// a source, one item per article however many feeds of its outlet carry it.
import { describe, expect, it } from 'vitest';
import type { NewItem } from '../../src/core/items/item.ts';
import type { StoreBatch } from '../../src/core/items/items.repository.ts';
import { firstInFlush, planStore, type StoredItems } from '../../src/core/items/store-plan.ts';

const item = (url: string, guid: string | null = null): NewItem => ({
  guid,
  url,
  title: url,
  summary: '',
  imageUrl: null,
  categories: [],
  publishedAt: new Date(0),
  contentHash: url,
});
const batch = (feedId: string, sourceId: string, items: NewItem[]): StoreBatch => ({
  feed: { id: feedId, sourceId, languageCode: 'en' },
  items,
  backlog: false,
});
const nothingStored: StoredItems = { feedHasGuid: () => false, itemId: () => undefined, linked: () => false };
const plan = (batches: StoreBatch[], stored = nothingStored) => planStore(batches, firstInFlush(batches), stored);

describe('firstInFlush', () => {
  it("keeps a feed's first entry of a guid and of a URL", () => {
    const { unique, results } = firstInFlush([batch('f1', 's', [item('a', 'g1'), item('b', 'g1'), item('a'), item('c')])]);
    expect(unique[0]!.map((x) => x.url)).toEqual(['a', 'c']);
    expect(results[0]!.duplicates).toBe(2);
  });
});

describe('planStore', () => {
  it('creates new articles and links each to its feed', () => {
    const p = plan([batch('f1', 's', [item('a'), item('b')])]);
    expect(p.create.map((c) => c.item.url)).toEqual(['a', 'b']);
    expect(p.link.map((l) => `${l.url}@${l.feedId}`)).toEqual(['a@f1', 'b@f1']);
    expect(p.results[0]).toMatchObject({ added: 2, linked: 0, duplicates: 0 });
  });

  it('makes one item of an article two feeds of the outlet carry in one flush, linked to both', () => {
    const p = plan([batch('national', 's', [item('a')]), batch('business', 's', [item('a')])]);
    expect(p.create).toHaveLength(1);
    expect(p.link.map((l) => l.feedId)).toEqual(['national', 'business']);
    expect(p.results.map((r) => [r.added, r.linked])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('keeps the same URL of two outlets as two items', () => {
    const p = plan([batch('f1', 's1', [item('a')]), batch('f2', 's2', [item('a')])]);
    expect(p.create.map((c) => c.sourceId)).toEqual(['s1', 's2']);
  });

  it('links a stored article to a new feed of its outlet, and repeats nothing its feed has', () => {
    const stored: StoredItems = {
      feedHasGuid: (feed, guid) => feed === 'f1' && guid === 'old',
      itemId: (source, url) => (source === 's' && (url === 'stored' || url === 'carried') ? (url === 'stored' ? 7 : 8) : undefined),
      linked: (id, feed) => id === 8 && feed === 'f2',
    };
    const p = plan([batch('f1', 's', [item('x', 'old'), item('stored')]), batch('f2', 's', [item('carried')])], stored);
    expect(p.create).toEqual([]);
    expect(p.link.map((l) => `${l.url}@${l.feedId}`)).toEqual(['stored@f1']);
    expect(p.results.map((r) => [r.added, r.linked, r.duplicates])).toEqual([
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('takes a guid once per feed across the flush, even under another URL', () => {
    const p = plan([batch('f1', 's', [item('a', 'g')]), batch('f1', 's', [item('b', 'g')])]);
    expect(p.create.map((c) => c.item.url)).toEqual(['a']);
    expect(p.results[1]!.duplicates).toBe(1);
  });
});
