// Delivery, composed for a process's roles. The scheduler role runs the clocks: digests each
// minute (and held breaking news whose quiet hours ended), breaking fan-out every few
// seconds, retention hourly. The worker role sends what the outbox holds. Embedded (no
// REDIS_URL), workers poll the outbox and budgets live in memory; with REDIS_URL, the
// scheduler enqueues row ids on BullMQ, any number of worker processes take them, and the
// budgets live in Redis so they hold across all workers together.
import cron from 'node-cron';
import { systemClock } from '../core/clock.ts';
import { BreakingFanout } from '../core/delivery/breaking-fanout.ts';
import { FollowUps } from '../core/delivery/follow-ups.ts';
import { Deliverer } from '../core/delivery/deliverer.ts';
import { OutboxWorker } from '../core/delivery/outbox-worker.ts';
import { PlatformGate } from '../core/delivery/platform-gate.ts';
import { MemorySendBudget, type SendBudget } from '../core/delivery/send-budget.ts';
import { DigestScheduler } from '../core/digest/digest-scheduler.ts';
import type { Logger } from '../core/logger.ts';
import { retentionCutoffs } from '../core/retention/retention.ts';
import { DeliveryQueue, startDeliveryWorker } from '../queue/delivery-queue.ts';
import { RedisSendBudget } from '../queue/redis-send-budget.ts';
import type { Herald } from './compose.ts';

export interface DeliveryServices {
  /** Rows were added to the outbox in this process: send them soon. */
  onQueued(ids: number[]): void;
  /** Fan out breaking stories now (after a stories sweep, or an operator's push). */
  fanOutNow(): Promise<void>;
  digests: DigestScheduler;
  fanout: BreakingFanout;
  followUps: FollowUps;
  deliverer: Deliverer;
  stop(): Promise<void>;
}

/**
 * The deliverer on this process's budget: in memory, or in Redis with REDIS_URL (unless
 * `local`: a one-off send from the command line). A platform that gives no answer makes its
 * rows wait (no attempt counted), and this process's health says why.
 */
export function createDeliverer(herald: Herald, log: Logger, options: { local?: boolean } = {}): { deliverer: Deliverer; budget: SendBudget } {
  const { config, stores, health } = herald;
  const budget: SendBudget =
    config.redisUrl && !options.local
      ? new RedisSendBudget(config.redisUrl, herald.budgetLimits(), config.redisPrefix, log)
      : new MemorySendBudget(herald.budgetLimits());
  const gate = new PlatformGate({
    minDelayMs: 1000,
    maxDelayMs: 60_000,
    onChange: (platform, state, reason) => {
      health.set(platform, state, reason);
      if (state === 'down') log.warn({ platform, reason }, `${platform} unreachable: its messages wait for it`);
      else log.info({ platform }, `${platform} answers again: its messages go out`);
    },
  });
  const { maxAttempts, leaseMs, retryBaseMs: baseBackoffMs } = config.delivery;
  const deliverer = new Deliverer({
    gate,
    outbox: stores.outbox,
    messengers: herald.messengers(),
    metrics: herald.metrics,
    targets: stores.targets,
    budget,
    logger: log,
    clock: systemClock,
    options: { maxAttempts, leaseMs, baseBackoffMs },
  });
  return { deliverer, budget };
}

/** The digest scheduler, with the configured cap. */
export function createDigests(herald: Herald, log: Logger, onQueued: (ids: number[]) => void): DigestScheduler {
  const { stores, catalog, config } = herald;
  return new DigestScheduler(
    { audience: stores.audience, outbox: stores.outbox, stories: stores.stories, catalog, logger: log, clock: systemClock, onQueued },
    { cap: config.delivery.digestCap },
  );
}

