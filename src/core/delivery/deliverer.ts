// Sends one claimed outbox row within the platform budgets, and records what happened:
// sent; rate limited (that chat waits, the row goes back with the wait, no attempt counted);
// a 5xx (retried with capped exponential backoff, dead-lettered with its error after the last
// attempt); rejected as it is (dead at once); target gone (deactivated, row dead); the
// platform unreachable (the row waits for it, no attempt counted, and so do the platform's
// other rows: see platform-gate.ts).
import type { Clock } from '../clock.ts';
import type { DeliveryCount, Metrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import type { Platform, TargetRepository } from '../targets/target.ts';
import { DeliveryError, MessageRejected, PlatformUnavailable, RateLimited, type Messenger } from './messenger.ts';
import type { ClaimedRow, OutboxRepository } from './outbox.ts';
import { PlatformGate } from './platform-gate.ts';
import type { ChatClass, SendBudget } from './send-budget.ts';
import { sendToTarget } from './send-to-target.ts';

export interface DeliveryOptions {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claim lasts: a worker that dies mid-send frees its rows after this. */
  leaseMs: number;
  /** A budget wait up to this long is waited out; a longer one puts the row back. */
  maxInlineWaitMs: number;
}

/** Rules of the sender's own; attempts, backoff and lease come from the configuration. */
const FIXED = { maxBackoffMs: 15 * 60_000, maxInlineWaitMs: 3000 };

/** `skipped`: the claim had passed to another worker by the time this one could send. */
export type DeliveryOutcome = 'sent' | 'deferred' | 'retry' | 'dead' | 'gone' | 'skipped';

/** What happened, and for a row put back (deferred, retry), when it is due again. */
export interface DeliveryResult {
  outcome: DeliveryOutcome;
  dueAgainAt?: Date;
}

export interface DelivererDeps {
  outbox: OutboxRepository;
  messengers: Partial<Record<Platform, Messenger>>;
  targets: TargetRepository;
  budget: SendBudget;
  logger: Logger;
  clock: Clock;
  /** Attempts, backoff and lease come from the configuration (DELIVERY_*). */
  options: Pick<DeliveryOptions, 'maxAttempts' | 'baseBackoffMs' | 'leaseMs'> & Partial<DeliveryOptions>;
  metrics?: Metrics;
  /** Which platforms answer; one is made when not given. */
  gate?: PlatformGate;
}

const chatClass = (kind: string): ChatClass => (kind === 'group' || kind === 'supergroup' || kind === 'topic' ? 'group' : 'private');
/** The chat whose limits a target spends: a forum topic ("<chat id>:<topic id>") its group's. */
const limitedChat = (kind: string, externalId: string) => (kind === 'topic' ? externalId.slice(0, externalId.lastIndexOf(':')) : externalId);
/** Slots a sender may miss by waking late before its row goes back to the queue. */
const LATE_TRIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How each outcome is counted; a skipped row was another worker's. */
const COUNTED: Record<DeliveryOutcome, DeliveryCount | undefined> = {
  sent: 'sent',
  deferred: 'deferred',
  retry: 'failed',
  dead: 'dead',
  gone: 'dead',
  skipped: undefined,
};

export class Deliverer {
  readonly options: DeliveryOptions;
  readonly gate: PlatformGate;
  constructor(private readonly deps: DelivererDeps) {
    this.options = { ...FIXED, ...deps.options };
    this.gate = deps.gate ?? new PlatformGate();
  }

  /**
   * Claims these rows (a queued batch) and delivers the due ones, `lanes` at a time: a lane
   * goes on to its next row once the platform has answered the last one.
   */
  async deliverIds(ids: number[], lanes = 1): Promise<(DeliveryResult & { id: number })[]> {
    const now = this.deps.clock();
    const rows = await this.deps.outbox.claimIds(ids, now, new Date(now.getTime() + this.options.leaseMs));
    const results: Promise<DeliveryResult & { id: number }>[] = [];
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        const { answered, done } = this.start(row);
        results.push(done.then((r) => ({ id: row.id, ...r })));
        await answered;
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, rows.length) }, lane));
    return Promise.all(results);
  }

  /**
   * Delivers one row, saying when the platform has answered (`answered`) apart from when the
   * row's bookkeeping is written too (`done`): a sender goes on to its next row at `answered`,
   * so the sent marks of several sends can share one write without holding the senders up.
   */
  start(row: ClaimedRow): { answered: Promise<void>; done: Promise<DeliveryResult> } {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const done = this.#deliverCounted(row, answer).finally(answer);
    return { answered, done };
  }

  async deliver(row: ClaimedRow): Promise<DeliveryResult> {
    return this.#deliverCounted(row, () => undefined);
  }

  async #deliverCounted(row: ClaimedRow, answered: () => void): Promise<DeliveryResult> {
    const { clock, logger } = this.deps;
    const { platform, externalId } = row.target;
    const started = clock().getTime();
    const result = await this.#deliver(row, answered).catch(async (error: unknown): Promise<DeliveryResult> => {
      // A failure of the bookkeeping itself (database): the lease ends and the row is claimed again.
      logger.error({ err: error, outbox: row.id }, 'delivery bookkeeping failed');
      return { outcome: 'retry', dueAgainAt: new Date(started + this.options.leaseMs) };
    });
    const counted = COUNTED[result.outcome];
    if (counted) this.deps.metrics?.delivery(platform, counted);
    if (result.outcome === 'dead') logger.warn({ outbox: row.id, target: row.targetId, platform, chat: externalId }, 'message dead-lettered');
    return result;
  }

  async #deliver(row: ClaimedRow, answered: () => void): Promise<DeliveryResult> {
    const { outbox, clock, budget } = this.deps;
    const { platform, externalId, kind } = row.target;
    const token = row.claimToken;
    // A claim taken a while ago (a long batch, a slow slot) is renewed before anything else,
    // so a row whose lease ran out and went to another worker is neither sent nor changed here.
    const stillMine = async () => {
      const now = clock().getTime();
      return now - row.claimedAt.getTime() <= this.options.leaseMs / 2 || outbox.renewClaim(row.id, token, new Date(now + this.options.leaseMs));
    };
    const putBack = async (waitMs: number, change: Parameters<OutboxRepository['retryAt']>[3], outcome: 'deferred' | 'retry'): Promise<DeliveryResult> => {
      const at = new Date(clock().getTime() + waitMs);
      return (await outbox.retryAt(row.id, token, at, change)) ? { outcome, dueAgainAt: at } : { outcome: 'skipped' };
    };
    if (!(await stillMine())) return { outcome: 'skipped' };
    if (!row.target.active) {
      return (await outbox.markDead(row.id, token, 'the target is inactive (blocked, removed or stopped)')) ? { outcome: 'dead' } : { outcome: 'skipped' };
    }
    const messenger = this.deps.messengers[platform];
    // This process cannot send there (the platform's token is not set here): leave it for one that can.
    if (!messenger) return putBack(60_000, { error: `no ${platform} messenger in this process` }, 'deferred');
    // The platform gave no answer lately: the row waits its turn, with no attempt counted.
    const closed = this.gate.admit(platform);
    if (closed > 0) return putBack(closed, {}, 'deferred');

    // Wait for a slot, one per platform message. A sender that wakes up later than its limits
    // allow (a busy machine), when its send could bunch up with the next ones, takes a new slot
    // rather than send late; after LATE_TRIES such slots the row goes back, due at once.
    const slot = async (): Promise<number | undefined> => {
      for (let tries = 1; ; tries++) {
        const s = await budget.reserve(platform, limitedChat(kind, externalId), chatClass(kind), this.options.maxInlineWaitMs);
        if (!s.reserved) return s.waitMs;
        const at = Date.now() + s.waitMs;
        if (s.waitMs > 0) await sleep(s.waitMs);
        if (Date.now() - at <= s.lateMs) return undefined;
        if (tries >= LATE_TRIES) return 0;
      }
    };
    const wait = await slot();
    if (wait !== undefined) return putBack(wait, {}, 'deferred');
    if (!(await stillMine())) return { outcome: 'skipped' };
    const beforePart = async () => {
      const w = await slot();
      if (w !== undefined) throw new RateLimited(w);
    };
    // A follow-up answers its alert (a reply, or the alert's thread), where the alert went out.
    const replyTo = row.kind === 'followup' ? await outbox.sentMessageId(row.targetId, row.dedupeKey.replace(/^followup:/, 'breaking:')) : null;
    const sending = Date.now();
    try {
      const result = await sendToTarget({ messenger, targets: this.deps.targets, logger: this.deps.logger }, { id: row.targetId, externalId }, row.message, {
        fromPart: row.partsSent,
        beforePart,
        ...(replyTo ? { replyTo } : {}),
      }).finally(answered);
      this.gate.reached(platform);
      this.deps.metrics?.sendDuration(platform, (Date.now() - sending) / 1000);
      if (result.status === 'gone') {
        await outbox.markDead(row.id, token, `target gone: ${result.reason}`);
        return { outcome: 'gone' };
      }
      if (result.sent.warning) this.deps.logger.warn({ outbox: row.id, target: row.targetId, platform, warning: result.sent.warning }, 'sent, with a warning');
      return (await outbox.markSent(row.id, token, result.sent.messageId, clock())) ? { outcome: 'sent' } : { outcome: 'skipped' };
    } catch (error) {
      // The messenger says how many parts of the message had gone out, counting earlier attempts.
      const partsSent = error instanceof DeliveryError ? Math.max(row.partsSent, error.partsSent) : row.partsSent;
      if (error instanceof PlatformUnavailable) {
        const wait = this.gate.unreachable(platform, error.message);
        return putBack(wait, { error: error.message, partsSent }, 'deferred');
      }
      if (error instanceof DeliveryError) this.gate.reached(platform);
      if (error instanceof RateLimited) {
        await budget.hold(platform, limitedChat(kind, externalId), error.retryAfterMs);
        return putBack(error.retryAfterMs, { partsSent }, 'deferred');
      }
      const message = (error as Error)?.message ?? String(error);
      if (error instanceof MessageRejected || row.attempts + 1 >= this.options.maxAttempts) {
        return (await outbox.markDead(row.id, token, message)) ? { outcome: 'dead' } : { outcome: 'skipped' };
      }
      const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** row.attempts);
      return putBack(backoff * (0.8 + Math.random() * 0.4), { error: message, failed: true, partsSent }, 'retry');
    }
  }
}
