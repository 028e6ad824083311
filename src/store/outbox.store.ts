// OutboxRepository on Prisma. Messages are stored once per distinct body (OutboxPayload, keyed
// by its hash) and shared by the rows that send them. Rows are added with INSERT … ON CONFLICT
// DO NOTHING (the unique (target, dedupe key) makes a second scheduler harmless). Claims are one
// conditional UPDATE that stamps a random token, then a read of the rows carrying it: on
// PostgreSQL two workers claiming at once never get the same row (the second UPDATE re-checks
// its condition after the first commits). Every later state change names the token. Sent
// marks, one per message and the most frequent write of a fan-out, are written together.
import { createHash, randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../core/clock.ts';
import { GroupCommit } from '../core/group-commit.ts';
import { platformSchema, targetKindSchema, type Platform } from '../core/targets/target.ts';
import {
  parseMessage,
  serializeMessage,
  type ClaimedRow,
  type DeadLetter,
  type NewOutboxRow,
  type OutboxKind,
  type OutboxRepository,
} from '../core/delivery/outbox.ts';
import type { OutgoingMessage } from '../core/message/outgoing.ts';
import { Prisma } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

// Rows per statement and ids per lookup: under the 32,766 values one statement may bind.
const INSERT_ROWS = 2000;
const LOOKUP = 10_000;
// Sent marks per UPDATE (four values each, well under the bind limit), and how long a mark
// waits for others: at 900 sends a second, one UPDATE for about ten sends instead of one each.
const MARK_ROWS = 500;
const MARK_LINGER_MS = 10;
const rowSelect = {
  id: true,
  targetId: true,
  dedupeKey: true,
  kind: true,
  payloadId: true,
  attempts: true,
  partsSent: true,
  target: { select: { id: true, platform: true, externalId: true, kind: true, active: true } },
} as const;

type Row = {
  id: number;
  targetId: number;
  dedupeKey: string;
  kind: string;
  payloadId: number;
  attempts: number;
  partsSent: number;
  target: { id: number; platform: string; externalId: string; kind: string; active: boolean };
};
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const hashOf = (body: string) => createHash('sha256').update(body).digest('hex');

interface SentMark {
  id: number;
  claimToken: string;
  platformMessageId: string;
  now: Date;
}

export class PrismaOutboxRepository implements OutboxRepository {
  readonly #marks = new GroupCommit<SentMark, boolean>((marks) => this.#markSent(marks), {
    maxWeight: MARK_ROWS,
    lingerMs: MARK_LINGER_MS,
    isolateFailures: true,
  });
  /** Payload ids of message objects already stored (weakly held: they go with their tick). */
  readonly #stored = new WeakMap<OutgoingMessage, number>();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  async add(rows: NewOutboxRow[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const now = this.clock();
    const payloadIds = await this.#payloads(
      this.db,
      rows.map((r) => r.message),
    );
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      const values = rows
        .slice(i, i + INSERT_ROWS)
        .map(
          (r, k) =>
            Prisma.sql`(${r.targetId}, ${r.dedupeKey}, ${r.kind}, ${payloadIds[i + k]!}, ${r.status ?? 'pending'}, 0, ${r.notBefore ?? now}, ${now}, ${now})`,
        );
      const added = await this.db.$queryRaw<{ id: number }[]>`
        INSERT INTO "Outbox" ("targetId", "dedupeKey", "kind", "payloadId", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT DO NOTHING
        RETURNING "id"`;
      ids.push(...added.map((a) => Number(a.id)));
    }
    return ids;
  }

  /** The payload id of each message, storing each distinct body once. */
  async #payloads(db: Db | Tx, messages: OutgoingMessage[]): Promise<number[]> {
    // A body stored before is stored once: its createdAt is renewed (retention keeps payloads
    // in use young). Rows of one composition share the message object: serialize and hash each object once,
    // and once stored (outside a transaction that could still roll back), remember its id, so
    // the later pages of a digest tick that share the composition skip all of it.
    const stored = db === this.db ? this.#stored : new WeakMap<OutgoingMessage, number>();
    const hashByMessage = new Map<OutgoingMessage, string>();
    const byHash = new Map<string, string>();
    for (const m of messages) {
      if (hashByMessage.has(m) || stored.has(m)) continue;
      const body = serializeMessage(m);
      const hash = hashOf(body);
      hashByMessage.set(m, hash);
      byHash.set(hash, body);
    }
    const now = this.clock();
    const hashes = [...byHash.keys()];
    for (let i = 0; i < hashes.length; i += INSERT_ROWS) {
      const values = hashes.slice(i, i + INSERT_ROWS).map((h) => Prisma.sql`(${h}, ${byHash.get(h)!}, ${now})`);
      await db.$executeRaw`INSERT INTO "OutboxPayload" ("hash", "body", "createdAt") VALUES ${Prisma.join(values)} ON CONFLICT ("hash") DO UPDATE SET "createdAt" = excluded."createdAt"`;
    }
    const idOf = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += LOOKUP) {
      for (const p of await db.outboxPayload.findMany({ where: { hash: { in: hashes.slice(i, i + LOOKUP) } }, select: { id: true, hash: true } }))
        idOf.set(p.hash, p.id);
    }
    for (const [m, hash] of hashByMessage) stored.set(m, idOf.get(hash)!);
    return messages.map((m) => stored.get(m)!);
  }

  /** Rows as claimed, each distinct payload read and parsed once. */
  async #withMessages(rows: Row[], claimToken: string, claimedAt: Date): Promise<ClaimedRow[]> {
    const ids = [...new Set(rows.map((r) => r.payloadId))];
    const parsed = new Map<number, OutgoingMessage>();
    for (let i = 0; i < ids.length; i += LOOKUP) {
      for (const p of await this.db.outboxPayload.findMany({ where: { id: { in: ids.slice(i, i + LOOKUP) } }, select: { id: true, body: true } }))
        parsed.set(p.id, parseMessage(p.body));
    }
    return rows.map((r) => ({
      id: r.id,
      targetId: r.targetId,
      dedupeKey: r.dedupeKey,
      kind: r.kind as OutboxKind,
      message: parsed.get(r.payloadId)!,
      attempts: r.attempts,
      partsSent: r.partsSent,
      target: { ...r.target, platform: platformSchema.parse(r.target.platform), kind: targetKindSchema.parse(r.target.kind) },
      claimToken,
      claimedAt,
    }));
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date, except: Platform[] = []): Promise<ClaimedRow[]> {
    const candidates = await this.db.outbox.findMany({
      where: { status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now }, ...(except.length > 0 ? { target: { platform: { notIn: except } } } : {}) },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return this.claimIds(
      candidates.map((c) => c.id),
      now,
      leaseUntil,
    );
  }

  async claimIds(ids: number[], now: Date, leaseUntil: Date): Promise<ClaimedRow[]> {
    if (ids.length === 0) return [];
    const token = randomUUID();
    const { count } = await this.db.outbox.updateMany({
      where: { id: { in: ids }, status: { in: ['pending', 'sending'] }, nextAttemptAt: { lte: now } },
      data: { status: 'sending', claimToken: token, nextAttemptAt: leaseUntil },
    });
    if (count === 0) return [];
    const rows = await this.db.outbox.findMany({ where: { claimToken: token }, orderBy: { id: 'asc' }, select: rowSelect });
    return this.#withMessages(rows, token, now);
  }

  async renewClaim(id: number, claimToken: string, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({ where: { id, claimToken, status: 'sending' }, data: { nextAttemptAt: leaseUntil } });
    return count === 1;
  }

  /** Marked with the sends around it, in one UPDATE; each row still counts only under its own claim token. */
  markSent(id: number, claimToken: string, platformMessageId: string, now: Date): Promise<boolean> {
    return this.#marks.add({ id, claimToken, platformMessageId, now });
  }

  async #markSent(marks: SentMark[]): Promise<boolean[]> {
    // One row twice (two claims of it, after a lease ran out): each mark in a write of its own,
    // so that only the one under the row's current claim counts.
    const seen = new Set<number>();
    const later = marks.map((m) => seen.has(m.id) || !seen.add(m.id));
    if (later.some(Boolean)) {
      const first = await this.#markSent(marks.filter((_, i) => !later[i]));
      const rest = await this.#markSent(marks.filter((_, i) => later[i]));
      return later.map((isLater) => (isLater ? rest : first).shift()!);
    }
    // The marks of one write are at most a linger apart: the latest stands for all of them.
    const at = marks.reduce((latest, m) => (m.now > latest ? m.now : latest), marks[0]!.now);
    const messageIds = Prisma.join(
      marks.map((m) => Prisma.sql`WHEN "id" = ${m.id} THEN ${m.platformMessageId}`),
      ' ',
    );
    const mine = Prisma.join(
      marks.map((m) => Prisma.sql`("id" = ${m.id} AND "claimToken" = ${m.claimToken})`),
      ' OR ',
    );
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "Outbox" SET "status" = 'sent', "sentAt" = ${at}, "updatedAt" = ${this.clock()}, "claimToken" = NULL, "lastError" = NULL,
        "platformMessageId" = CASE ${messageIds} END
      WHERE "status" = 'sending' AND (${mine})
      RETURNING "id"`;
    const marked = new Set(rows.map((r) => Number(r.id)));
    return marks.map((m) => marked.has(m.id));
  }

  async retryAt(id: number, claimToken: string, at: Date, change: { error?: string | null; failed?: boolean; partsSent?: number }): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({
      where: { id, claimToken, status: 'sending' },
      data: {
        status: 'pending',
        nextAttemptAt: at,
        claimToken: null,
        ...(change.failed ? { attempts: { increment: 1 } } : {}),
        ...(change.error !== undefined ? { lastError: change.error } : {}),
        ...(change.partsSent !== undefined ? { partsSent: change.partsSent } : {}),
      },
    });
    return count === 1;
  }

  async markDead(id: number, claimToken: string, error: string): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({
      where: { id, claimToken, status: 'sending' },
      data: { status: 'dead', lastError: error, claimToken: null, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  async sentMessageId(targetId: number, dedupeKey: string): Promise<string | null> {
    const row = await this.db.outbox.findUnique({ where: { targetId_dedupeKey: { targetId, dedupeKey } }, select: { status: true, platformMessageId: true } });
    return row?.status === 'sent' ? row.platformMessageId : null;
  }

  async heldDue(now: Date, limit: number): Promise<{ id: number; targetId: number; message: OutgoingMessage; createdAt: Date }[]> {
    const rows = await this.db.outbox.findMany({
      where: { status: 'held', nextAttemptAt: { lte: now } },
      orderBy: [{ targetId: 'asc' }, { id: 'asc' }],
      take: limit,
      select: { id: true, targetId: true, createdAt: true, sharedPayload: { select: { body: true } } },
    });
    return rows.map((r) => ({ id: r.id, targetId: r.targetId, message: parseMessage(r.sharedPayload.body), createdAt: r.createdAt }));
  }

  async mergeHeld(targetId: number, ids: number[], dedupeKey: string, combine: (messages: OutgoingMessage[]) => OutgoingMessage): Promise<number | undefined> {
    return this.db.$transaction(async (tx) => {
      const token = randomUUID();
      await tx.outbox.updateMany({ where: { id: { in: ids }, targetId, status: 'held' }, data: { status: 'merged', claimToken: token } });
      const mine = await tx.outbox.findMany({
        where: { claimToken: token },
        orderBy: { id: 'asc' },
        select: { sharedPayload: { select: { body: true } } },
      });
      if (mine.length === 0) return undefined;
      const message = combine(mine.map((m) => parseMessage(m.sharedPayload.body)));
      const [payloadId] = await this.#payloads(tx, [message]);
      const created = await tx.outbox.create({ data: { targetId, dedupeKey, kind: 'breaking', payloadId: payloadId! } });
      return created.id;
    });
  }

  async foldHeld(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += LOOKUP)
      await this.db.outbox.updateMany({ where: { id: { in: ids.slice(i, i + LOOKUP) }, status: 'held' }, data: { status: 'folded' } });
  }

  async holdUntil(ids: number[], at: Date): Promise<void> {
    for (let i = 0; i < ids.length; i += LOOKUP)
      await this.db.outbox.updateMany({ where: { id: { in: ids.slice(i, i + LOOKUP) }, status: 'held' }, data: { nextAttemptAt: at } });
  }

  async breakingCounts(targetIds: number[], since: Date): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (let i = 0; i < targetIds.length; i += LOOKUP) {
      const groups = await this.db.outbox.groupBy({
        by: ['targetId'],
        where: {
          targetId: { in: targetIds.slice(i, i + LOOKUP) },
          kind: 'breaking',
          createdAt: { gte: since },
          status: { in: ['pending', 'sending', 'sent', 'held'] },
        },
        _count: { _all: true },
      });
      for (const g of groups) counts.set(g.targetId, g._count._all);
    }
    return counts;
  }

  async staleIds(now: Date, pendingBefore: Date, limit: number): Promise<number[]> {
    const rows = await this.db.outbox.findMany({
      where: {
        OR: [
          { status: 'sending', nextAttemptAt: { lte: now } },
          { status: 'pending', nextAttemptAt: { lte: pendingBefore } },
        ],
      },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const rows = await this.db.outbox.findMany({
      where: { status: 'dead' },
      orderBy: { updatedAt: 'desc' },
      take: limit,
      include: { target: { select: { platform: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      targetId: r.targetId,
      platform: r.target.platform,
      dedupeKey: r.dedupeKey,
      attempts: r.attempts,
      lastError: r.lastError,
      updatedAt: r.updatedAt,
    }));
  }
}
