// How often something happened per key (a client address) over a sliding window, to refuse
// the next time once it is too often: wrong admin tokens, new web chats. An attempt is checked
// and counted in one synchronous step, so requests arriving together cannot all pass a check
// before any of them is counted. In memory, per process, and bounded: at most `max` times per
// key and `maxKeys` keys (the least recently used goes first), so a flood of addresses costs a
// fixed amount of memory.
import { systemClock, type Clock } from '../clock.ts';

export interface WindowedCounterOptions {
  max: number;
  windowMs: number;
  maxKeys?: number;
  clock?: Clock;
}

export class WindowedCounter {
  readonly #times = new Map<string, number[]>();
  readonly #clock: Clock;
  readonly #maxKeys: number;

  constructor(private readonly options: WindowedCounterOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /**
   * Counts an attempt for `key` now, unless it has used up its window: then nothing is counted
   * and the answer is how long it must wait. 0 means the attempt goes ahead.
   */
  attempt(key: string): number {
    const now = this.#clock().getTime();
    const times = (this.#times.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (times.length >= this.options.max) {
      this.#keep(key, times);
      return Math.max(1, times[0]! + this.options.windowMs - now);
    }
    times.push(now);
    this.#keep(key, times);
    return 0;
  }

  /** Takes back the attempt counted last for `key` (it turned out not to count: it succeeded). */
  forgive(key: string): void {
    this.#times.get(key)?.pop();
  }

  #keep(key: string, times: number[]): void {
    this.#times.delete(key); // re-inserted: the Map's order is the order keys were last used
    if (times.length > 0) this.#times.set(key, times);
    if (this.#times.size > this.#maxKeys) this.#times.delete(this.#times.keys().next().value!);
  }
}
