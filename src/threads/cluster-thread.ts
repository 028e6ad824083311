// Clustering in a worker thread (cluster.worker.ts): the same Clustering as in process, with
// the window in the thread's memory. If the thread dies, its calls fail and the story service
// rebuilds the window from storage in a new one (reset, then restore).
import type { ClusterBatch, Clustering, ClusteringOptions } from '../core/stories/clustering.ts';
import type { StoredAssignment } from '../core/stories/stories.repository.ts';
import type { StoryItemInput } from '../core/stories/story.ts';
import { Thread } from './thread.ts';

export class ClusterThread implements Clustering {
  readonly #thread = new Thread(new URL('./cluster.worker.ts', import.meta.url));
  constructor(private readonly options: ClusteringOptions = {}) {}

  reset(): Promise<void> {
    return this.#thread.call('reset', this.options);
  }
  restore(batch: StoredAssignment[]): Promise<void> {
    return this.#thread.call('restore', batch);
  }
  add(items: StoryItemInput[]): Promise<ClusterBatch> {
    return this.#thread.call('add', items);
  }
  close(): Promise<void> {
    return this.#thread.close();
  }
}
