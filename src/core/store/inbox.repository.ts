// InboxRepository on Prisma. Storing is one portable INSERT … ON CONFLICT DO NOTHING RETURNING
// per batch: the unique (platform, updateId) decides which updates are new, also between two
// web processes receiving the same retried update.
import { randomUUID } from 'node:crypto';
import type { InboundUpdate, InboxRepository, StoredUpdate } from '../inbox/inbox.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

// Three values per row: well under the 32,766 one statement may bind.
const INSERT_ROWS = 2000;

export class PrismaInboxRepository implements InboxRepository {
  constructor(private readonly db: Db) {}

  async store(platform: string, updates: InboundUpdate[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    const now = new Date();
    for (let i = 0; i < updates.length; i += INSERT_ROWS) {
      const values = updates.slice(i, i + INSERT_ROWS).map((u) => Prisma.sql`(${platform}, ${u.updateId}, ${u.body}, ${now})`);
      const rows = await this.db.$queryRaw<{ updateId: string }[]>`
        INSERT INTO "InboundUpdate" ("platform", "updateId", "body", "receivedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "updateId"`;
      for (const r of rows) fresh.add(r.updateId);
    }
    return fresh;
  }

  async claim(platform: string, limit: number, now: Date, until: Date): Promise<StoredUpdate[]> {
    const token = randomUUID();
    // The condition is repeated outside the subquery: on PostgreSQL, a second claimer waiting
    // on the same rows re-checks it after the first commits, and skips them.
    await this.db.$executeRaw`
      UPDATE "InboundUpdate" SET "claimToken" = ${token}, "claimedUntil" = ${until}
      WHERE "id" IN (
        SELECT "id" FROM "InboundUpdate"
        WHERE "platform" = ${platform} AND "handledAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        ORDER BY "id" LIMIT ${limit}
      ) AND "handledAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})`;
    return this.db.inboundUpdate.findMany({
      where: { claimToken: token },
      orderBy: { id: 'asc' },
      select: { id: true, updateId: true, body: true, attempts: true },
    });
  }

  async markHandled(ids: number[], at: Date): Promise<void> {
    for (let i = 0; i < ids.length; i += 10_000) await this.db.inboundUpdate.updateMany({ where: { id: { in: ids.slice(i, i + 10_000) } }, data: { handledAt: at } });
  }

  async markFailed(id: number, error: string, giveUp: boolean, at: Date): Promise<void> {
    await this.db.inboundUpdate.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: error.slice(0, 1000), claimedUntil: null, ...(giveUp ? { handledAt: at } : {}) } });
  }

  depth(platform: string): Promise<number> {
    return this.db.inboundUpdate.count({ where: { platform, handledAt: null } });
  }
}
