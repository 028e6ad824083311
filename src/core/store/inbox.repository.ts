// InboxRepository on Prisma. Storing is one portable INSERT … ON CONFLICT DO NOTHING RETURNING
// per batch: the unique (platform, updateId) decides which updates are new, also between two
// web processes receiving the same retried update. Claims are one conditional UPDATE under a
// random token, then a read of the rows carrying it (as the outbox does).
import { randomUUID } from 'node:crypto';
import type { InboundUpdate, InboxRepository, StoredUpdate } from '../inbox/inbox.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

// Five values per row: well under the 32,766 one statement may bind.
const INSERT_ROWS = 2000;
const IDS = 10_000;

export class PrismaInboxRepository implements InboxRepository {
  constructor(private readonly db: Db) {}

  async store(platform: string, updates: InboundUpdate[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    const now = new Date();
    for (let i = 0; i < updates.length; i += INSERT_ROWS) {
      const values = updates.slice(i, i + INSERT_ROWS).map((u) => Prisma.sql`(${platform}, ${u.updateId}, ${u.chatKey}, ${u.body}, ${now})`);
      const rows = await this.db.$queryRaw<{ updateId: string }[]>`
        INSERT INTO "InboundUpdate" ("platform", "updateId", "chatKey", "body", "receivedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "updateId"`;
      for (const r of rows) fresh.add(r.updateId);
    }
    return fresh;
  }

  async claim(platform: string, limit: number, now: Date, until: Date): Promise<{ token: string; updates: StoredUpdate[] }> {
    const token = randomUUID();
    // Claimable: unhandled, not held, and no older update of its chat held (by another
    // process, or waiting for its retry). The condition is repeated outside the subquery: on
    // PostgreSQL, a second claimer waiting on the same rows re-checks it after the first
    // commits, and skips them.
    await this.db.$executeRaw`
      UPDATE "InboundUpdate" SET "claimToken" = ${token}, "claimedUntil" = ${until}
      WHERE "id" IN (
        SELECT u."id" FROM "InboundUpdate" u
        WHERE u."platform" = ${platform} AND u."handledAt" IS NULL AND (u."claimedUntil" IS NULL OR u."claimedUntil" < ${now})
          AND NOT EXISTS (
            SELECT 1 FROM "InboundUpdate" o
            WHERE o."chatKey" = u."chatKey" AND o."platform" = u."platform" AND o."id" < u."id"
              AND o."handledAt" IS NULL AND o."claimedUntil" >= ${now}
          )
        ORDER BY u."id" LIMIT ${limit}
      ) AND "handledAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})`;
    const updates = await this.db.inboundUpdate.findMany({
      where: { claimToken: token },
      orderBy: { id: 'asc' },
      select: { id: true, updateId: true, chatKey: true, body: true, attempts: true },
    });
    return { token, updates };
  }

  async markHandled(ids: number[], token: string, at: Date): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS) {
      await this.db.inboundUpdate.updateMany({ where: { id: { in: ids.slice(i, i + IDS) }, claimToken: token }, data: { handledAt: at, claimedUntil: null } });
    }
  }

  async markFailed(id: number, token: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
    await this.db.inboundUpdate.updateMany({
      where: { id, claimToken: token },
      // Held until the retry: the claim query keeps the chat's later updates behind it.
      data: { attempts: { increment: 1 }, lastError: error.slice(0, 1000), ...(retryAt ? { claimedUntil: retryAt } : { handledAt: at, claimedUntil: null }) },
    });
  }

  async release(ids: number[], token: string): Promise<void> {
    await this.db.inboundUpdate.updateMany({ where: { id: { in: ids }, claimToken: token, handledAt: null }, data: { claimedUntil: null } });
  }

  depth(platform: string): Promise<number> {
    return this.db.inboundUpdate.count({ where: { platform, handledAt: null } });
  }
}
