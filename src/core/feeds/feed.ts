// A feed as ingest sees it: where to fetch, what it is (source, category, language), and its
// fetch state. The port its storage implements.
export const FEED_STATUSES = ['new', 'ok', 'failing', 'unhealthy'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

export interface FeedRecord {
  id: string;
  sourceId: string;
  url: string;
  categorySlug: string;
  languageCode: string;
  etag: string | null;
  lastModified: string | null;
  failures: number;
  status: FeedStatus;
  lastError: string | null;
  lastSuccessAt: Date | null;
  nextFetchAt: Date | null;
}

export interface FetchStateUpdate {
  status: FeedStatus;
  failures: number;
  lastError: string | null;
  nextFetchAt: Date;
  lastFetchedAt: Date;
  lastSuccessAt?: Date;
  etag?: string | null;
  lastModified?: string | null;
  /** A permanent redirect's target: the feed's new address. */
  url?: string;
}

/** Reading feeds; their fetch state is written with their items (ItemRepository.storeMany). */
export interface FeedRepository {
  /** Enabled feeds of enabled sources whose next fetch is due (or all of them). */
  due(now: Date, options: { all: boolean }): Promise<FeedRecord[]>;
  get(id: string): Promise<FeedRecord | null>;
}
