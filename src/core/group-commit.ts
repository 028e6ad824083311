// Group commit: callers arriving while a write is in flight are written together in the next
// one, and each is answered once its own part is written. Batches grow with load; a lone
// caller is written at once (after the current turn of the event loop, so the callers of one
// turn share a write). Used for feed items, webhook updates and the inbox's handled marks.

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T> {
  /** A write takes at most about this much (by `weight`, one per item by default); the rest wait. */
  maxWeight: number;
  weight?: (item: T) => number;
  /** When a write of several fails, write each alone, so the error stays with its own item. */
  isolateFailures?: boolean;
  /** Wait this long before each write, for more callers (0: the end of the current turn). */
  lingerMs?: number;
}

export class GroupCommit<T, R> {
  #pending: Pending<T, R>[] = [];
  #flushing: Promise<void> | undefined;

  constructor(
    /** Writes the items; answers one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#kick();
    });
  }

  /** Waits until everything added so far is written (or failed). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  #kick(): void {
    if (this.#flushing || this.#pending.length === 0) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined;
      this.#kick();
    });
  }

  async #flush(): Promise<void> {
    const linger = this.options.lingerMs ?? 0;
    await new Promise((resolve) => (linger > 0 ? setTimeout(resolve, linger) : setImmediate(resolve)));
    const weight = this.options.weight ?? (() => 1);
    const take: Pending<T, R>[] = [];
    let total = 0;
    while (this.#pending.length > 0 && (take.length === 0 || total + weight(this.#pending[0]!.item) <= this.options.maxWeight)) {
      const next = this.#pending.shift()!;
      total += weight(next.item);
      take.push(next);
    }
    try {
      const results = await this.write(take.map((p) => p.item));
      take.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (!this.options.isolateFailures || take.length === 1) {
        for (const p of take) p.reject(error);
        return;
      }
      for (const p of take) {
        await this.write([p.item]).then(
          ([r]) => p.resolve(r!),
          (e: unknown) => p.reject(e),
        );
      }
    }
  }
}
