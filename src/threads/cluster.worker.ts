// The clustering thread: holds the story window in its own memory and answers the story
// service's calls (reset, restore, add), so that clustering thousands of items never holds
// up the main thread's event loop.
import { clusterBatch } from '../core/stories/clustering.ts';
import type { StoredAssignment } from '../core/stories/stories.repository.ts';
import type { StoryItemInput } from '../core/stories/story.ts';
import { StoryClusterer, type ClusterOptions } from '../core/stories/story-clusterer.ts';
import { serveThread } from './thread.ts';

let clusterer = new StoryClusterer();

serveThread({
  reset(options: Partial<ClusterOptions>) {
    clusterer = new StoryClusterer(options);
  },
  restore(batch: StoredAssignment[]) {
    for (const a of batch) clusterer.restore(a.item, a.storyKey, a.breaking);
  },
  add(items: StoryItemInput[]) {
    return clusterBatch(clusterer, items);
  },
});
