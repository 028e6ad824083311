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
  /** Counts the times this process has taken the lease (not renewals): what was built under an older one is stale. */
  #generation = 0;
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<unknown> | undefined;
  #stopped = false;

  constructor(private readonly deps: { repo: LeaseRepository; name: string; ttlMs: number; clock: Clock; logger: Logger }) {}

  /**
   * Takes or renews the lease now. `generation` changes each time this process takes it anew
   * (after not holding it, from here or from the renewal timer): whatever it keeps in memory
   * from an earlier generation must be rebuilt from storage.
   */
  async hold(): Promise<{ held: boolean; generation: number }> {
    if (this.#stopped) return { held: false, generation: this.#generation };
    const now = this.deps.clock();
    const held = await this.deps.repo.take(this.deps.name, this.holder, now, new Date(now.getTime() + this.deps.ttlMs));
    if (held && !this.#held) this.#generation++;
    if (held !== this.#held)
      this.deps.logger.info(
        { lease: this.deps.name, holder: this.holder },
        held ? `${this.deps.name} lease taken: this process does it now` : `${this.deps.name} lease held by another process`,
      );
    this.#held = held;
    return { held, generation: this.#generation };
  }

  /** The fence for a write made now (each transaction takes its own, at its own time). */
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
    const renew = () => {
      this.#renewing = this.hold()
        .catch((error: unknown) => this.deps.logger.warn({ err: error, lease: this.deps.name }, 'lease renewal failed; trying again'))
        .finally(() => {
          if (this.#stopped) return;
          this.#timer = setTimeout(renew, this.deps.ttlMs / 3);
          this.#timer.unref();
        });
    };
    renew();
  }

  /** Stops renewing and gives the lease up, so that another process takes it at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#renewing;
    if (this.#held) await this.deps.repo.release(this.deps.name, this.holder).catch(() => undefined);
    this.#held = false;
  }
}
