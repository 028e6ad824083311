// A story: one event, reported by one or more outlets. What the clusterer keeps in memory
// and reports; storage mirrors it (prisma Story, Item.storyId).
import type { AnchorExplanation } from './cross-language.ts';

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
  /** Its first report's language. */
  language: string;
  /** Every language it is reported in. */
  languages: string[];
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

/** Why two items would or would not be one story (StoryClusterer.explain). */
export interface PairExplanation {
  shared: { term: string; name: boolean; idf: number; contribution: number }[];
  cosine: number;
  gapDays: number;
  bar: number;
  unmatchedNames: string[];
  penalty: number;
  margin: number;
  joins: boolean;
  /** Why they stay apart: different languages (and too little in common across them), fewer than two shared terms, or the margin. */
  apart?: 'language' | 'shared-terms' | 'margin';
  /** In different languages: the figures, countries and names they share, and the bar. */
  across?: AnchorExplanation;
  /** Items in the window the term weights come from. */
  windowItems: number;
}
