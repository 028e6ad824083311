// OutboxRepository on Prisma. Rows are added with INSERT … ON CONFLICT DO NOTHING (the unique
// (target, dedupe key) makes a second scheduler harmless). Claims are one conditional UPDATE
// that stamps a random token, then a read of the rows carrying it: on PostgreSQL two workers
// claiming at once never get the same row (the second UPDATE re-checks its condition after
// the first commits).
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock.ts';
import { platformSchema, targetKindSchema } from '../targets/target.ts';
import { parseMessage, serializeMessage, type ClaimedRow, type DeadLetter, type NewOutboxRow, type OutboxCounts, type OutboxKind, type OutboxRepository } from '../delivery/outbox.ts';
import type { OutgoingMessage } from '../delivery/messenger.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

const INSERT_ROWS = 400;
const targetSelect = { id: true, platform: true, externalId: true, kind: true, active: true } as const;

type Row = { id: number; targetId: number; dedupeKey: string; kind: string; payload: string; attempts: number; target: { id: number; platform: string; externalId: string; kind: string; active: boolean } };

function toClaimed(r: Row, claimToken: string, claimedAt: Date): ClaimedRow {
  return {
    claimToken,
    claimedAt,
    id: r.id,
    targetId: r.targetId,
    dedupeKey: r.dedupeKey,
    kind: r.kind as OutboxKind,
    message: parseMessage(r.payload),
    attempts: r.attempts,
    target: { ...r.target, platform: platformSchema.parse(r.target.platform), kind: targetKindSchema.parse(r.target.kind) },
  };
}

export class PrismaOutboxRepository implements OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  async add(rows: NewOutboxRow[]): Promise<number[]> {
    const ids: number[] = [];
    const now = this.clock();
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      const values = rows
        .slice(i, i + INSERT_ROWS)
        .map((r) => Prisma.sql`(${r.targetId}, ${r.dedupeKey}, ${r.kind}, ${serializeMessage(r.message)}, ${r.status ?? 'pending'}, 0, ${r.notBefore ?? now}, ${now}, ${now})`);
      const added = await this.db.$queryRaw<{ id: number }[]>`
        INSERT INTO "Outbox" ("targetId", "dedupeKey", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "id"`;
      ids.push(...added.map((a) => Number(a.id)));
    }
    return ids;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedRow[]> {
    const candidates = await this.db.outbox.findMany({
      where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    if (candidates.length === 0) return [];
    return this.#claim(
      candidates.map((c) => c.id),
      now,
      leaseUntil,
    );
  }

  async claim(id: number, now: Date, leaseUntil: Date): Promise<ClaimedRow | null> {
    return (await this.#claim([id], now, leaseUntil))[0] ?? null;
  }

  async claimIds(ids: number[], now: Date, leaseUntil: Date): Promise<ClaimedRow[]> {
    return ids.length === 0 ? [] : this.#claim(ids, now, leaseUntil);
  }

  async #claim(ids: number[], now: Date, leaseUntil: Date): Promise<ClaimedRow[]> {
    const token = randomUUID();
    const { count } = await this.db.outbox.updateMany({
      where: { id: { in: ids }, status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } },
      data: { status: 'sending', claimToken: token, nextAttemptAt: leaseUntil },
    });
    if (count === 0) return [];
    const rows = await this.db.outbox.findMany({ where: { claimToken: token }, orderBy: { id: 'asc' }, select: { id: true, targetId: true, dedupeKey: true, kind: true, payload: true, attempts: true, target: { select: targetSelect } } });
    return rows.map((r) => toClaimed(r, token, now));
  }

  async renewClaim(id: number, claimToken: string, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({ where: { id, claimToken, status: 'sending' }, data: { nextAttemptAt: leaseUntil } });
    return count === 1;
  }

  async markSent(id: number, platformMessageId: string, now: Date): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { status: 'sent', platformMessageId, sentAt: now, claimToken: null, lastError: null } });
  }

  async retryAt(id: number, at: Date, error: string | null, failed: boolean): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { status: 'pending', nextAttemptAt: at, claimToken: null, ...(failed ? { attempts: { increment: 1 }, lastError: error } : {}) } });
  }

  async markDead(id: number, error: string): Promise<void> {
    await this.db.outbox.update({ where: { id }, data: { status: 'dead', lastError: error, claimToken: null, attempts: { increment: 1 } } });
  }

  async heldDue(now: Date, limit: number): Promise<{ id: number; targetId: number; message: OutgoingMessage; createdAt: Date }[]> {
    const rows = await this.db.outbox.findMany({ where: { status: 'held', nextAttemptAt: { lte: now } }, orderBy: [{ targetId: 'asc' }, { id: 'asc' }], take: limit, select: { id: true, targetId: true, payload: true, createdAt: true } });
    return rows.map((r) => ({ id: r.id, targetId: r.targetId, message: parseMessage(r.payload), createdAt: r.createdAt }));
  }

  async mergeHeld(targetId: number, ids: number[], dedupeKey: string, combine: (messages: OutgoingMessage[]) => OutgoingMessage): Promise<number | undefined> {
    return this.db.$transaction(async (tx) => {
      const token = randomUUID();
      await tx.outbox.updateMany({ where: { id: { in: ids }, targetId, status: 'held' }, data: { status: 'merged', claimToken: token } });
      const mine = await tx.outbox.findMany({ where: { claimToken: token }, orderBy: { id: 'asc' }, select: { payload: true } });
      if (mine.length === 0) return undefined;
      const created = await tx.outbox.create({ data: { targetId, dedupeKey, kind: 'breaking', payload: serializeMessage(combine(mine.map((m) => parseMessage(m.payload)))) } });
      return created.id;
    });
  }

  async breakingCounts(targetIds: number[], since: Date): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (let i = 0; i < targetIds.length; i += 900) {
      const groups = await this.db.outbox.groupBy({
        by: ['targetId'],
        where: { targetId: { in: targetIds.slice(i, i + 900) }, kind: 'breaking', createdAt: { gte: since }, status: { in: ['pending', 'sending', 'sent', 'held'] } },
        _count: { _all: true },
      });
      for (const g of groups) counts.set(g.targetId, g._count._all);
    }
    return counts;
  }

  async staleIds(now: Date, pendingBefore: Date, limit: number): Promise<number[]> {
    const rows = await this.db.outbox.findMany({
      where: { OR: [{ status: 'sending', nextAttemptAt: { lte: now } }, { status: 'pending', nextAttemptAt: { lte: pendingBefore } }] },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async counts(): Promise<OutboxCounts> {
    const groups = await this.db.outbox.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: OutboxCounts = { pending: 0, sending: 0, held: 0, sent: 0, folded: 0, merged: 0, dead: 0 };
    for (const g of groups) if (g.status in counts) counts[g.status as keyof OutboxCounts] = g._count._all;
    return counts;
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = await this.db.outbox.findMany({ where: { status: 'dead' }, orderBy: { updatedAt: 'desc' }, take: limit, include: { target: { select: { platform: true } } } });
    return rows.map((r) => ({ id: r.id, targetId: r.targetId, platform: r.target.platform, dedupeKey: r.dedupeKey, attempts: r.attempts, lastError: r.lastError, updatedAt: r.updatedAt }));
  }
}
