// The clustering thread: holds the story window in its own memory and answers the story
// service's calls (reset, restore, add), so that clustering thousands of items never holds
// up the main thread's event loop.
import { clusterBatch } from '../core/stories/clustering.ts';
import type { StoredAssignment } from '../core/stories/stories.repository.ts';
import type { StoryItemInput } from '../core/stories/story.ts';
import { StoryClusterer, type ClusterOptions, type StoryRules } from '../core/stories/story-clusterer.ts';
import { serveThread } from './thread.ts';

/** Made by the first reset, which carries the story rules. */
let clusterer: StoryClusterer | undefined;
const current = (): StoryClusterer => {
  if (!clusterer) throw new Error('clustering thread used before its first reset');
  return clusterer;
};

serveThread({
  reset(options: StoryRules & Partial<ClusterOptions>) {
    clusterer = new StoryClusterer(options);
  },
  restore(batch: StoredAssignment[]) {
    for (const a of batch) current().restore(a.item, a.storyKey, a.breaking);
  },
  add(items: StoryItemInput[]) {
    return clusterBatch(current(), items);
  },
});
