// A story: one event, reported by one or more outlets. What the clusterer keeps in memory
// and reports; storage mirrors it (prisma Story, Item.storyId).

export interface StoryItemInput {
  id: string;
  title: string;
  summary: string;
  url: string;
  /** The outlet. */
  source: string;
  publishedAt: Date;
  language: string;
  countries?: string[];
  categories?: string[];
  /** From a feed the catalog marks as breaking news. */
  breakingFeed?: boolean;
  /** From a feed's first fetch: clusters, but never makes a story break. */
  backlog?: boolean;
}

export type BreakingReason = 'outlets' | 'breaking-feed' | 'operator';

export interface StoryView {
  key: string;
  headline: string;
  language: string;
  items: { id: string; url: string; source: string; title: string; publishedAt: Date }[];
  outlets: string[];
  countries: string[];
  categories: string[];
  firstSeenAt: Date;
  lastUpdatedAt: Date;
  /** Distinct outlets per hour since the first report. */
  outletsPerHour: number;
  breakingAt: Date | null;
  breakingReason: BreakingReason | null;
}

export interface Assignment {
  storyKey: string;
  /** The item started a new story. */
  created: boolean;
  /** This item made the story break (happens once per story). */
  brokeNow: BreakingReason | null;
}

/** What storage needs of a story after a batch: its view without the member list. */
export type StoryUpdate = Omit<StoryView, 'items'>;
