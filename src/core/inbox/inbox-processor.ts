// Handles stored updates in the order they arrived: updates of one chat one after another (a
// button press after the command that showed it), different chats side by side. A handled
// update is marked; one that keeps failing is set aside with its error after a few attempts,
// so it never blocks the chats behind it. After a crash, unmarked updates are handled again.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { InboxRepository, StoredUpdate } from './inbox.ts';

export interface InboxProcessorOptions {
  batch: number;
  /** Chats handled at the same time. */
  concurrency: number;
  maxAttempts: number;
  /** How often to look when nothing woke it (updates stored by another process). */
  idleMs: number;
  /** How long a claim lasts: a process that dies while handling frees its updates after this. */
  leaseMs: number;
}

export class InboxProcessor {
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      repo: InboxRepository;
      platform: string;
      /** Which chat an update belongs to; updates of one chat are handled in order. */
      chatOf: (body: unknown) => string;
      handle: (body: unknown) => Promise<void>;
      logger: Logger;
      clock: Clock;
    },
    private readonly options: InboxProcessorOptions = { batch: 200, concurrency: 16, maxAttempts: 5, idleMs: 1000, leaseMs: 60_000 },
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New updates were stored: look now. */
  wake(): void {
    this.#wake?.();
  }

  /** Finishes the batch in hand; what is left waits in storage for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
  }

  /** Handles everything pending now (for the CLI and tests); returns how many were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.#once();
      if (n === 0) return total;
      total += n;
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let handled = 0;
      try {
        handled = await this.#once();
      } catch (error) {
        this.deps.logger.error({ err: error }, 'inbox read failed; retrying');
      }
      if (handled === 0 && this.#running) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          this.#timer = setTimeout(resolve, this.options.idleMs);
        });
        clearTimeout(this.#timer);
        this.#wake = undefined;
      }
    }
  }

  async #once(): Promise<number> {
    const { repo, platform, logger, clock } = this.deps;
    const now = clock();
    const updates = await repo.claim(platform, this.options.batch, now, new Date(now.getTime() + this.options.leaseMs));
    if (updates.length === 0) return 0;
    const chats = new Map<string, StoredUpdate[]>();
    for (const u of updates) {
      let chat = 'unknown';
      let body: unknown;
      try {
        body = JSON.parse(u.body);
        chat = this.deps.chatOf(body);
      } catch {
        // Stored bodies were parsed before they were stored; this cannot fail short of corruption.
      }
      const list = chats.get(chat);
      if (list) list.push(u);
      else chats.set(chat, [u]);
    }
    const handled: number[] = [];
    const queue = [...chats.values()];
    const worker = async () => {
      for (let list = queue.shift(); list; list = queue.shift()) {
        for (const u of list) {
          try {
            await this.deps.handle(JSON.parse(u.body));
            handled.push(u.id);
          } catch (error) {
            const giveUp = u.attempts + 1 >= this.options.maxAttempts;
            logger.error({ err: error, update: u.updateId, attempts: u.attempts + 1, giveUp }, 'update failed');
            await repo.markFailed(u.id, (error as Error)?.message ?? String(error), giveUp, clock());
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
    if (handled.length > 0) await repo.markHandled(handled, clock());
    return updates.length;
  }
}
