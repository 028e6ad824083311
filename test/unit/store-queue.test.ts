// The store queue: feeds arriving together are stored in one flush, each caller gets its own
// result, and one failing batch does not fail the others.
import { describe, expect, it } from 'vitest';
import type { ItemRepository, StoreBatch, StoreResult } from '../../src/core/items/items.repository.ts';
import type { NewItem } from '../../src/core/items/item.ts';
import { StoreQueue } from '../../src/ingest/store-queue.ts';

const item = (n: number): NewItem => ({
  guid: `g${n}`,
  url: `https://x.example/${n}`,
  title: `t${n}`,
  summary: '',
  imageUrl: null,
  categories: [],
  publishedAt: new Date(0),
  contentHash: `${n}`,
});
const feed = (id: string) => ({ id, sourceId: 's', languageCode: 'en' });

/** Records each flush; refuses any flush holding a batch of the feed named "bad". */
function scripted(): ItemRepository & { flushes: string[][] } {
  const flushes: string[][] = [];
  return {
    flushes,
    async storeMany(batches: StoreBatch[]): Promise<StoreResult[]> {
      flushes.push(batches.map((b) => b.feed.id));
      if (batches.some((b) => b.feed.id === 'bad')) throw new Error('constraint failed');
      return batches.map((b) => ({ added: b.items.length, linked: 0, duplicates: 0, addedIds: [] }));
    },
  };
}

describe('StoreQueue', () => {
  it('stores feeds that arrive together in one flush, each caller getting its own result', async () => {
    const repo = scripted();
    const queue = new StoreQueue(repo);
    const results = await Promise.all([
      queue.store(feed('a'), [item(1)], { backlog: false }),
      queue.store(feed('b'), [item(2), item(3)], { backlog: false }),
      queue.store(feed('c'), [], { backlog: true }),
    ]);
    expect(results.map((r) => r.added)).toEqual([1, 2, 0]);
    expect(repo.flushes).toEqual([['a', 'b', 'c']]);
  });

  it('keeps a failure with its own feed', async () => {
    const repo = scripted();
    const queue = new StoreQueue(repo);
    const results = await Promise.allSettled([
      queue.store(feed('a'), [item(1)], { backlog: false }),
      queue.store(feed('bad'), [item(2)], { backlog: false }),
      queue.store(feed('c'), [item(3)], { backlog: false }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The shared flush failed, then each batch was retried alone.
    expect(repo.flushes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('caps a flush by item count; the rest go in the next', async () => {
    const repo = scripted();
    const queue = new StoreQueue(repo, 3);
    await Promise.all([
      queue.store(feed('a'), [item(1), item(2)], { backlog: false }),
      queue.store(feed('b'), [item(3), item(4)], { backlog: false }),
      queue.store(feed('c'), [item(5)], { backlog: false }),
    ]);
    expect(repo.flushes).toEqual([['a'], ['b', 'c']]);
  });
});
