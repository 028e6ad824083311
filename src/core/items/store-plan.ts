// What storing a flush of feeds' items means, decided without storage: which entries are
// repeats (a feed's guid or a source's URL seen before, in this flush or stored), which are
// new items, and which are a source's stored item now also carried by another feed. The
// store looks up what it already holds, then writes what this plan says.
import type { NewItem } from './item.ts';
import type { StoreBatch, StoreResult } from './items.repository.ts';

/** What storage already holds, as far as this flush asks. */
export interface StoredItems {
  /** Whether this feed delivered an entry with this guid before. */
  feedHasGuid(feedId: string, guid: string): boolean;
  /** The stored item of this source at this canonical URL. */
  itemId(sourceId: string, url: string): number | undefined;
  /** Whether a stored item is linked to this feed already. */
  linked(itemId: number, feedId: string): boolean;
}

export interface NewItemPlan {
  sourceId: string;
  item: NewItem;
  /** The batch it came from (its feed's language, its backlog flag). */
  batch: number;
}

export interface LinkPlan {
  sourceId: string;
  url: string;
  feedId: string;
  guid: string | null;
  batch: number;
}

export interface StorePlan {
  create: NewItemPlan[];
  /** Every (item, feed) link to write: the new items' and the stored items' new feeds. */
  link: LinkPlan[];
  /** Per batch, in order; `addedIds` is filled by the store as it inserts. */
  results: StoreResult[];
}

const key = (...parts: (string | number)[]) => parts.join('\u0000');

/**
 * Within one flush, a feed's first entry of a guid and of a URL wins; the rest are repeats.
 * Returns what is left of each batch, and the results so far.
 */
export function firstInFlush(batches: StoreBatch[]): { unique: NewItem[][]; results: StoreResult[] } {
  const results: StoreResult[] = batches.map(() => ({ added: 0, linked: 0, duplicates: 0, addedIds: [] }));
  const unique = batches.map((b, i) => {
    const guids = new Set<string>();
    const urls = new Set<string>();
    return b.items.filter((item) => {
      const dup = (item.guid !== null && guids.has(item.guid)) || urls.has(item.url);
      if (item.guid) guids.add(item.guid);
      urls.add(item.url);
      if (dup) results[i]!.duplicates++;
      return !dup;
    });
  });
  return { unique, results };
}

/**
 * The plan for entries that are first in their flush (`firstInFlush`), given what is stored.
 * An entry its feed delivered before (by guid) or already links (by URL) is a repeat; one whose
 * source has the article from another feed is linked to this feed too (one item in both
 * categories); the rest are new items, one per source and URL even when two feeds bring it.
 */
export function planStore(batches: StoreBatch[], first: { unique: NewItem[][]; results: StoreResult[] }, stored: StoredItems): StorePlan {
  const results = first.results.map((r) => ({ ...r, addedIds: [...r.addedIds] }));
  const create: NewItemPlan[] = [];
  const link: LinkPlan[] = [];
  const planned = new Set<string>(); // source + url of items this plan creates
  const linkKeys = new Set<string>(); // source + url + feed of links this plan writes
  const flushGuids = new Set<string>(); // feed + guid taken in this plan
  batches.forEach((b, i) => {
    const result = results[i]!;
    for (const item of first.unique[i]!) {
      const { id: feedId, sourceId } = b.feed;
      const article = key(sourceId, item.url);
      const linkKey = key(article, feedId);
      const existing = stored.itemId(sourceId, item.url);
      const repeat =
        (item.guid !== null && (stored.feedHasGuid(feedId, item.guid) || flushGuids.has(key(feedId, item.guid)))) ||
        linkKeys.has(linkKey) ||
        (existing !== undefined && stored.linked(existing, feedId));
      if (repeat) {
        result.duplicates++;
        continue;
      }
      linkKeys.add(linkKey);
      if (item.guid) flushGuids.add(key(feedId, item.guid));
      if (existing === undefined && !planned.has(article)) {
        planned.add(article);
        create.push({ sourceId, item, batch: i });
        result.added++;
      } else {
        result.linked++;
      }
      link.push({ sourceId, url: item.url, feedId, guid: item.guid, batch: i });
    }
  });
  return { create, link, results };
}
