// Keeps stored items in stories: rebuilds the clusterer's window from storage at start,
// then clusters whatever items have no story yet (fetched or pushed) and stores the result.
// Reports the stories that turned breaking, once each.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { StoryRepository } from './stories.repository.ts';
import type { BreakingReason } from './story.ts';
import { StoryClusterer } from './story-clusterer.ts';

export interface SweepResult {
  items: number;
  newStories: number;
  breaking: { storyKey: string; reason: BreakingReason }[];
}

export class StoryService {
  #ready = false;

  constructor(
    private readonly deps: {
      repo: StoryRepository;
      clusterer: StoryClusterer;
      logger: Logger;
      clock: Clock;
      windowMs: number;
      batch?: number;
    },
  ) {}

  /** Puts the window's stored assignments back into the clusterer. */
  async warmUp(): Promise<number> {
    const since = new Date(this.deps.clock().getTime() - this.deps.windowMs);
    const stored = await this.deps.repo.clustered(since);
    for (const a of stored) this.deps.clusterer.restore(a.item, a.storyKey, a.breaking);
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
        const a = this.deps.clusterer.add(item);
        touched.add(a.storyKey);
        if (a.created) result.newStories++;
        if (a.brokeNow) result.breaking.push({ storyKey: a.storyKey, reason: a.brokeNow });
        return { itemId: item.id, storyKey: a.storyKey };
      });
      const views = [...touched].map((key) => this.deps.clusterer.story(key)).filter((v) => v !== undefined);
      await this.deps.repo.save(views, assignments);
      result.items += items.length;
      // A story left the window while this batch ran: its items would come back forever.
      if (views.length < touched.size) {
        this.deps.logger.warn({ lost: touched.size - views.length }, 'stories left the window during a sweep');
        break;
      }
    }
    if (result.items > 0) this.deps.logger.info({ ...result, breaking: result.breaking.length }, 'stories updated');
    for (const b of result.breaking) this.deps.logger.info({ story: b.storyKey, reason: b.reason }, 'story is breaking');
    return result;
  }
}
