// Limits how many fetches run at once: in total, and per host, so one slow outlet cannot
// take every slot and no outlet gets more than a couple of requests from us at a time.
class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(private readonly size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
  /** Nobody holds a slot and nobody waits. */
  get unused(): boolean {
    return this.#waiting.length === 0 && this.#free === this.size;
  }
}

export class HostLimiter {
  readonly #global: Semaphore;
  readonly #hosts = new Map<string, Semaphore>();
  constructor(
    global: number,
    private readonly perHost: number,
  ) {
    this.#global = new Semaphore(global);
  }

  async run<T>(host: string, work: () => Promise<T>): Promise<T> {
    let hostSlots = this.#hosts.get(host);
    if (!hostSlots) this.#hosts.set(host, (hostSlots = new Semaphore(this.perHost)));
    // Host first: a request queued behind its host's limit holds no global slot.
    await hostSlots.acquire();
    await this.#global.acquire();
    try {
      return await work();
    } finally {
      this.#global.release();
      hostSlots.release();
      if (hostSlots.unused) this.#hosts.delete(host);
    }
  }
}
