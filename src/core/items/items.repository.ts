// Where items are kept. Storing deduplicates: by guid within a feed, else by canonical URL
// within the source (the same article in two feeds of an outlet is one item in both
// categories), and entries with neither carry a URL made from their content hash.
import type { FetchStateUpdate } from '../feeds/feed.ts';
import type { NewItem } from './item.ts';

export interface StoreResult {
  /** Items seen for the first time. */
  added: number;
  /** Items the source already had from another feed, now also linked to this one. */
  linked: number;
  /** Items this feed had already delivered. */
  duplicates: number;
  addedIds: number[];
}

export interface StoreBatch {
  feed: { id: string; sourceId: string; languageCode: string };
  items: NewItem[];
  /** From a feed's first fetch: stored, never announced as breaking. */
  backlog: boolean;
  /**
   * The feed's fetch state after this fetch, written in the same transaction: items and
   * state commit together, and (on SQLite, whose one connection would let any other write
   * join an open transaction) no feed-state write runs beside a flush.
   */
  state?: FetchStateUpdate;
}

export interface ItemRepository {
  /** Stores several feeds' items in one transaction; one result per batch, in order. */
  storeMany(batches: StoreBatch[]): Promise<StoreResult[]>;
}
