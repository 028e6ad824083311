// Group commit for the inbox: updates arriving while a write is in flight are stored together
// in the next one, so a burst of webhook calls costs a few transactions, not one each, and each
// caller is answered only once its update is durably stored.
import type { InboundUpdate, InboxRepository } from './inbox.ts';

export type StoreOutcome = 'stored' | 'duplicate';

interface Waiting {
  update: InboundUpdate;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

export class InboxWriter {
  #queue: Waiting[] = [];
  #writing: Promise<void> | undefined;

  constructor(
    private readonly repo: InboxRepository,
    private readonly platform: string,
    private readonly options: { maxBatch: number; onStored?: () => void } = { maxBatch: 500 },
  ) {}

  /** Resolves once the update is stored ('stored'), or was stored before ('duplicate'). */
  add(update: InboundUpdate): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ update, resolve, reject });
      if (!this.#writing) this.#writing = this.#drain();
    });
  }

  /** Waits for every write in flight. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async #drain(): Promise<void> {
    // Let the requests that arrived in the same turn of the event loop join the first write.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.options.maxBatch);
        try {
          // Within a batch, a repeated id (a retry racing its original) is stored once.
          const unique = [...new Map(batch.map((w) => [w.update.updateId, w.update])).values()];
          const fresh = await this.repo.store(this.platform, unique);
          const claimed = new Set<string>();
          for (const w of batch) {
            const id = w.update.updateId;
            const isNew = fresh.has(id) && !claimed.has(id);
            if (isNew) claimed.add(id);
            w.resolve(isNew ? 'stored' : 'duplicate');
          }
          if (fresh.size > 0) this.options.onStored?.();
        } catch (error) {
          // This batch's callers get an error (Telegram retries them); the next batch tries again.
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.#writing = undefined;
    }
  }
}
