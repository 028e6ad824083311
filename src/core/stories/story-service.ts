// Keeps stored items in stories: rebuilds the clusterer's window from storage when it starts
// clustering, then clusters whatever items have no story yet (fetched or pushed) and stores
// the result. Reports the stories that turned breaking, once each. With a lease, only the
// process holding it clusters (any number may fetch); one that takes the lease over rebuilds
// its window first, and its writes are refused once the lease has passed on.
import type { Clock } from '../clock.ts';
import { LeaseLost, type Lease } from '../coordination/lease.ts';
import type { Metrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import type { Clustering } from './clustering.ts';
import type { StoryRepository } from './stories.repository.ts';
import type { BreakingReason } from './story.ts';

export interface SweepResult {
  items: number;
  newStories: number;
  breaking: { storyKey: string; reason: BreakingReason }[];
}

/** Stored assignments read back at a time when the window is rebuilt. */
const RESTORE_PAGE = 2000;

export class StoryService {
  #ready = false;
  /** The lease generation the window was built under. */
  #builtUnder: number | undefined;

  constructor(
    private readonly deps: {
      repo: StoryRepository;
      clustering: Clustering;
      logger: Logger;
      clock: Clock;
      windowMs: number;
      /** Items clustered and saved at a time. */
      batch?: number;
      metrics?: Metrics;
      /** Only one process at a time clusters: the holder of this lease. */
      lease?: Lease;
    },
  ) {}

  /** Rebuilds the window from the assignments stored within it; returns how many items it holds. */
  async warmUp(): Promise<number> {
    const { clustering, repo, clock, windowMs } = this.deps;
    await clustering.reset();
    const since = new Date(clock().getTime() - windowMs);
    let total = 0;
    for (let after: { publishedAt: Date; id: string } | undefined; ;) {
      const page = await repo.clustered(since, { limit: RESTORE_PAGE, ...(after ? { after } : {}) });
      if (page.length === 0) break;
      await clustering.restore(page);
      total += page.length;
      const last = page.at(-1)!.item;
      after = { publishedAt: last.publishedAt, id: last.id };
      if (page.length < RESTORE_PAGE) break;
    }
    this.#ready = true;
    this.deps.logger.info({ items: total }, 'story window restored');
    return total;
  }

  /** Clusters items that have no story yet, until none are left (when this process may). */
  async sweep(): Promise<SweepResult> {
    const result: SweepResult = { items: 0, newStories: 0, breaking: [] };
    const { lease } = this.deps;
    let generation: number | undefined;
    if (lease) {
      const hold = await lease.hold();
      if (!hold.held) {
        this.#ready = false; // another process clusters meanwhile: this window goes stale
        return result;
      }
      // Taken anew since the window was built (here, or by the renewal timer): rebuild it.
      if (hold.generation !== this.#builtUnder) this.#ready = false;
      generation = hold.generation;
    }
    try {
      await this.#sweep(result, generation);
    } catch (error) {
      // Memory may be ahead of storage now (a failed save, a clustering thread that died): it
      // is rebuilt from storage, and the items not saved are clustered again (breaking included).
      this.#ready = false;
      if (!(error instanceof LeaseLost)) throw error;
      lease?.lost();
      this.deps.logger.warn({ err: error }, 'stories: the lease passed to another process mid-sweep; it clusters from here');
    }
    if (result.items > 0) this.deps.metrics?.storiesClustered(result.newStories, result.breaking.length);
    if (result.items > 0) this.deps.logger.info({ ...result, breaking: result.breaking.length }, 'stories updated');
    for (const b of result.breaking) this.deps.logger.info({ story: b.storyKey, reason: b.reason }, 'story is breaking');
    return result;
  }

  async #sweep(result: SweepResult, generation: number | undefined): Promise<void> {
    const { repo, clustering, clock, windowMs, lease } = this.deps;
    if (!this.#ready) {
      await this.warmUp();
      this.#builtUnder = generation;
    }
    const since = new Date(clock().getTime() - windowMs);
    for (;;) {
      const items = await repo.unclustered(since, this.deps.batch ?? 1000);
      if (items.length === 0) break;
      const batch = await clustering.add(items);
      await repo.save(batch.stories, batch.assignments, lease ? () => lease.fence() : undefined);
      result.items += items.length;
      for (const a of batch.assignments) {
        if (a.created) result.newStories++;
        if (a.brokeNow) result.breaking.push({ storyKey: a.storyKey, reason: a.brokeNow });
      }
      // A story left the window while this batch ran: its items would come back forever.
      if (batch.lost > 0) {
        this.deps.logger.warn({ lost: batch.lost }, 'stories left the window during a sweep');
        break;
      }
    }
  }
}
