// Handles stored updates in the order they arrived: updates of one chat one after another (a
// button press after the command that showed it), different chats side by side. Each update
// is marked handled as soon as it is (marks made at the same time share one write), so a
// claim that runs out never hands a handled update to another process. A failure holds its
// chat back and is retried with growing waits; after the last attempt it is set aside with its
// error, and its chat goes on. An answer that cannot reach the platform at all counts no
// attempt: the update waits for the platform. After a crash, unmarked updates are handled again.
import type { Clock } from '../clock.ts';
import { GroupCommit } from '../group-commit.ts';
import type { Logger } from '../logger.ts';
import { PlatformUnavailable } from '../delivery/messenger.ts';
import { PermanentFailure, type InboxRepository, type StoredUpdate } from './inbox.ts';

export interface InboxProcessorOptions {
  batch: number;
  /** Chats handled at the same time. */
  concurrency: number;
  maxAttempts: number;
  /** How often to look when nothing woke it (updates stored by another process). */
  idleMs: number;
  /** How long a claim lasts: a process that dies while handling frees its updates after this. */
  leaseMs: number;
  /** The first retry's wait; each next one is four times longer. */
  retryBaseMs: number;
  /** How long handled updates are kept, to recognise Telegram's retries of them. */
  keepMs: number;
  /** How long an update whose answer found the platform unreachable waits before another try. */
  unreachableWaitMs: number;
}

const DEFAULT_INBOX_OPTIONS: InboxProcessorOptions = {
  batch: 100,
  concurrency: 16,
  maxAttempts: 5,
  idleMs: 1000,
  leaseMs: 120_000,
  retryBaseMs: 2000,
  keepMs: 7 * 24 * 3600_000,
  unreachableWaitMs: 10_000,
};
const PRUNE_EVERY_MS = 3600_000;
const SETTLE_MS = 50;

export class InboxProcessor {
  readonly #options: InboxProcessorOptions;
  #running = false;
  #loop: Promise<void> | undefined;
  #woken = false;
  #wake: (() => void) | undefined;
  /** Handled marks asked for while one is being written share the next write. */
  readonly #marks: GroupCommit<{ id: number; token: string }, void>;

  constructor(
    private readonly deps: {
      repo: InboxRepository;
      platform: string;
      handle: (body: unknown) => Promise<void>;
      logger: Logger;
      clock: Clock;
    },
    options: Partial<InboxProcessorOptions> = {},
  ) {
    this.#options = { ...DEFAULT_INBOX_OPTIONS, ...options };
    this.#marks = new GroupCommit<{ id: number; token: string }, void>(
      async (marks) => {
        const byToken = new Map<string, number[]>();
        for (const m of marks) {
          const ids = byToken.get(m.token);
          if (ids) ids.push(m.id);
          else byToken.set(m.token, [m.id]);
        }
        for (const [token, ids] of byToken) await deps.repo.markHandled(ids, token, deps.clock());
        return marks.map(() => undefined);
      },
      { maxWeight: 1000 },
    );
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New updates were stored: look now (or right after the pass in progress). */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Finishes the batch in hand; what is left waits in storage for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
  }

  /** Handles everything claimable now (for the CLI and tests); returns how many were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, handled } = await this.#once();
      total += handled;
      if (claimed === 0) return total;
    }
  }

  async #run(): Promise<void> {
    let prunedAt = 0;
    while (this.#running) {
      this.#woken = false;
      if (this.deps.clock().getTime() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = this.deps.clock().getTime();
        await this.deps.repo
          .prune(this.deps.platform, new Date(prunedAt - this.#options.keepMs))
          .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'inbox prune failed'));
      }
      let claimed = 0;
      try {
        claimed = (await this.#once()).claimed;
      } catch (error) {
        this.deps.logger.error({ err: error }, 'inbox read failed; retrying');
      }
      if (claimed > 0 && claimed < this.#options.batch && this.#running) {
        // A part batch: let more arrive before the next claim. Under a steady stream this turns
        // many small claims (each a few queries, on the same thread as the webhook's answers on
        // SQLite) into fewer full ones, for at most SETTLE_MS more before a reply.
        await new Promise((r) => setTimeout(r, SETTLE_MS));
      } else if (claimed === 0 && this.#running && !this.#woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.idleMs);
          this.#wake = () => (clearTimeout(timer), resolve());
        });
        this.#wake = undefined;
      }
    }
  }

  async #once(): Promise<{ claimed: number; handled: number }> {
    const { repo, platform, clock } = this.deps;
    const now = clock();
    const { token, updates } = await repo.claim(platform, this.#options.batch, now, new Date(now.getTime() + this.#options.leaseMs));
    if (updates.length === 0) return { claimed: 0, handled: 0 };
    const chats = new Map<string, StoredUpdate[]>();
    for (const u of updates) {
      const list = chats.get(u.chatKey);
      if (list) list.push(u);
      else chats.set(u.chatKey, [u]);
    }
    let handled = 0;
    const queue = [...chats.values()];
    const worker = async () => {
      for (let list = queue.shift(); list; list = queue.shift()) handled += await this.#chat(list, token);
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, queue.length) }, worker));
    return { claimed: updates.length, handled };
  }

  /** One chat's updates in order; stops at a failure that will be retried. Never throws. */
  async #chat(list: StoredUpdate[], token: string): Promise<number> {
    const { repo, logger, clock } = this.deps;
    let handled = 0;
    for (const [i, u] of list.entries()) {
      try {
        try {
          await this.deps.handle(JSON.parse(u.body));
        } catch (error) {
          if (error instanceof PlatformUnavailable) {
            // The answer could not reach the platform: the update waits for it, attempts intact,
            // and so do its chat's later ones.
            logger.warn({ err: error, update: u.updateId }, 'the platform cannot be reached; the update waits for it');
            await repo.postpone(u.id, token, error.message, new Date(clock().getTime() + this.#options.unreachableWaitMs));
            const rest = list.slice(i + 1).map((r) => r.id);
            if (rest.length > 0) await repo.release(rest, token);
            return handled;
          }
          const attempts = u.attempts + 1;
          const giveUp = attempts >= this.#options.maxAttempts || error instanceof PermanentFailure;
          const retryAt = giveUp ? null : new Date(clock().getTime() + this.#options.retryBaseMs * 4 ** u.attempts);
          logger.error(
            { err: error, update: u.updateId, attempts, giveUp },
            giveUp ? 'update failed for the last time; set aside' : 'update failed; its chat waits for the retry',
          );
          await repo.markFailed(u.id, token, (error as Error)?.message ?? String(error), retryAt, clock());
          if (giveUp) continue;
          // The chat's later updates wait behind this one.
          const rest = list.slice(i + 1).map((r) => r.id);
          if (rest.length > 0) await repo.release(rest, token);
          return handled;
        }
        await this.#marks.add({ id: u.id, token });
        handled++;
      } catch (error) {
        // Bookkeeping failed (the database): the claim runs out and the chat is tried again then.
        logger.error({ err: error, update: u.updateId }, 'inbox bookkeeping failed');
        return handled;
      }
    }
    return handled;
  }
}
