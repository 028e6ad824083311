// How often something happened per key (a client address) over a sliding window, to refuse
// the next time once it is too often: failed sign-ins, new web chats. In memory, per process,
// and bounded: at most `max` times per key and `maxKeys` keys (the oldest key goes first), so
// a flood of addresses costs a fixed amount of memory.

export interface WindowedCounterOptions {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}

export class WindowedCounter {
  readonly #times = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(private readonly options: WindowedCounterOptions) {
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /** How long until `key` may act again: 0 when it may now. */
  retryAfterMs(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.options.max) return 0;
    return Math.max(1, times[0]! + this.options.windowMs - this.#now());
  }

  /** It happened once more. */
  add(key: string): void {
    const times = this.#recent(key);
    times.push(this.#now());
    if (times.length > this.options.max) times.shift();
    this.#times.delete(key); // re-inserted: the Map's order is the order keys were last used
    this.#times.set(key, times);
    if (this.#times.size > this.#maxKeys) this.#times.delete(this.#times.keys().next().value!);
  }

  reset(key: string): void {
    this.#times.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.options.windowMs;
    const times = (this.#times.get(key) ?? []).filter((t) => t > since);
    return times;
  }
}
