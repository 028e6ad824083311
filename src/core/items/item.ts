// A feed entry after normalisation: what ingest hands to storage. Plain text, a canonical
// URL, a sane publication time.
export interface NewItem {
  /** The feed's own id for the entry, when it has one. */
  guid: string | null;
  /** Canonical URL (tracking parameters and fragment removed); urn:herald:… when the entry has no link. */
  url: string;
  title: string;
  summary: string;
  imageUrl: string | null;
  /** The entry's own categories, as the feed gives them. */
  categories: string[];
  publishedAt: Date;
  /** Hash of title and publication date: the identity of an entry with neither guid nor link. */
  contentHash: string;
}
