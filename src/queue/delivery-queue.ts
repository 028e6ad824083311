// Scale-out delivery on BullMQ (Redis): the scheduler enqueues outbox row ids, any number of
// worker processes take them. The outbox row stays the truth: a job only says "look at row
// N", the worker claims the row before sending, so a duplicate or stale job does nothing, and
// a job lost with a killed worker is enqueued again by the scheduler's sweep once the row's
// lease has ended.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import { logRedisErrors } from './redis-health.ts';

const DELIVERY_QUEUE = 'herald-deliveries';
const BATCH = 25;
/**
 * A job's rows are sent this many at a time. Rows claimed by a job wait for that job alone, so
 * few jobs with several lanes each hold fewer rows aside than many jobs of one lane: when the
 * queue runs dry, the last rows go out at the full rate instead of trailing behind.
 */
const JOB_LANES = 5;
/**
 * Every job is prioritized, and a row put back to retry goes before new rows: BullMQ moves a
 * delayed job to the back of its queue when its time comes, so, in a fan-out of 100,000, a
 * retry due in a second would otherwise wait for every row enqueued before it (1 is first).
 */
const PRIORITY = { retry: 1, new: 2 } as const;

export class DeliveryQueue {
  readonly #queue: Queue;
  readonly #redis: Redis;
  constructor(url: string, prefix: string, logger: Logger) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: null });
    logRedisErrors(this.#redis, logger, 'delivery queue');
    this.#queue = new Queue(DELIVERY_QUEUE, { connection: this.#redis, prefix });
    this.#queue.on('error', (error) => logger.error({ err: error }, 'delivery queue error'));
  }

  /**
   * Enqueues rows by id, in jobs of up to BATCH rows (one claim and one job per batch instead
   * of per message); the same batch already waiting is not added twice.
   */
  async enqueue(ids: number[]): Promise<void> {
    const jobs = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      jobs.push({
        name: 'deliver',
        data: { ids: batch },
        opts: { jobId: `o${batch[0]}-${batch.at(-1)}-${batch.length}`, priority: PRIORITY.new, removeOnComplete: true, removeOnFail: true, attempts: 1 },
      });
    }
    for (let i = 0; i < jobs.length; i += 500) await this.#queue.addBulk(jobs.slice(i, i + 500));
  }

  /** Jobs waiting, delayed or running: while there are any, overdue rows are probably queued. */
  async backlog(): Promise<number> {
    const counts = await this.#queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await this.#queue.close();
    await this.#redis.quit();
  }
}

export interface RunningDeliveryWorker {
  stop(): Promise<void>;
}

/**
 * A BullMQ worker that hands each job's row id to `deliver`. A row put back for later (rate
 * limited, or to retry) is enqueued again with that delay, so it does not wait for the sweep.
 */
export function startDeliveryWorker(
  url: string,
  deliver: (ids: number[], lanes: number) => Promise<{ id: number; dueAgainAt?: Date }[]>,
  opts: { prefix: string; concurrency: number; lockMs: number; logger: Logger },
): RunningDeliveryWorker {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  logRedisErrors(redis, opts.logger, 'delivery worker');
  const again = new Queue(DELIVERY_QUEUE, { connection: redis, prefix: opts.prefix });
  again.on('error', (error) => opts.logger.error({ err: error }, 'delivery queue error'));
  const worker = new Worker(
    DELIVERY_QUEUE,
    async (job) => {
      const ids = ((job.data as { ids?: unknown }).ids as unknown[] | undefined)?.map(Number).filter(Number.isInteger) ?? [];
      for (const result of await deliver(ids, JOB_LANES)) {
        if (!result.dueAgainAt) continue;
        const at = result.dueAgainAt.getTime();
        await again.add(
          'deliver',
          { ids: [result.id] },
          {
            jobId: `r${result.id}-${at}`,
            delay: Math.max(0, at - Date.now()),
            priority: PRIORITY.retry,
            removeOnComplete: true,
            removeOnFail: true,
            attempts: 1,
          },
        );
      }
    },
    // `concurrency` counts messages in flight: jobs times their lanes, rounded up.
    {
      connection: redis,
      prefix: opts.prefix,
      concurrency: Math.max(1, Math.ceil(opts.concurrency / JOB_LANES)),
      lockDuration: opts.lockMs,
      stalledInterval: opts.lockMs,
    },
  );
  worker.on('failed', (job, error) => opts.logger.error({ err: error, job: job?.id }, 'delivery job failed'));
  worker.on('error', (error) => opts.logger.error({ err: error }, 'delivery worker error'));
  return {
    async stop() {
      await worker.close();
      await again.close();
      await redis.quit();
    },
  };
}
