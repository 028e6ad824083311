// The embedded delivery loop: a few senders ("lanes") take claimed outbox rows from a local
// queue that is topped up with the next claim before it runs dry, so the platform budget,
// not the batch boundaries, sets the pace. It sleeps when nothing is due and wakes early
// when this process adds rows. A lane goes on to its next row once the platform has answered,
// while the row's bookkeeping is written (with others'). Stopping waits for the sends in
// flight and their bookkeeping, and puts the rows still queued locally back (a crash leaves
// them to be claimed again when their lease ends).
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Deliverer } from './deliverer.ts';
import type { ClaimedRow, OutboxRepository } from './outbox.ts';

export interface OutboxWorkerOptions {
  batch: number;
  concurrency: number;
  idleMs: number;
}

export class OutboxWorker {
  #running = false;
  #lanes: Promise<void>[] = [];
  #queue: ClaimedRow[] = [];
  #refill: Promise<void> | undefined;
  #wakers = new Set<() => void>();
  /** Rows answered by the platform whose bookkeeping is still being written. */
  #settling = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: { outbox: OutboxRepository; deliverer: Deliverer; logger: Logger; clock: Clock },
    private readonly options: OutboxWorkerOptions = { batch: 200, concurrency: 32, idleMs: 1000 },
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#lanes = Array.from({ length: this.options.concurrency }, () => this.#lane());
  }

  /** Something was added: look now instead of at the next idle tick. */
  wake(): void {
    for (const w of this.#wakers) w();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await Promise.all(this.#lanes);
    await Promise.all(this.#settling);
    await this.#refill;
    // Rows claimed but not started go back at once, rather than when their lease ends.
    const unsent = this.#queue.splice(0);
    for (const row of unsent) await this.deps.outbox.retryAt(row.id, row.claimToken, this.deps.clock(), {}).catch(() => undefined);
  }

  /** Delivers everything due now, then returns how many rows it handled (for tests and one-off sends). */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = this.deps.clock();
      const rows = await this.deps.outbox.claimDue(now, this.options.batch, new Date(now.getTime() + this.deps.deliverer.options.leaseMs));
      if (rows.length === 0) return handled;
      let next = 0;
      const lane = async () => {
        while (next < rows.length) await this.deps.deliverer.deliver(rows[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, lane));
      handled += rows.length;
    }
  }

  async #lane(): Promise<void> {
    while (this.#running) {
      const row = await this.#take();
      if (!row) continue;
      const { answered, done } = this.deps.deliverer.start(row);
      this.#settling.add(done);
      void done.finally(() => this.#settling.delete(done)).catch(() => undefined);
      // While the database is slow to take the marks, sends wait for them: rows sent but not
      // yet marked are what a crash would send again, so they stay few.
      await (this.#settling.size > this.options.concurrency ? done : answered);
    }
  }

  /** The next row to send: from the local queue, topped up ahead of need; undefined after an idle wait. */
  async #take(): Promise<ClaimedRow | undefined> {
    if (this.#queue.length <= this.options.concurrency) void this.#topUp();
    if (this.#queue.length === 0) await this.#topUp();
    const row = this.#queue.shift();
    if (row || !this.#running) return row;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.idleMs);
      this.#wakers.add(done);
    });
    return undefined;
  }

  /** One claim at a time, shared by every lane that needs it. */
  #topUp(): Promise<void> {
    this.#refill ??= (async () => {
      try {
        const now = this.deps.clock();
        // Rows to a platform that gives no answer wait for it in the outbox, unclaimed.
        const rows = await this.deps.outbox.claimDue(
          now,
          this.options.batch,
          new Date(now.getTime() + this.deps.deliverer.options.leaseMs),
          this.deps.deliverer.gate.waiting(),
        );
        this.#queue.push(...rows);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'claiming outbox rows failed');
      } finally {
        this.#refill = undefined;
      }
    })();
    return this.#refill;
  }
}
