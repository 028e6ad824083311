// Gathers the items of feeds fetched at about the same time and stores them together: one
// writer, one transaction per flush (a group commit). While a flush runs, new arrivals wait
// for the next, so batches grow with load and a lone feed is stored at once. One bad batch
// does not fail the others: a failed flush is retried batch by batch.
import { GroupCommit } from '../core/group-commit.ts';
import type { NewItem } from '../core/items/item.ts';
import type { ItemRepository, StoreBatch, StoreResult } from '../core/items/items.repository.ts';

export class StoreQueue {
  readonly #commit: GroupCommit<StoreBatch, StoreResult>;

  constructor(
    items: ItemRepository,
    /** A flush takes at most about this many items; the rest wait for the next. */
    maxItems = 5000,
  ) {
    this.#commit = new GroupCommit((batches) => items.storeMany(batches), { maxWeight: maxItems, weight: (b) => b.items.length, isolateFailures: true });
  }

  store(feed: StoreBatch['feed'], items: NewItem[], options: { backlog: boolean; state?: StoreBatch['state'] }): Promise<StoreResult> {
    return this.#commit.add({ feed, items, backlog: options.backlog, ...(options.state ? { state: options.state } : {}) });
  }
}
