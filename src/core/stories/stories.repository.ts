// Where stories are kept, and where the items to cluster come from.
import type { BreakingReason, StoryItemInput, StoryView } from './story.ts';

export interface StoredAssignment {
  item: StoryItemInput;
  storyKey: string;
  breaking: { at: Date; reason: BreakingReason } | undefined;
}

export interface StoryListing {
  id: number;
  key: string;
  headline: string;
  language: string;
  outlets: string[];
  countries: string[];
  categories: string[];
  itemCount: number;
  firstSeenAt: Date;
  lastUpdatedAt: Date;
  breakingAt: Date | null;
  breakingReason: string | null;
  urls: string[];
}

export interface StoryRepository {
  /** Items already in stories, published since `since`, oldest first: the window to rebuild. */
  clustered(since: Date): Promise<StoredAssignment[]>;
  /** Items not yet in a story, first seen and published since `since`, oldest first. */
  unclustered(since: Date, limit: number): Promise<StoryItemInput[]>;
  /** Writes the given stories (by key) and points the items at them, in one transaction. */
  save(stories: StoryView[], assignments: { itemId: string; storyKey: string }[]): Promise<void>;
  list(options: { since: Date; breakingOnly: boolean; limit: number }): Promise<StoryListing[]>;
}
