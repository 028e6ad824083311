// Gathers the items of feeds fetched at about the same time and stores them together: one
// writer, one transaction per flush. While a flush runs, new arrivals wait for the next, so
// batches grow with load and a lone feed is stored at once.
import type { NewItem } from '../core/items/item.ts';
import type { ItemRepository, StoreBatch, StoreResult } from '../core/items/items.repository.ts';

interface Pending {
  batch: StoreBatch;
  resolve: (r: StoreResult) => void;
  reject: (e: unknown) => void;
}

export class StoreQueue {
  #pending: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly items: ItemRepository,
    /** A flush takes at most about this many items; the rest wait for the next. */
    private readonly maxItems = 5000,
  ) {}

  store(feed: StoreBatch['feed'], items: NewItem[], options: { backlog: boolean; state?: StoreBatch['state'] }): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      const batch: StoreBatch = { feed, items, backlog: options.backlog, ...(options.state ? { state: options.state } : {}) };
      this.#pending.push({ batch, resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#flushing || this.#pending.length === 0) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined;
      this.#kick();
    });
  }

  async #flush(): Promise<void> {
    // Let feeds finishing in the same turn of the event loop join this flush.
    await new Promise((resolve) => setImmediate(resolve));
    const take: Pending[] = [];
    let count = 0;
    while (this.#pending.length > 0 && (take.length === 0 || count + this.#pending[0]!.batch.items.length <= this.maxItems)) {
      const next = this.#pending.shift()!;
      count += next.batch.items.length;
      take.push(next);
    }
    try {
      const results = await this.items.storeMany(take.map((p) => p.batch));
      take.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      // One bad batch must not fail the others: retry each alone, so the error stays with it.
      if (take.length === 1) take[0]!.reject(error);
      else
        for (const p of take) {
          await this.items.storeMany([p.batch]).then(
            ([r]) => p.resolve(r!),
            (e: unknown) => p.reject(e),
          );
        }
    }
  }
}
