// Where the catalog is mirrored in the database, so items, feeds' fetch state and
// preferences can reference it. Syncing is idempotent: a second sync of the same catalog
// changes nothing, and what the file no longer lists is disabled, never deleted.
import type { Catalog } from './catalog.ts';

export interface SyncCounts {
  added: number;
  updated: number;
  disabled: number;
}

export interface CatalogSyncReport {
  countries: SyncCounts;
  languages: SyncCounts;
  categories: SyncCounts;
  sources: SyncCounts;
  feeds: SyncCounts;
}

export interface CatalogRepository {
  sync(catalog: Catalog): Promise<CatalogSyncReport>;
}
