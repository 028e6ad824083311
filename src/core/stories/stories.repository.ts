// Where stories are kept, and where the items to cluster come from.
import type { LeaseFence } from '../coordination/lease.ts';
import type { BreakingReason, StoryItemInput, StoryUpdate } from './story.ts';

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
  /**
   * Items already in stories, published since `since`, oldest first (by publication, then id):
   * the window to rebuild, `limit` at a time, from after `after`.
   */
  clustered(since: Date, page: { limit: number; after?: { publishedAt: Date; id: string } }): Promise<StoredAssignment[]>;
  /** A stored item by its canonical URL (the first stored, if outlets share one). */
  itemByUrl(url: string): Promise<StoryItemInput | null>;
  /** Items not yet in a story, first seen and published since `since`, oldest first. */
  unclustered(since: Date, limit: number): Promise<StoryItemInput[]>;
  /**
   * Writes the given stories (by key) and points the items at them: each story with its items
   * in one transaction. With a fence (made anew for each transaction, at its own time), every
   * transaction renews the lease first, and throws LeaseLost (writing nothing) when it has
   * passed to another holder.
   */
  save(stories: StoryUpdate[], assignments: { itemId: string; storyKey: string }[], fence?: () => LeaseFence): Promise<void>;
  list(options: { since: Date; breakingOnly: boolean; limit: number }): Promise<StoryListing[]>;
}
