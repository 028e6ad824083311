// Stores webhook updates by group commit: updates arriving while a write is in flight are
// stored together in the next one, so a burst of webhook calls costs a few transactions, not
// one each, and each caller is answered only once its update is durably stored.
import { GroupCommit } from '../group-commit.ts';
import type { InboundUpdate, InboxRepository } from './inbox.ts';

export type StoreOutcome = 'stored' | 'duplicate';

export class InboxWriter {
  readonly #commit: GroupCommit<InboundUpdate, StoreOutcome>;

  constructor(repo: InboxRepository, platform: string, options: { maxBatch: number; onStored?: () => void } = { maxBatch: 500 }) {
    this.#commit = new GroupCommit(
      async (batch) => {
        // Within a batch, a repeated id (a retry racing its original) is stored once.
        const fresh = await repo.store(platform, [...new Map(batch.map((u) => [u.updateId, u])).values()]);
        const claimed = new Set<string>();
        const outcomes = batch.map((u): StoreOutcome => {
          if (!fresh.has(u.updateId) || claimed.has(u.updateId)) return 'duplicate';
          claimed.add(u.updateId);
          return 'stored';
        });
        if (fresh.size > 0) options.onStored?.();
        return outcomes;
      },
      // A failed write fails its whole batch: those callers answer 503 and Telegram retries them.
      { maxWeight: options.maxBatch },
    );
  }

  /** Resolves once the update is stored ('stored'), or was stored before ('duplicate'). */
  add(update: InboundUpdate): Promise<StoreOutcome> {
    return this.#commit.add(update);
  }

  /** Waits for every write in flight. */
  flush(): Promise<void> {
    return this.#commit.flush();
  }
}