export function startDelivery(herald: Herald, roles: { schedule: boolean; work: boolean }): DeliveryServices {
  const { config, stores, catalog } = herald;
  const log = herald.logger.child({ role: 'delivery' });
  const { deliverer, budget } = createDeliverer(herald, log);
  const queue = config.redisUrl && roles.schedule ? new DeliveryQueue(config.redisUrl, config.redisPrefix, log) : undefined;
  // Stopped in this order: the clocks, then the workers (sends in flight finish), then connections.
  const clocks: (() => Promise<void>)[] = [];
  const workers: (() => Promise<void>)[] = [];
  const connections: (() => Promise<void>)[] = [];

  let worker: OutboxWorker | undefined;
  if (roles.work && config.redisUrl) {
    const w = startDeliveryWorker(config.redisUrl, (ids, lanes) => deliverer.deliverIds(ids, lanes), {
      prefix: config.redisPrefix,
      concurrency: config.delivery.concurrency,
      lockMs: config.delivery.leaseMs,
      logger: log,
    });
    workers.push(() => w.stop());
    log.info({ queue: 'bullmq' }, 'delivery worker on');
  } else if (roles.work) {
    const w = new OutboxWorker(
      { outbox: stores.outbox, deliverer, logger: log, clock: systemClock },
      { batch: 200, concurrency: config.delivery.concurrency, idleMs: 1000 },
    );
    worker = w;
    w.start();
    workers.push(() => w.stop());
    log.info({ queue: 'outbox polling' }, 'delivery worker on');
  }

  const onQueued = (ids: number[]) => {
    if (queue) queue.enqueue(ids).catch((error: unknown) => log.error({ err: error }, 'enqueue failed; the sweep will enqueue them'));
    else worker?.wake();
  };
  const digests = createDigests(herald, log, onQueued);
  const fanout = new BreakingFanout(
    { stories: stores.audience, audience: stores.audience, outbox: stores.outbox, catalog, logger: log, clock: systemClock, onQueued },
    { capPerHour: config.delivery.breakingCapPerHour },
  );

  const followUps = new FollowUps(
    { stories: stores.audience, audience: stores.audience, outbox: stores.outbox, catalog, logger: log, clock: systemClock, onQueued },
    { minNewOutlets: config.delivery.followUpOutlets },
  );

  const guarded = (name: string, run: () => Promise<unknown>) => oneAtATime(log, name, run);
  const fanOutNow = guarded('breaking fan-out', () => fanout.run());
  if (roles.schedule) {
    // Follow-ups before releasing held news: one that waited out quiet hours leaves with the rest.
    const minute = guarded('digests', async () => (await digests.tick(), await followUps.run(), await fanout.releaseHeld()));
    // Jobs lost with a crash are enqueued again: rows claimed by a worker that died (their lease
    // ended), and, when the queue is empty, rows overdue for two minutes (the scheduler died
    // between writing them and enqueueing them). Rows waiting their turn in a backlog are left alone.
    const sweep = guarded('requeue', async () => {
      if (!queue) return;
      const pendingBefore = (await queue.backlog()) > 0 ? new Date(0) : new Date(Date.now() - 2 * 60_000);
      await queue.enqueue(await stores.outbox.staleIds(new Date(), pendingBefore, 5000));
    });
    // Retention: hourly, and once at start (a Herald that was down a week catches up at once).
    const prune = guarded('retention', () => pruneOld(herald, log));
    const tasks = [
      cron.schedule('* * * * *', minute, { noOverlap: true }),
      cron.schedule('17 * * * *', prune, { noOverlap: true }),
      cron.schedule('*/5 * * * * *', fanOutNow, { noOverlap: true }),
      ...(queue ? [cron.schedule('*/5 * * * * *', sweep, { noOverlap: true })] : []),
    ];
    clocks.push(async () => {
      for (const t of tasks) await t.stop();
    });
    void prune();
    void minute(); // a digest due while Herald was down goes out at start, not a minute later
    log.info({ digests: 'every minute', fanout: 'every 5 s' }, 'delivery scheduler on');
  }
  if (queue) connections.push(() => queue.close());
  connections.push(async () => budget.close?.());

  return {
    onQueued,
    fanOutNow,
    digests,
    fanout,
    followUps,
    deliverer,
    async stop() {
      for (const s of [...clocks, ...workers, ...connections]) await s();
    },
  };
}

/** Deletes what the retention policy no longer keeps, and says what went. */
async function pruneOld(herald: Herald, log: Logger): Promise<void> {
  const pruned = await herald.stores.retention.prune(retentionCutoffs(new Date(), herald.config.retention));
  if (Object.values(pruned).some((n) => n > 0)) log.info({ pruned }, 'old rows pruned');
}

/** One run at a time; a run that fails is logged and the next one tries again. */
function oneAtATime(log: Logger, name: string, run: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  return async () => {
    if (running) return;
    running = run().catch((error: unknown) => log.error({ err: error, task: name }, 'delivery task failed'));
    await running;
    running = undefined;
  };
}
