// InboxRepository on Prisma. Storing is one portable INSERT … ON CONFLICT DO NOTHING RETURNING
// per batch: the unique (platform, updateId) decides which updates are new, also between two
// web processes receiving the same retried update. Claims are one conditional UPDATE under a
// random token, then a read of the rows carrying it (as the outbox does).
import { randomUUID } from 'node:crypto';
import type { InboundUpdate, InboxRepository, StoredUpdate } from '../core/inbox/inbox.ts';
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
    // Handled updates are kept (for dedupe) and come first in id order: starting the scans at
    // the oldest unhandled one keeps a claim's cost off the history's size.
    const [row] = await this.db.$queryRaw<{ first: number | bigint | null }[]>`
      SELECT MIN("id") AS "first" FROM "InboundUpdate" WHERE "platform" = ${platform} AND "handledAt" IS NULL`;
    if (row?.first === null || row?.first === undefined) return { token, updates: [] };
    const first = Number(row.first);
    // Claimable: unhandled, not held, and not of a chat with an update held (by another
    // process, or waiting for its retry), so a chat's updates go in order and one at a time.
    // Two plain queries whose plans do not depend on the statistics: the held updates by the
    // claimedUntil index (few), then the oldest unhandled ones by id. (A correlated NOT EXISTS
    // went quadratic on PostgreSQL with a 27,000-update backlog and stale statistics.)
    const held = await this.db.$queryRaw<{ chatKey: string }[]>`
      SELECT DISTINCT "chatKey" FROM "InboundUpdate"
      WHERE "claimedUntil" >= ${now} AND "platform" = ${platform} AND "handledAt" IS NULL`;
    const blocked = held.length > 0 ? Prisma.sql`AND "chatKey" NOT IN (${Prisma.join(held.map((h) => h.chatKey))})` : Prisma.empty;
    const candidates = await this.db.$queryRaw<{ id: number }[]>`
      SELECT "id" FROM "InboundUpdate"
      WHERE "id" >= ${first} AND "platform" = ${platform} AND "handledAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now}) ${blocked}
      ORDER BY "id" LIMIT ${limit}`;
    if (candidates.length === 0) return { token, updates: [] };
    // The condition is repeated: on PostgreSQL, a second claimer waiting on the same rows
    // re-checks it after the first commits, and skips them.
    await this.db.$executeRaw`
      UPDATE "InboundUpdate" SET "claimToken" = ${token}, "claimedUntil" = ${until}
      WHERE "id" IN (${Prisma.join(candidates.map((c) => Number(c.id)))}) AND "handledAt" IS NULL AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})`;
    const claimed = await this.db.inboundUpdate.findMany({
      where: { claimToken: token },
      orderBy: { id: 'asc' },
      select: { id: true, updateId: true, chatKey: true, body: true, attempts: true },
    });
    if (claimed.length === 0) return { token, updates: [] };
    // Two processes claiming at the same moment may each have read before the other
    // committed, and taken updates of the same chat. Now both claims are visible: where
    // another holds an older update of a chat, this claim gives its later ones back. The holder
    // of a chat's oldest held update never does, so the chat goes on, in order.
    const others = await this.db.$queryRaw<{ chatKey: string; first: number | bigint }[]>`
      SELECT "chatKey", MIN("id") AS "first" FROM "InboundUpdate"
      WHERE "claimedUntil" >= ${now} AND "platform" = ${platform} AND "handledAt" IS NULL AND "claimToken" <> ${token}
        AND "chatKey" IN (${Prisma.join([...new Set(claimed.map((u) => u.chatKey))])})
      GROUP BY "chatKey"`;
    const heldFrom = new Map(others.map((o) => [o.chatKey, Number(o.first)]));
    const giveBack = claimed.filter((u) => u.id > (heldFrom.get(u.chatKey) ?? Infinity)).map((u) => u.id);
    if (giveBack.length > 0) await this.release(giveBack, token);
    const returned = new Set(giveBack);
    return { token, updates: claimed.filter((u) => !returned.has(u.id)) };
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

  async postpone(id: number, token: string, error: string, until: Date): Promise<void> {
    await this.db.inboundUpdate.updateMany({ where: { id, claimToken: token }, data: { lastError: error.slice(0, 1000), claimedUntil: until } });
  }

  async release(ids: number[], token: string): Promise<void> {
    await this.db.inboundUpdate.updateMany({ where: { id: { in: ids }, claimToken: token, handledAt: null }, data: { claimedUntil: null } });
  }

  async prune(platform: string, handledBefore: Date): Promise<number> {
    const { count } = await this.db.inboundUpdate.deleteMany({ where: { platform, handledAt: { lt: handledBefore } } });
    return count;
  }

  depth(platform: string): Promise<number> {
    return this.db.inboundUpdate.count({ where: { platform, handledAt: null } });
  }
}
