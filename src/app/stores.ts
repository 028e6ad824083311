// Every repository on one database, built once: the Prisma adapters (src/store) of the ports
// core declares.
import { PrismaAdminSessionRepository } from '../store/admin-sessions.store.ts';
import { PrismaAudienceRepository } from '../store/audience.store.ts';
import { PrismaCatalogRepository } from '../store/catalog.store.ts';
import { PrismaChatLog } from '../store/chat-log.store.ts';
import type { Database } from '../store/database.ts';
import { PrismaFeedRepository } from '../store/feeds.store.ts';
import { PrismaInboxRepository } from '../store/inbox.store.ts';
import { PrismaItemRepository } from '../store/items.store.ts';
import { PrismaLeaseRepository } from '../store/lease.store.ts';
import { PrismaOutboxRepository } from '../store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../store/preferences.store.ts';
import { PrismaRetentionRepository } from '../store/retention.store.ts';
import { PrismaStatusSource } from '../store/status.store.ts';
import { PrismaStoryRepository } from '../store/stories.store.ts';
import { PrismaSuggestionRepository } from '../store/suggestions.store.ts';
import { PrismaTargetRepository } from '../store/targets.store.ts';
import { PrismaWebSubRepository } from '../store/websub.store.ts';

export type Stores = ReturnType<typeof createStores>;

/** `platforms`: the chat platforms this Herald runs (the status page charts them from the start). */
export function createStores(database: Database, platforms: readonly string[]) {
  const db = database.prisma;
  return {
    adminSessions: new PrismaAdminSessionRepository(db),
    audience: new PrismaAudienceRepository(db),
    catalog: new PrismaCatalogRepository(db),
    chatLog: new PrismaChatLog(db),
    feeds: new PrismaFeedRepository(db),
    inbox: new PrismaInboxRepository(db),
    items: new PrismaItemRepository(db),
    leases: new PrismaLeaseRepository(db),
    outbox: new PrismaOutboxRepository(db),
    preferences: new PrismaPreferencesRepository(db),
    retention: new PrismaRetentionRepository(db),
    status: new PrismaStatusSource(db, platforms),
    stories: new PrismaStoryRepository(db),
    suggestions: new PrismaSuggestionRepository(db),
    targets: new PrismaTargetRepository(db),
    websub: new PrismaWebSubRepository(db),
  };
}
