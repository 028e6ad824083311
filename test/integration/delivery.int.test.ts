// Delivery on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): digests
// at local times (DST included), two schedulers at once, breaking fan-out with quiet hours and
// the hourly cap, and the outbox worker sending through the real Telegram messenger to the
// fake Bot API (429 for one chat, 5xx retried then dead-lettered, 403 deactivating).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget, type SendBudget } from '../../src/core/delivery/send-budget.ts';
import { DigestScheduler } from '../../src/core/digest/digest-scheduler.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { parseMessage } from '../../src/core/delivery/outbox.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget } from '../support/delivery-fixtures.ts';
import { seedTargets } from '../support/seed-targets.ts';
import { recordingLogger } from '../support/logger.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`delivery on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let catalog: Catalog;
    let now = new Date('2026-11-21T00:00:00Z');
    const clock = () => now;
    const log = recordingLogger().logger;
    const outboxOf = async (targetId: number) => db.prisma.outbox.findMany({ where: { targetId }, orderBy: { id: 'asc' }, include: { sharedPayload: true } });
    const messageOf = (row: { sharedPayload: { body: string } | null }) => parseMessage(row.sharedPayload!.body);

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
      catalog = await loadCatalog();
      await new PrismaCatalogRepository(db.prisma).sync(catalog);
    });
    afterAll(async () => {
      await db.close();
      await testDb.dispose();
    });

    const scheduler = () =>
      new DigestScheduler(
        {
          audience: new PrismaAudienceRepository(db.prisma),
          outbox: new PrismaOutboxRepository(db.prisma, clock),
          stories: new PrismaStoryRepository(db.prisma),
          catalog,
          logger: log,
          clock,
        },
        { cap: defaults.delivery.digestCap },
      );
    const fanout = () => {
      const audience = new PrismaAudienceRepository(db.prisma);
      return new BreakingFanout(
        { stories: audience, audience, outbox: new PrismaOutboxRepository(db.prisma, clock), catalog, logger: log, clock },
        { capPerHour: defaults.delivery.breakingCapPerHour },
      );
    };

    describe('daily digests', () => {
      it('sends each target one digest at its local time, a section per category due at that minute, once', async () => {
        const a = await makeTarget(db.prisma, catalog, { externalId: '1001', country: 'IN' });
        const b = await makeTarget(db.prisma, catalog, { externalId: '1002', country: 'IN' });
        await makeStory(db.prisma, {
          headline: 'Monsoon session opens',
          sources: ['the-hindu', 'ndtv'],
          categories: ['national'],
          at: new Date('2026-11-20T20:00:00Z'),
        });
        await makeStory(db.prisma, {
          headline: 'Summit in Geneva',
          sources: ['the-hindu'],
          categories: ['international'],
          at: new Date('2026-11-20T21:00:00Z'),
        });
        now = new Date('2026-11-21T02:29:00Z'); // 07:59 in Kolkata
        expect((await scheduler().tick()).queued).toBe(0);
        now = new Date('2026-11-21T02:30:00Z'); // 08:00
        // Two schedulers at once: the unique (target, dedupe key) lets one row through per target.
        const [r1, r2] = await Promise.all([scheduler().tick(), scheduler().tick()]);
        expect(r1.queued + r2.queued).toBe(2);
        for (const t of [a, b]) {
          const rows = await outboxOf(t.id);
          expect(rows.map((r) => r.dedupeKey)).toEqual(['digest:2026-11-21T08:00']);
          const message = messageOf(rows[0]!);
          expect(message.title).toBe('Your daily digest');
          expect(message.cards!.map((c) => [c.section, c.headline, c.outlet, c.moreOutlets])).toEqual([
            // Each headline is The Hindu's own report's, as the credit says.
            ['National', 'Monsoon session opens (the-hindu)', 'The Hindu', 1],
            ['International', 'Summit in Geneva (the-hindu)', 'The Hindu', 0],
          ]);
          expect(message.lines).toContain('— National —');
        }
        now = new Date('2026-11-21T02:31:00Z');
        expect((await scheduler().tick()).due).toBe(0);
      });

      it('shares one composition between targets with the same preferences, and sends nothing when nothing is new', async () => {
        const same = await Promise.all(
          ['2001', '2002', '2003'].map((id) =>
            makeTarget(db.prisma, catalog, { externalId: id, country: 'IN', timezone: 'Europe/Berlin', digestTime: '09:00' }),
          ),
        );
        const quiet = await makeTarget(db.prisma, catalog, { externalId: '2004', country: 'US', timezone: 'Europe/Berlin', digestTime: '09:00' });
        now = new Date('2026-11-21T08:00:00Z'); // 09:00 in Berlin
        const r = await scheduler().tick();
        expect(r).toMatchObject({ due: 4, queued: 3, empty: 1, compositions: 2 });
        for (const t of same) expect((await outboxOf(t.id)).length).toBe(1);
        expect(await outboxOf(quiet.id)).toEqual([]);
        expect((await scheduler().tick()).due).toBe(0); // the empty one was marked too
      });

      it("follows the target's zone across a DST change", async () => {
        const ny = await makeTarget(db.prisma, catalog, { externalId: '3001', country: 'IN', timezone: 'America/New_York', digestTime: '08:00' });
        await makeStory(db.prisma, { headline: 'Markets rally', sources: ['ndtv'], categories: ['national'], at: new Date('2026-03-08T06:00:00Z') });
        now = new Date('2026-03-08T11:59:00Z'); // 07:59 EDT, the first day of daylight time
        await scheduler().tick();
        expect(await outboxOf(ny.id)).toEqual([]);
        now = new Date('2026-03-08T12:00:00Z'); // 08:00 EDT (it was 13:00Z the day before)
        await scheduler().tick();
        expect((await outboxOf(ny.id)).map((r) => r.dedupeKey)).toEqual(['digest:2026-03-08T08:00']);
      });

      it('keeps each rhythm: twice a day, weekdays only, and weekly on its day across the end of summer time, reading the week', async () => {
        const zone = 'Europe/Berlin';
        const twice = await makeTarget(db.prisma, catalog, {
          externalId: '3101',
          country: 'IN',
          timezone: zone,
          digestTime: '07:00',
          categories: ['national'],
        });
        const weekdays = await makeTarget(db.prisma, catalog, {
          externalId: '3102',
          country: 'IN',
          timezone: zone,
          digestTime: '08:00',
          categories: ['national'],
        });
        const weekly = await makeTarget(db.prisma, catalog, {
          externalId: '3103',
          country: 'IN',
          timezone: zone,
          digestTime: '10:00',
          categories: ['national'],
        });
        await db.prisma.subscription.updateMany({ where: { targetId: twice.id }, data: { rhythm: 'twice', secondTime: '19:00' } });
        await db.prisma.subscription.updateMany({ where: { targetId: weekdays.id }, data: { rhythm: 'weekdays' } });
        await db.prisma.subscription.updateMany({ where: { targetId: weekly.id }, data: { rhythm: 'weekly', weekday: 7 } }); // Sundays
        // A story on Monday 19 October, and one each day after.
        for (let d = 19; d <= 25; d++)
          await makeStory(db.prisma, {
            headline: `Rhythm story of ${d} October`,
            sources: ['the-hindu'],
            categories: ['national'],
            at: new Date(`2026-10-${d}T04:00:00Z`),
          });
        await makeStory(db.prisma, {
          headline: 'Rhythm story of Sunday afternoon',
          sources: ['the-hindu'],
          categories: ['national'],
          at: new Date('2026-10-25T12:00:00Z'),
        });
        const keys = async (t: { id: number }) => (await outboxOf(t.id)).map((r) => r.dedupeKey);
        // Every minute a scheduler would tick, from Friday 23 to Sunday 25 October (summer time ends at 03:00 on the 25th).
        for (let t = Date.parse('2026-10-23T00:00:00Z'); t <= Date.parse('2026-10-25T23:59:00Z'); t += 60_000) {
          const local = new Date(t).toISOString().slice(11, 16);
          // Only the minutes around the times in question (it is the same scheduler; this keeps the test short).
          if (!['05:00', '06:00', '07:00', '08:00', '09:00', '17:00', '18:00'].includes(local)) continue;
          now = new Date(t);
          await scheduler().tick();
        }
        // Twice a day: 07:00 and 19:00 local each day, summer time (UTC+2) then winter time (UTC+1).
        expect(await keys(twice)).toEqual([
          'digest:2026-10-23T07:00',
          'digest:2026-10-23T19:00',
          'digest:2026-10-24T07:00',
          'digest:2026-10-24T19:00',
          'digest:2026-10-25T07:00',
          'digest:2026-10-25T19:00',
        ]);
        expect((await outboxOf(twice.id)).map((r) => r.createdAt.toISOString().slice(0, 16))).toEqual([
          '2026-10-23T05:00',
          '2026-10-23T17:00',
          '2026-10-24T05:00',
          '2026-10-24T17:00',
          '2026-10-25T06:00',
          '2026-10-25T18:00',
        ]);
        // Weekdays: Friday only of these three days.
        expect(await keys(weekdays)).toEqual(['digest:2026-10-23T08:00']);
        // Weekly on Sunday at 10:00 local, which is 09:00Z once summer time has ended, with the week's stories.
        expect(await keys(weekly)).toEqual(['digest:2026-10-25T10:00']);
        const [sunday] = await outboxOf(weekly.id);
        expect(sunday!.createdAt.toISOString()).toBe('2026-10-25T09:00:00.000Z');
        const headlines = messageOf(sunday!).cards!.map((c) => c.headline);
        expect(headlines).toContain('Rhythm story of 19 October (the-hindu)');
        expect(headlines).toContain('Rhythm story of 25 October (the-hindu)');
      });
    });

    describe('breaking fan-out', () => {
      it('reaches each matching target once; quiet hours hold it; the hourly cap folds it into the next digest', async () => {
        now = new Date('2026-11-21T18:00:00Z'); // 23:30 in Kolkata
        const on = await makeTarget(db.prisma, catalog, { externalId: '4001', country: 'IN', categories: ['national'] });
        const off = await makeTarget(db.prisma, catalog, { externalId: '4002', country: 'IN', breaking: false });
        const elsewhere = await makeTarget(db.prisma, catalog, { externalId: '4003', country: 'US' });
        const asleep = await makeTarget(db.prisma, catalog, { externalId: '4004', country: 'IN', quiet: { start: '22:00', end: '07:00' } });
        const busy = await makeTarget(db.prisma, catalog, { externalId: '4005', country: 'IN', otherSources: ['ndtv'] });
        const otherCategory = await makeTarget(db.prisma, catalog, { externalId: '4006', country: 'IN', categories: ['sports'] });
        // A reader who wants alerts silent and without link previews.
        const hushed = await makeTarget(db.prisma, catalog, { externalId: '4007', country: 'IN', categories: ['national'] });
        await db.prisma.target.update({ where: { id: hushed.id }, data: { breakingSound: false, linkPreviews: false } });
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        await outbox.add(
          Array.from({ length: 10 }, (_, i) => ({ targetId: busy.id, dedupeKey: `breaking:old-${i}`, kind: 'breaking' as const, message: { lines: ['x'] } })),
        );

        const story = await makeStory(db.prisma, { headline: 'Quake hits Delhi', sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
        const result = await fanout().run();
        // Earlier tests' Indian targets match too; these are the new ones.
        expect(result).toMatchObject({ stories: 1, held: 1, folded: 1 });
        expect((await outboxOf(on.id)).map((r) => [r.dedupeKey, r.status])).toEqual([[`breaking:${story}`, 'pending']]);
        for (const t of [off, elsewhere, otherCategory]) expect(await outboxOf(t.id)).toEqual([]);
        const held = (await outboxOf(asleep.id))[0]!;
        expect(held.status).toBe('held');
        expect(held.nextAttemptAt.toISOString()).toBe('2026-11-22T01:30:00.000Z'); // 07:00 in Kolkata
        expect((await outboxOf(busy.id)).at(-1)).toMatchObject({ dedupeKey: `breaking:${story}`, status: 'folded' });
        const message = messageOf((await outboxOf(on.id))[0]!);
        expect(message.title).toBe('Breaking');
        // The first report leads, all of it: The Hindu's headline, link and name.
        expect(message.cards![0]).toMatchObject({
          headline: 'Quake hits Delhi (the-hindu)',
          url: expect.stringMatching(/^https:\/\/the-hindu\.example\//),
          outlet: 'The Hindu',
          moreOutlets: 2,
          category: 'national',
          storyId: story,
          coverage: `all: /story ${story}`,
          more: '+2 more sources',
        });
        // Under it, the way to every outlet; its own link previewed; it makes a sound.
        expect(message.buttons).toEqual([[{ label: 'Sources (3)', action: { kind: 'sources', story } }]]);
        expect(message.preview).toBe(message.cards![0]!.url);
        expect(message.silent).toBeUndefined();
        const quiet = messageOf((await outboxOf(hushed.id))[0]!);
        expect(quiet).toMatchObject({ title: 'Breaking', silent: true });
        expect(quiet.preview).toBeUndefined();

        expect((await fanout().run()).stories).toBe(0); // marked: a second run adds nothing

        // A second story while asleep; at 07:00 both go out as one message.
        await makeStory(db.prisma, { headline: 'Aftershock', sources: ['the-hindu'], at: new Date(now.getTime() + 60_000), breaking: true });
        await fanout().run();
        expect((await outboxOf(asleep.id)).filter((r) => r.status === 'held')).toHaveLength(2);
        now = new Date('2026-11-22T01:29:00Z');
        expect(await fanout().releaseHeld()).toBe(0);
        now = new Date('2026-11-22T01:30:00Z');
        expect(await fanout().releaseHeld()).toBe(1);
        expect(await fanout().releaseHeld()).toBe(0);
        const rows = await outboxOf(asleep.id);
        expect(rows.map((r) => r.status)).toEqual(['merged', 'merged', 'pending']);
        const merged = messageOf(rows[2]!);
        expect(merged.title).toBe('While your quiet hours were on: 2 breaking stories');
        expect(merged.cards!.map((c) => c.headline)).toEqual(['Quake hits Delhi (the-hindu)', 'Aftershock (the-hindu)']);

        // The folded story leads the busy target's next digest.
        await makeStory(db.prisma, {
          headline: 'Bigger national story',
          sources: ['the-hindu', 'ndtv', 'news18', 'zee-news'],
          at: new Date('2026-11-22T01:00:00Z'),
        });
        now = new Date('2026-11-22T02:30:00Z'); // 08:00 in Kolkata
        await scheduler().tick();
        const digest = messageOf((await outboxOf(busy.id)).at(-1)!);
        expect(digest.cards![0]!.headline).toBe('Quake hits Delhi (the-hindu)');
      });
    });

    describe('to Discord', () => {
      it("delivers breaking news to Discord channels as embeds within Discord's limits", async () => {
        const discord = await new FakeDiscordApi().start();
        discord.limits = { perSecond: 50, perChannelPer5s: 5 };
        try {
          now = new Date();
          const channels = Array.from({ length: 12 }, (_, i) => String(720_000_000_000_000_000n + BigInt(i)));
          for (const id of channels)
            await makeTarget(db.prisma, catalog, { platform: 'discord', externalId: id, kind: 'guild_channel', categories: ['entertainment'] });
          for (let k = 0; k < 3; k++)
            await makeStory(db.prisma, {
              headline: `Festival news ${k}`,
              sources: ['the-hindu'],
              categories: ['entertainment'],
              at: new Date(now.getTime() + k),
              breaking: true,
            });
          await fanout().run();
          const outbox = new PrismaOutboxRepository(db.prisma, clock);
          const deliverer = new Deliverer({
            outbox,
            messengers: { discord: DiscordMessenger.create('discord-test-token', discord.base) },
            targets: new PrismaTargetRepository(db.prisma),
            budget: new MemorySendBudget(budgetLimits()),
            logger: log,
            clock,
            options: deliveryOptions,
          });
          const worker = new OutboxWorker({ outbox, deliverer, logger: log, clock }, { batch: 100, concurrency: 8, idleMs: 20 });
          const posts = () => discord.callsTo('POST', /^\/channels\/\d+\/messages$/).length;
          for (let i = 0; i < 100 && posts() < 36; i++) {
            now = new Date();
            await worker.drain();
            await new Promise((r) => setTimeout(r, 100));
          }
          expect(posts()).toBe(36);
          expect(discord.violations).toEqual({ global: 0, channel: 0 });
          const body = discord.callsTo('POST', new RegExp(`^/channels/${channels[0]}/messages$`))[0]!.body!;
          expect(body).toMatchObject({ content: '**Breaking**', allowed_mentions: { parse: [] } });
          expect((body.embeds as { title: string }[])[0]!.title).toMatch(/^Festival news/);
        } finally {
          await discord.stop();
        }
      });
    });

    describe('at scale', () => {
      it("reads a digest's stories when there are more than 999 of them (SQLite's old bind limit)", async () => {
        const at = new Date('2026-11-24T01:00:00Z');
        await db.prisma.story.createMany({
          data: Array.from({ length: 1200 }, (_, i) => ({ key: `many-${i}`, headline: `Many ${i}`, languageCode: 'en', lastUpdatedAt: at, firstSeenAt: at })),
        });
        const ids = (await db.prisma.story.findMany({ where: { key: { startsWith: 'many-' } }, select: { id: true } })).map((r) => r.id);
        await db.prisma.item.createMany({
          data: ids.map((storyId, i) => ({
            sourceId: 'the-hindu',
            url: `https://the-hindu.example/many/${i}`,
            title: `Many ${i}`,
            languageCode: 'en',
            contentHash: `many-${i}`,
            publishedAt: at,
            storyId,
          })),
        });
        const stories = await new PrismaStoryRepository(db.prisma).storiesSince(new Date(at.getTime() - 1000), 5000);
        expect(stories.filter((s) => s.headline.startsWith('Many ')).length).toBe(1200);
        expect(stories.every((s) => s.items.length > 0 || !s.headline.startsWith('Many '))).toBe(true);
      });

      it('fans out to and composes digests for more targets than one query may bind (SQLite: 999)', async () => {
        now = new Date('2026-11-23T05:00:00Z');
        // Someone who never chose a country sits among the first page: the fan-out must read past them.
        await new PrismaTargetRepository(db.prisma).upsert({ platform: 'discord', externalId: 'no-preferences', kind: 'guild_channel' });
        const ids = await seedTargets(db.prisma, 2500, () => ({
          country: 'IN',
          language: 'en',
          primarySource: 'the-hindu',
          otherSources: [],
          categories: ['business'],
          timezone: 'UTC',
          digestTime: '05:00',
        }));
        const story = await makeStory(db.prisma, {
          headline: 'Markets halt trading',
          sources: ['the-hindu'],
          categories: ['business'],
          at: now,
          breaking: true,
        });
        await fanout().run();
        expect(await db.prisma.outbox.count({ where: { dedupeKey: `breaking:${story}`, targetId: { in: ids.slice(0, 900) } } })).toBe(900);
        expect(await db.prisma.outbox.count({ where: { dedupeKey: `breaking:${story}` } })).toBeGreaterThanOrEqual(2500);
        const r = await scheduler().tick();
        expect(r.queued).toBeGreaterThanOrEqual(2500);
        expect(r.compositions).toBeLessThan(10);
      });
    });

    describe('the outbox worker', () => {
      let api: FakeTelegramApi;
      beforeAll(async () => {
        api = await new FakeTelegramApi().start();
      });
      afterAll(() => api.stop());

      const worker = (maxAttempts = 3) => {
        const deliverer = makeDeliverer(maxAttempts);
        return new OutboxWorker(
          { outbox: new PrismaOutboxRepository(db.prisma, clock), deliverer, logger: log, clock },
          { batch: 50, concurrency: 8, idleMs: 50 },
        );
      };
      const makeDeliverer = (maxAttempts = 3) =>
        new Deliverer({
          outbox: new PrismaOutboxRepository(db.prisma, clock),
          messengers: { telegram: TelegramMessenger.create('123:TEST', api.apiRoot) },
          targets: new PrismaTargetRepository(db.prisma),
          budget: new MemorySendBudget(budgetLimits()),
          logger: log,
          clock,
          options: { ...deliveryOptions, maxAttempts, baseBackoffMs: 1000 },
        });

      it('sends what is due; a 429 delays that chat only; 5xx retries then dead-letters; 403 deactivates', async () => {
        now = new Date('2026-12-01T12:00:00Z');
        const ids = ['5001', '5002', '5003', '5004'];
        const targets = await Promise.all(ids.map((id) => makeTarget(db.prisma, catalog, { externalId: id })));
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        await outbox.add(
          targets.map((t) => ({ targetId: t.id, dedupeKey: 'notice:1', kind: 'notice' as const, message: { title: 'Hello', lines: ['A line'] } })),
        );
        await db.prisma.outbox.updateMany({ where: { status: 'pending', targetId: { notIn: targets.map((t) => t.id) } }, data: { status: 'dead' } }); // earlier tests' rows are not ours to send
        api.failNext('sendMessage', 429, 'Too Many Requests: retry after 30', { retry_after: 30 }, '5001');
        api.failNext('sendMessage', 502, 'Bad Gateway', undefined, '5002');
        api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user', undefined, '5003');
        const before = api.sent().length;
        expect(await worker().drain()).toBe(4);
        expect(api.sent().length - before).toBe(4); // each asked once
        const row = async (i: number) => (await outboxOf(targets[i]!.id))[0]!;
        expect(await row(0)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date(now.getTime() + 30_000) });
        expect(await row(1)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Telegram 502: Bad Gateway' });
        expect(await row(2)).toMatchObject({ status: 'dead', lastError: 'target gone: Forbidden: bot was blocked by the user' });
        expect(await row(3)).toMatchObject({ status: 'sent' });
        expect((await db.prisma.target.findUnique({ where: { id: targets[2]!.id } }))!.deactivatedReason).toMatch(/blocked/);

        // Later: the rate-limited chat goes out; the 5xx one fails again and is dead-lettered with its error.
        now = new Date(now.getTime() + 60_000);
        api.failNext('sendMessage', 502, 'Bad Gateway', undefined, '5002');
        await worker(2).drain();
        expect(await row(0)).toMatchObject({ status: 'sent' });
        expect(await row(1)).toMatchObject({ status: 'dead', attempts: 2 });
        const dead = await new PrismaOutboxRepository(db.prisma, clock).deadLetters(10);
        expect(dead.some((d) => d.lastError === 'Telegram 502: Bad Gateway' && d.attempts === 2)).toBe(true);
        expect(dead.some((d) => /target gone/.test(d.lastError ?? ''))).toBe(true);
      });

      it('puts a row back, due at once and unsent, when its sender keeps waking too late for its slot', async () => {
        now = new Date('2026-12-04T12:00:00Z');
        const t = await makeTarget(db.prisma, catalog, { externalId: '6201' });
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        const [id] = await outbox.add([{ targetId: t.id, dedupeKey: 'notice:late', kind: 'notice', message: { lines: ['not late'] } }]);
        let asked = 0;
        // A machine too busy: every slot had begun 50 ms before its answer arrived, past the 10 ms allowed.
        const lateBudget: SendBudget = {
          reserve: async () => (asked++, { reserved: true, waitMs: -50, lateMs: 10 }),
          hold: async () => undefined,
        };
        const deliverer = new Deliverer({
          outbox,
          messengers: { telegram: TelegramMessenger.create('123:TEST', api.apiRoot) },
          targets: new PrismaTargetRepository(db.prisma),
          budget: lateBudget,
          logger: log,
          clock,
          options: deliveryOptions,
        });
        const [result] = await deliverer.deliverIds([id!]);
        expect(result).toMatchObject({ id, outcome: 'deferred', dueAgainAt: now });
        expect(asked).toBe(3);
        expect(api.delivered.get('6201')).toBeUndefined();
        expect(await db.prisma.outbox.findUnique({ where: { id: id! } })).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now });
      });

      it('sends a queued batch several at a time, and marks the sends together, each under its own claim', async () => {
        now = new Date('2026-12-05T12:00:00Z');
        const targets = await Promise.all(Array.from({ length: 12 }, (_, i) => makeTarget(db.prisma, catalog, { externalId: String(6300 + i) })));
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        const ids = await outbox.add(
          targets.map((t) => ({ targetId: t.id, dedupeKey: 'notice:batch', kind: 'notice' as const, message: { lines: ['together'] } })),
        );
        const results = await makeDeliverer().deliverIds(ids, 5);
        expect(results.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
        expect(results.every((r) => r.outcome === 'sent')).toBe(true);
        for (const t of targets) expect(api.delivered.get(t.externalId)).toBe(1);
        expect(await db.prisma.outbox.count({ where: { id: { in: ids }, status: 'sent', claimToken: null, platformMessageId: { not: null } } })).toBe(12);

        // Marks asked for at once share a write, yet a stale claim among them changes nothing.
        const more = await outbox.add(
          targets.slice(0, 3).map((t) => ({ targetId: t.id, dedupeKey: 'notice:marks', kind: 'notice' as const, message: { lines: ['marks'] } })),
        );
        const claimed = await outbox.claimIds(more, now, new Date(now.getTime() + 60_000));
        const marks = await Promise.all(claimed.map((row, i) => outbox.markSent(row.id, i === 1 ? 'not-the-token' : row.claimToken, `m${i}`, now)));
        expect(marks).toEqual([true, false, true]);
        const rows = await db.prisma.outbox.findMany({ where: { id: { in: more } }, orderBy: { id: 'asc' } });
        expect(rows.map((r) => [r.status, r.platformMessageId])).toEqual([
          ['sent', 'm0'],
          ['sending', null],
          ['sent', 'm2'],
        ]);

        // The same row twice in one write (a stale claim and the current one): only the current counts.
        const [again] = await outbox.add([{ targetId: targets[5]!.id, dedupeKey: 'notice:twice', kind: 'notice', message: { lines: ['twice'] } }]);
        const [stale] = await outbox.claimIds([again!], now, new Date(now.getTime() + 60_000));
        now = new Date(now.getTime() + 61_000);
        const [current] = await outbox.claimIds([again!], now, new Date(now.getTime() + 60_000));
        expect(
          await Promise.all([outbox.markSent(again!, stale!.claimToken, 'stale', now), outbox.markSent(again!, current!.claimToken, 'current', now)]),
        ).toEqual([false, true]);
        expect(await db.prisma.outbox.findUnique({ where: { id: again! } })).toMatchObject({ status: 'sent', platformMessageId: 'current' });
      });

      it('does not send a row whose claim passed to another worker while it waited', async () => {
        now = new Date('2026-12-03T12:00:00Z');
        const t = await makeTarget(db.prisma, catalog, { externalId: '6101' });
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        const [id] = await outbox.add([{ targetId: t.id, dedupeKey: 'notice:slow', kind: 'notice', message: { lines: ['once'] } }]);
        const [mine] = await outbox.claimIds([id!], now, new Date(now.getTime() + 60_000));
        now = new Date(now.getTime() + 61_000); // this worker stalled past its lease…
        expect(await outbox.claimIds([id!], now, new Date(now.getTime() + 60_000))).toHaveLength(1); // …and another took the row
        expect(await makeDeliverer().deliver(mine!)).toEqual({ outcome: 'skipped' });
        expect(api.delivered.get('6101')).toBeUndefined();
        // Nor can the stale claim change the row its new owner holds.
        expect(await outbox.retryAt(id!, mine!.claimToken, now, {})).toBe(false);
        expect(await outbox.markDead(id!, mine!.claimToken, 'x')).toBe(false);
        expect((await db.prisma.outbox.findUnique({ where: { id: id! } }))!.status).toBe('sending');
      });

      it('picks up rows a dead worker had claimed once their lease ends, and never sends a sent row again', async () => {
        now = new Date('2026-12-02T12:00:00Z');
        const t = await makeTarget(db.prisma, catalog, { externalId: '6001' });
        const outbox = new PrismaOutboxRepository(db.prisma, clock);
        const [id] = await outbox.add([{ targetId: t.id, dedupeKey: 'notice:lease', kind: 'notice', message: { lines: ['survives a crash'] } }]);
        // A worker claims it and dies before sending.
        expect(await outbox.claimIds([id!], now, new Date(now.getTime() + 60_000))).toHaveLength(1);
        await worker().drain();
        expect(api.delivered.get('6001')).toBeUndefined();
        now = new Date(now.getTime() + 61_000);
        await worker().drain();
        expect((await db.prisma.outbox.findUnique({ where: { id: id! } }))!.status).toBe('sent');
        expect(await outbox.claimIds([id!], now, new Date(now.getTime() + 60_000))).toHaveLength(0);
        expect(api.delivered.get('6001')).toBe(1);
      });
    });
  });
}
