// The inbox on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): every
// update stored once, one chat's updates handled in order and never side by side (two
// processors included), a failure holding its chat back until its retry, the last attempt
// (or a refusal) set aside with its error, and a stale claim unable to mark anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentFailure } from '../../src/core/inbox/inbox.ts';
import { InboxProcessor } from '../../src/core/inbox/inbox-processor.ts';
import { InboxWriter } from '../../src/core/inbox/inbox-writer.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaInboxRepository } from '../../src/store/inbox.store.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';

type Update = { id: number; chat: string };

describe.each(databaseKinds)('inbox on $name', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let repo: PrismaInboxRepository;
  let now = new Date('2026-11-21T10:00:00Z');
  const clock = () => now;

  beforeAll(async () => {
    if (kind.skipReason) return;
    testDb = await kind.create();
    db = await openDatabase(testDb.url);
    await db.migrate();
    repo = new PrismaInboxRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.dispose();
  });
  beforeEach(async () => {
    if (kind.skipReason) return;
    await db.prisma.inboundUpdate.deleteMany();
    now = new Date('2026-11-21T10:00:00Z');
  });

  const store = (updates: Update[]) =>
    repo.store(
      'telegram',
      updates.map((u) => ({ updateId: String(u.id), chatKey: u.chat, body: JSON.stringify(u) })),
    );
  const processor = (handle: (u: Update) => Promise<void>, options = {}) =>
    new InboxProcessor({ repo, platform: 'telegram', handle: (u) => handle(u as Update), logger: recordingLogger().logger, clock }, { idleMs: 20, ...options });

  it.skipIf(kind.skipReason)('stores concurrent and repeated updates once each', async () => {
    const writer = new InboxWriter(repo, 'telegram');
    const updates = Array.from({ length: 500 }, (_, i) => ({ updateId: String(i), chatKey: String(i % 9), body: '{}' }));
    const outcomes = await Promise.all([...updates, ...updates.slice(0, 100)].map((u) => writer.add(u)));
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(500);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(100);
    expect(await db.prisma.inboundUpdate.count()).toBe(500);
    // Another process receiving a retry of one of them stores nothing.
    expect((await new InboxWriter(new PrismaInboxRepository(db.prisma), 'telegram').add(updates[7]!)) === 'duplicate').toBe(true);
  });

  it.skipIf(kind.skipReason)('handles each chat in order, never side by side, with two processors on one database', async () => {
    const updates = Array.from({ length: 400 }, (_, i) => ({ id: i + 1, chat: `c${i % 13}` }));
    await store(updates);
    const seen: Update[] = [];
    const busy = new Set<string>();
    let overlaps = 0;
    const handle = async (u: Update) => {
      if (busy.has(u.chat)) overlaps++;
      busy.add(u.chat);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      seen.push(u);
      busy.delete(u.chat);
    };
    const a = processor(handle, { batch: 37, concurrency: 4 });
    const b = processor(handle, { batch: 23, concurrency: 4 });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(seen).toHaveLength(400);
    expect(new Set(seen.map((u) => u.id)).size).toBe(400);
    expect(overlaps).toBe(0);
    for (let c = 0; c < 13; c++) {
      const ids = seen.filter((u) => u.chat === `c${c}`).map((u) => u.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    expect(await repo.depth('telegram')).toBe(0);
  });

  it.skipIf(kind.skipReason)('holds a chat behind a failed update until its retry, and lets other chats go on', async () => {
    await store([
      { id: 1, chat: 'a' },
      { id: 2, chat: 'a' },
      { id: 3, chat: 'b' },
    ]);
    const seen: number[] = [];
    let failFirst = true;
    const p = processor(
      async (u) => {
        if (u.id === 1 && failFirst) {
          failFirst = false;
          throw new Error('Telegram timed out');
        }
        seen.push(u.id);
      },
      { retryBaseMs: 2000 },
    );
    await p.drain();
    expect(seen).toEqual([3]); // chat a waits behind update 1
    now = new Date(now.getTime() + 1000);
    await p.drain();
    expect(seen).toEqual([3]);
    now = new Date(now.getTime() + 1500); // past the 2 s retry
    await p.drain();
    expect(seen).toEqual([3, 1, 2]);
    expect(await db.prisma.inboundUpdate.findFirstOrThrow({ where: { updateId: '1' } })).toMatchObject({ attempts: 1, lastError: 'Telegram timed out' });
  });

  it.skipIf(kind.skipReason)('sets an update aside after its last attempt, or at once when refused, and its chat goes on', async () => {
    await store([
      { id: 1, chat: 'a' },
      { id: 2, chat: 'a' },
      { id: 3, chat: 'b' },
      { id: 4, chat: 'b' },
    ]);
    const seen: number[] = [];
    let tries = 0;
    const p = processor(
      async (u) => {
        if (u.id === 1) {
          tries++;
          throw new Error('boom');
        }
        if (u.id === 3) throw new PermanentFailure('Forbidden: bot was blocked by the user');
        seen.push(u.id);
      },
      { maxAttempts: 3, retryBaseMs: 10 },
    );
    for (let i = 0; i < 6; i++) {
      await p.drain();
      now = new Date(now.getTime() + 60_000);
    }
    expect(tries).toBe(3);
    expect(seen.sort()).toEqual([2, 4]);
    const rows = await db.prisma.inboundUpdate.findMany({ orderBy: { id: 'asc' } });
    expect(rows.every((r) => r.handledAt !== null)).toBe(true);
    expect(rows[0]).toMatchObject({ attempts: 3, lastError: 'boom' });
    expect(rows[2]).toMatchObject({ attempts: 1, lastError: 'Forbidden: bot was blocked by the user' });
  });

  it.skipIf(kind.skipReason)('does not let a claim that ran out mark what another claim now holds', async () => {
    await store([{ id: 1, chat: 'a' }]);
    const first = await repo.claim('telegram', 10, now, new Date(now.getTime() + 1000));
    now = new Date(now.getTime() + 5000);
    const second = await repo.claim('telegram', 10, now, new Date(now.getTime() + 1000));
    expect(second.updates.map((u) => u.updateId)).toEqual(['1']);
    await repo.markHandled([first.updates[0]!.id], first.token, now);
    expect((await db.prisma.inboundUpdate.findFirstOrThrow()).handledAt).toBeNull();
    await repo.markHandled([second.updates[0]!.id], second.token, now);
    expect((await db.prisma.inboundUpdate.findFirstOrThrow()).handledAt).not.toBeNull();
  });
});
