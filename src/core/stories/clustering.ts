// The clusterer as the story service uses it: asynchronous, so that it can run in a worker
// thread (src/threads/cluster-thread.ts) with the window in that thread's memory, off the
// event loop. InProcessClustering runs it here instead (the CLI's one-off runs, tests).
import type { StoredAssignment } from './stories.repository.ts';
import type { BreakingReason, StoryItemInput, StoryUpdate } from './story.ts';
import type { ClusterOptions, StoryClusterer, StoryRules } from './story-clusterer.ts';

export interface ClusterBatch {
  assignments: { itemId: string; storyKey: string; created: boolean; brokeNow: BreakingReason | null }[];
  /** The stories the batch touched, as they stand now. */
  stories: StoryUpdate[];
  /** Touched stories that left the window during the batch (their items would come back). */
  lost: number;
}

export interface Clustering {
  /** Starts afresh: an empty window. */
  reset(): Promise<void>;
  /** Puts back items whose stories are known (rebuilding the window from storage). */
  restore(batch: StoredAssignment[]): Promise<void>;
  /** Places each item in its story, or a new one. */
  add(items: StoryItemInput[]): Promise<ClusterBatch>;
  close(): Promise<void>;
}

/** Runs one batch on a clusterer: what both implementations do with it. */
export function clusterBatch(clusterer: StoryClusterer, items: StoryItemInput[]): ClusterBatch {
  const touched = new Set<string>();
  const assignments = items.map((item) => {
    const a = clusterer.add(item);
    touched.add(a.storyKey);
    return { itemId: item.id, storyKey: a.storyKey, created: a.created, brokeNow: a.brokeNow };
  });
  const stories: StoryUpdate[] = [];
  for (const key of touched) {
    const view = clusterer.story(key);
    if (!view) continue;
    const { items: _members, ...update } = view;
    stories.push(update);
  }
  return { assignments, stories, lost: touched.size - stories.length };
}

export class InProcessClustering implements Clustering {
  #clusterer: StoryClusterer;
  constructor(private readonly newClusterer: () => StoryClusterer) {
    this.#clusterer = newClusterer();
  }
  async reset(): Promise<void> {
    this.#clusterer = this.newClusterer();
  }
  async restore(batch: StoredAssignment[]): Promise<void> {
    for (const a of batch) this.#clusterer.restore(a.item, a.storyKey, a.breaking);
  }
  async add(items: StoryItemInput[]): Promise<ClusterBatch> {
    return clusterBatch(this.#clusterer, items);
  }
  async close(): Promise<void> {}
}

/** The options a clusterer is made with, as they cross to a worker thread. */
export type ClusteringOptions = Partial<ClusterOptions> & Partial<Pick<StoryRules, 'acrossLanguages'>>;
