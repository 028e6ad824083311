// The embedded delivery loop: claims due outbox rows in batches and delivers them with a few
// sends in flight, until stopped. It sleeps when nothing is due, and wakes early when this
// process adds rows. Stopping waits for the sends in flight (their rows are then settled).
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Deliverer } from './deliverer.ts';
import type { OutboxRepository } from './outbox.ts';

export interface OutboxWorkerOptions {
  batch: number;
  concurrency: number;
  idleMs: number;
}

export class OutboxWorker {
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly deps: { outbox: OutboxRepository; deliverer: Deliverer; logger: Logger; clock: Clock },
    private readonly options: OutboxWorkerOptions = { batch: 200, concurrency: 32, idleMs: 1000 },
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Something was added: look now instead of at the next idle tick. */
  wake(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  /** Delivers everything due now; returns how many rows were handled. For `digest send` and tests. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const n = await this.#pass();
      handled += n;
      if (n === 0) return handled;
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let handled = 0;
      try {
        handled = await this.#pass();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'delivery pass failed');
      }
      if (handled === 0 && this.#running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idleMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = undefined;
      }
    }
  }

  async #pass(): Promise<number> {
    const now = this.deps.clock();
    const rows = await this.deps.outbox.claimDue(now, this.options.batch, new Date(now.getTime() + this.deps.deliverer.options.leaseMs));
    let next = 0;
    const lane = async () => {
      while (next < rows.length) await this.deps.deliverer.deliver(rows[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, lane));
    return rows.length;
  }
}
