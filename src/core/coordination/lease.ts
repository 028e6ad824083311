// A lease on work that one process at a time may do (clustering stories: two clusterers, each
// with its own window in memory, would put the same event into two stories). The holder
// renews it well before it ends; when the holder dies, the lease ends and another process
// takes it over. Writes made under the lease are fenced: they name the lease and its holder,
// and are refused once it has passed to someone else (a holder that paused for too long).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';

export interface LeaseRepository {
  /**
   * Takes the lease for `holder` until `until`, or renews it, unless another holder has it and
   * it has not ended at `now`. True when `holder` has it now.
   */
  take(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Gives it up, if `holder` has it. */
  release(name: string, holder: string): Promise<void>;
}

/** What a write under the lease names, to be refused when the lease is no longer its holder's. */
export interface LeaseFence {
  name: string;
  holder: string;
  /** The holder's time of the write: the lease must not have ended by then. */
  now: Date;
  /** The lease is renewed to this by the write itself. */
  until: Date;
}

/** The lease passed to another process: the work under it must stop, and its memory is stale. */
export class LeaseLost extends Error {
  constructor(name: string) {
    super(`the ${name} lease is held by another process now`);
    this.name = 'LeaseLost';
  }
}

export class Lease {
  readonly holder = randomUUID();
  #held = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: { repo: LeaseRepository; name: string; ttlMs: number; clock: Clock; logger: Logger },
  ) {}

  /**
   * Takes or renews the lease now. `fresh` is true when this process did not hold it a moment
   * ago (just taken, or taken back): what it keeps in memory must be rebuilt from storage.
   */
  async hold(): Promise<{ held: boolean; fresh: boolean }> {
    const now = this.deps.clock();
    const held = await this.deps.repo.take(this.deps.name, this.holder, now, new Date(now.getTime() + this.deps.ttlMs));
    const fresh = held && !this.#held;
    if (held !== this.#held) this.deps.logger.info({ lease: this.deps.name, holder: this.holder }, held ? `${this.deps.name} lease taken: this process does it now` : `${this.deps.name} lease held by another process`);
    this.#held = held;
    return { held, fresh };
  }

  /** The fence for a write made now. */
  fence(): LeaseFence {
    const now = this.deps.clock();
    return { name: this.deps.name, holder: this.holder, now, until: new Date(now.getTime() + this.deps.ttlMs) };
  }

  /** The lease was found lost (a fenced write was refused). */
  lost(): void {
    this.#held = false;
  }

  /** Renews the lease every third of its length, so that it lasts as long as this process. */
  start(): void {
    const renew = () =>
      this.hold()
        .catch((error: unknown) => this.deps.logger.warn({ err: error, lease: this.deps.name }, 'lease renewal failed; trying again'))
        .finally(() => {
          this.#timer = setTimeout(renew, this.deps.ttlMs / 3);
          this.#timer.unref();
        });
    void renew();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#held) await this.deps.repo.release(this.deps.name, this.holder).catch(() => undefined);
    this.#held = false;
  }
}
