// Sharing a database safely: on SQLite's one connection, a query from another task waits for
// an open transaction instead of running (and being rolled back) inside it, and a long
// transaction lets timers fire; on SQLite and PostgreSQL, one process at a time holds the stories
// lease, another takes it over once it has ended, and writes under a lost lease are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease, LeaseLost } from '../../src/core/coordination/lease.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaLeaseRepository } from '../../src/store/lease.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { databaseKinds, sqlite, type TestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/logger.ts';

describe('one SQLite connection, shared', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await sqlite.create();
    db = await openDatabase(testDb.url);
    await db.migrate();
  });
  afterAll(async () => {
    await db.close();
    await testDb.dispose();
  });

  it('runs a query from another task after an open transaction, not inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const inside = new Promise<void>((r) => (begun = r));
    const events: string[] = [];
    const failing = db.prisma
      .$transaction(async (tx) => {
        await tx.language.create({ data: { code: 'xa', name: 'Rolled back' } });
        begun();
        await held;
        throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => events.push(`transaction: ${error.message}`));
    await inside;
    // Another task writes and reads while the transaction is open (plain statements, as the
    // inbox's group commit writes: Prisma runs them outside any transaction)…
    const other = db.prisma.$executeRaw`INSERT INTO "Language" ("code", "name") VALUES ('xb', 'Kept')`.then(() => events.push('insert'));
    const read = db.prisma.language
      .findMany({ where: { code: { in: ['xa', 'xb'] } }, select: { code: true } })
      .then((rows) => events.push(`read: ${rows.map((r) => r.code).join(',')}`));
    await new Promise((r) => setTimeout(r, 50));
    events.push('release');
    release();
    await Promise.all([failing, other, read]);
    // …after it, seeing none of its uncommitted rows, and without being rolled back with it.
    expect(events).toEqual(['release', 'transaction: rolled back on purpose', 'insert', 'read: xb']);
    expect((await db.prisma.language.findMany({ where: { code: { in: ['xa', 'xb'] } } })).map((l) => l.code)).toEqual(['xb']);
  });

  it("gives timers a turn during a transaction's long run of queries", async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    let queriesBeforeTimer = 0;
    await db.prisma.$transaction(
      async (tx) => {
        for (let i = 0; i < 20_000 && !fired; i++) {
          await tx.$queryRawUnsafe('SELECT 1');
          queriesBeforeTimer++;
        }
      },
      { timeout: 60_000 },
    );
    // Without turns the loop above would end (all 20,000 queries) before the timer could fire.
    expect(fired).toBe(true);
    expect(queriesBeforeTimer).toBeLessThan(20_000);
  });
});

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`the stories lease on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    const now = { value: new Date('2026-12-01T12:00:00Z') };
    const lease = () =>
      new Lease({ repo: new PrismaLeaseRepository(db.prisma), name: 'stories', ttlMs: 60_000, clock: () => now.value, logger: recordingLogger().logger });
    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.dispose();
    });

    it('is held by one process at a time, taken over once it has ended, and fences writes', async () => {
      const a = lease();
      const b = lease();
      expect(await a.hold()).toEqual({ held: true, generation: 1 });
      expect(await b.hold()).toEqual({ held: false, generation: 0 });
      expect(await a.hold()).toEqual({ held: true, generation: 1 }); // renewed, not taken anew
      const stories = new PrismaStoryRepository(db.prisma);
      const story = (key: string) => ({
        key,
        headline: key,
        language: 'en',
        languages: ['en'],
        outlets: [],
        countries: [],
        categories: [],
        firstSeenAt: now.value,
        lastUpdatedAt: now.value,
        outletsPerHour: 0,
        breakingAt: null,
        breakingReason: null,
      });
      await stories.save([story('under-a')], [], () => a.fence());
      // A stops renewing (it hangs, or died): past the lease's end, B takes it over.
      now.value = new Date(now.value.getTime() + 61_000);
      expect(await b.hold()).toEqual({ held: true, generation: 1 });
      // A's write under the lease it lost is refused, and writes nothing.
      await expect(stories.save([story('late-a')], [], () => a.fence())).rejects.toBeInstanceOf(LeaseLost);
      await stories.save([story('under-b')], [], () => b.fence());
      expect((await db.prisma.story.findMany({ orderBy: { key: 'asc' } })).map((s) => s.key)).toEqual(['under-a', 'under-b']);
      expect(await a.hold()).toEqual({ held: false, generation: 1 });
      // Released at stop: the other takes it at once, as a new generation.
      await b.stop();
      expect(await a.hold()).toEqual({ held: true, generation: 2 });
      // A stopped lease neither renews nor takes it again.
      b.start();
      expect((await b.hold()).held).toBe(false);
    });
  });
}
