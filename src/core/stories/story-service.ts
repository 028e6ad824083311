// Keeps stored items in stories: rebuilds the clusterer's window from storage at start,
// then clusters whatever items have no story yet (fetched or pushed) and stores the result.
// Reports the stories that turned breaking, once each.
import type { Clock } from '../clock.ts';
import type { Metrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import type { StoryRepository } from './stories.repository.ts';
import type { BreakingReason } from './story.ts';
import type { StoryClusterer } from './story-clusterer.ts';

export interface SweepResult {
  items: number;
  newStories: number;
  breaking: { storyKey: string; reason: BreakingReason }[];
}

export class StoryService {
  #ready = false;
  #clusterer: StoryClusterer;

  constructor(
    private readonly deps: {
      repo: StoryRepository;
      /** A fresh clusterer: after a failed save, memory is rebuilt from storage. */
      newClusterer: () => StoryClusterer;
      logger: Logger;
      clock: Clock;
      windowMs: number;
      batch?: number;
      metrics?: Metrics;
    },
  ) {
    this.#clusterer = deps.newClusterer();
  }

  /** Puts the window's stored assignments back into the clusterer. */
  async warmUp(): Promise<number> {
    this.#clusterer = this.deps.newClusterer();
    const since = new Date(this.deps.clock().getTime() - this.deps.windowMs);
    const stored = await this.deps.repo.clustered(since);
    for (const a of stored) this.#clusterer.restore(a.item, a.storyKey, a.breaking);
    this.#ready = true;
    return stored.length;
  }

  /** Clusters items that have no story yet, until none are left. */
  async sweep(): Promise<SweepResult> {
    if (!this.#ready) await this.warmUp();
    const result: SweepResult = { items: 0, newStories: 0, breaking: [] };
    const since = new Date(this.deps.clock().getTime() - this.deps.windowMs);
    for (;;) {
      const items = await this.deps.repo.unclustered(since, this.deps.batch ?? 2000);
      if (items.length === 0) break;
      const touched = new Set<string>();
      const assignments = items.map((item) => {
        const a = this.#clusterer.add(item);
        touched.add(a.storyKey);
        if (a.created) result.newStories++;
        if (a.brokeNow) result.breaking.push({ storyKey: a.storyKey, reason: a.brokeNow });
        return { itemId: item.id, storyKey: a.storyKey };
      });
      const views = [...touched].map((key) => this.#clusterer.story(key)).filter((v) => v !== undefined);
      try {
        await this.deps.repo.save(views, assignments);
      } catch (error) {
        // Memory is ahead of storage now: rebuild it from storage, and the next sweep
        // clusters these items again (breaking included).
        this.#ready = false;
        throw error;
      }
      result.items += items.length;
      // A story left the window while this batch ran: its items would come back forever.
      if (views.length < touched.size) {
        this.deps.logger.warn({ lost: touched.size - views.length }, 'stories left the window during a sweep');
        break;
      }
    }
    if (result.items > 0) this.deps.metrics?.storiesClustered(result.newStories, result.breaking.length);
    if (result.items > 0) this.deps.logger.info({ ...result, breaking: result.breaking.length }, 'stories updated');
    for (const b of result.breaking) this.deps.logger.info({ story: b.storyKey, reason: b.reason }, 'story is breaking');
    return result;
  }
}
