// Developing stories on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set):
// a breaking story that grows after its alert was sent reaches each reader who had it once more,
// as one follow-up naming the new outlets and sent through the real Telegram messenger to the
// fake Bot API as a reply to the alert — never as a second breaking alert. On Discord, a channel
// that asked for threads gets one under each alert, and the follow-up goes into it (or, when
// the thread is gone, answers the alert in the channel); and a digest does not repeat a story the
// reader already had as breaking news unless it has grown, and then says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { FollowUps } from '../../src/core/delivery/follow-ups.ts';
import { parseMessage } from '../../src/core/delivery/outbox.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { DigestScheduler } from '../../src/core/digest/digest-scheduler.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`developing stories on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let catalog: Catalog;
    let api: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let now = new Date('2026-11-23T10:00:00Z'); // 15:30 in Kolkata
    const clock = () => now;
    const log = recordingLogger().logger;

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
      catalog = await loadCatalog();
      await new PrismaCatalogRepository(db.prisma).sync(catalog);
      api = await new FakeTelegramApi().start();
      discord = await new FakeDiscordApi().start();
    });
    afterAll(async () => {
      await api.stop();
      await discord.stop();
      await db.close();
      await testDb.dispose();
    });

    const outbox = () => new PrismaOutboxRepository(db.prisma, clock);
    const audience = () => new PrismaAudienceRepository(db.prisma);
    const fanout = () =>
      new BreakingFanout(
        { stories: audience(), audience: audience(), outbox: outbox(), catalog, logger: log, clock },
        { capPerHour: defaults.delivery.breakingCapPerHour },
      );
    const followUps = (minNewOutlets = defaults.delivery.followUpOutlets) =>
      new FollowUps({ stories: audience(), audience: audience(), outbox: outbox(), catalog, logger: log, clock }, { minNewOutlets });
    const scheduler = () =>
      new DigestScheduler(
        { audience: audience(), outbox: outbox(), stories: new PrismaStoryRepository(db.prisma), catalog, logger: log, clock },
        { cap: defaults.delivery.digestCap },
      );
    const worker = () =>
      new OutboxWorker(
        {
          outbox: outbox(),
          deliverer: new Deliverer({
            outbox: outbox(),
            messengers: { telegram: TelegramMessenger.create('123:TEST', api.apiRoot), discord: DiscordMessenger.create('discord-test-token', discord.base) },
            targets: new PrismaTargetRepository(db.prisma),
            budget: new MemorySendBudget(budgetLimits()),
            logger: log,
            clock,
            options: deliveryOptions,
          }),
          logger: log,
          clock,
        },
        { batch: 50, concurrency: 4, idleMs: 50 },
      );
    const rowsOf = async (targetId: number) => db.prisma.outbox.findMany({ where: { targetId }, orderBy: { id: 'asc' }, include: { sharedPayload: true } });
    const keysOf = async (targetId: number) => (await rowsOf(targetId)).map((r) => `${r.dedupeKey} ${r.status}`);

    /** More outlets report the story: one item each, and the story's outlets as the clusterer would store them. */
    async function grow(storyId: number, sources: string[], at: Date): Promise<void> {
      const story = await db.prisma.story.findUniqueOrThrow({ where: { id: storyId } });
      for (const sourceId of sources) {
        await db.prisma.item.create({
          data: {
            sourceId,
            url: `https://${sourceId}.example/late-${storyId}`,
            title: `${story.headline} (${sourceId})`,
            languageCode: 'en',
            contentHash: `late-${storyId}-${sourceId}`,
            publishedAt: at,
            storyId,
          },
        });
      }
      const outlets = [...story.outlets.split(','), ...sources];
      await db.prisma.story.update({
        where: { id: storyId },
        data: { outlets: outlets.join(','), outletCount: outlets.length, itemCount: { increment: sources.length }, lastUpdatedAt: at },
      });
    }

    it('follows a grown breaking story up once, for readers who had its alert, and never alerts it twice', async () => {
      const reader = await makeTarget(db.prisma, catalog, { externalId: '7001', country: 'IN' });
      // Quiet from 16:00 in Kolkata: the alert came before, the follow-up waits for the morning.
      const sleeper = await makeTarget(db.prisma, catalog, { externalId: '7002', country: 'IN', quiet: { start: '16:00', end: '07:00' } });
      const unsent = await makeTarget(db.prisma, catalog, { externalId: '7003', country: 'IN' });
      const quitter = await makeTarget(db.prisma, catalog, { externalId: '7004', country: 'IN' });
      const story = await makeStory(db.prisma, { headline: 'Bridge collapses in Kolkata', sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
      await fanout().run();
      // Every alert went out but one, still waiting to be sent.
      await worker().drain();
      await db.prisma.outbox.updateMany({ where: { targetId: unsent.id }, data: { status: 'pending', sentAt: null } });
      await db.prisma.target.update({ where: { id: quitter.id }, data: { breakingEnabled: false } });

      // One new outlet is not enough (FOLLOW_UP_OUTLETS is 2): nothing, and the story stays open.
      now = new Date('2026-11-23T10:40:00Z');
      await grow(story, ['zee-news'], now);
      expect(await followUps().run()).toEqual({ stories: 0, queued: 0, held: 0 });

      now = new Date('2026-11-23T11:00:00Z'); // 16:30 in Kolkata
      await grow(story, ['india-today'], now);
      expect(await followUps().run()).toEqual({ stories: 1, queued: 2, held: 1 });
      expect(await keysOf(reader.id)).toEqual([`breaking:${story} sent`, `followup:${story} pending`]);
      expect(await keysOf(sleeper.id)).toEqual([`breaking:${story} sent`, `followup:${story} held`]);
      expect(await keysOf(unsent.id)).toEqual([`breaking:${story} pending`]); // its alert, grown, is still to come
      expect(await keysOf(quitter.id)).toEqual([`breaking:${story} sent`]); // breaking off since: no follow-up either

      const message = parseMessage((await rowsOf(reader.id))[1]!.sharedPayload.body);
      expect(message.title).toBe('Developing story');
      expect(message.cards![0]).toMatchObject({
        headline: 'Bridge collapses in Kolkata (the-hindu)',
        outlet: 'The Hindu',
        moreOutlets: 4,
        note: '2 more outlets now report this: Zee News and India Today',
        coverage: `all: /story ${story}`,
      });
      const before = api.sent().length;
      await db.prisma.outbox.updateMany({ where: { targetId: unsent.id }, data: { status: 'dead' } }); // not this test's to send
      expect(await worker().drain()).toBe(1);
      const [sent] = api.sent().slice(before);
      // A reply to the alert the reader had.
      const alert = (await rowsOf(reader.id))[0]!;
      expect(sent!.body).toMatchObject({
        chat_id: '7001',
        reply_parameters: { message_id: Number(alert.platformMessageId), allow_sending_without_reply: true },
      });
      expect(String(sent!.body.text)).toContain('Developing story');
      expect(String(sent!.body.text)).toContain('2 more outlets now report this: Zee News and India Today');

      // It grows again: no second follow-up, and never a second alert.
      now = new Date('2026-11-23T12:00:00Z');
      await grow(story, ['the-wire', 'the-quint'], now);
      expect(await followUps().run()).toEqual({ stories: 0, queued: 0, held: 0 });
      expect(await fanout().run()).toMatchObject({ stories: 0 });
      const breakingRows = await db.prisma.outbox.count({ where: { dedupeKey: `breaking:${story}`, targetId: reader.id } });
      expect(breakingRows).toBe(1);
      expect(await keysOf(reader.id)).toEqual([`breaking:${story} sent`, `followup:${story} sent`]);
    });

    it('on Discord, opens a thread under the alert for a channel that asked, and follows up in it', async () => {
      now = new Date('2026-11-23T13:00:00Z');
      const threaded = await makeTarget(db.prisma, catalog, { platform: 'discord', kind: 'guild_channel', externalId: '720000000000000001', country: 'IN' });
      const plain = await makeTarget(db.prisma, catalog, { platform: 'discord', kind: 'guild_channel', externalId: '720000000000000002', country: 'IN' });
      const deleted = await makeTarget(db.prisma, catalog, { platform: 'discord', kind: 'guild_channel', externalId: '720000000000000003', country: 'IN' });
      await db.prisma.target.updateMany({ where: { id: { in: [threaded.id, deleted.id] } }, data: { breakingThreads: true } });
      const headline = 'Ferry capsizes on the Hooghly with 40 aboard';
      const story = await makeStory(db.prisma, { headline, sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
      await fanout().run();
      await worker().drain();
      const alertOf = async (t: { id: number }) => (await rowsOf(t.id)).find((r) => r.dedupeKey === `breaking:${story}`)!;
      const threadedAlert = await alertOf(threaded);
      const deletedAlert = await alertOf(deleted);
      expect(threadedAlert.status).toBe('sent');
      // Each alert of a channel with threads opened one, named by its headline; the other none.
      expect(discord.threads.get(threadedAlert.platformMessageId!)).toEqual({ channel: '720000000000000001', name: `${headline} (the-hindu)` });
      expect(discord.threads.has(deletedAlert.platformMessageId!)).toBe(true);
      expect(discord.threads.has((await alertOf(plain)).platformMessageId!)).toBe(false);
      // Someone deletes one thread.
      discord.threads.delete(deletedAlert.platformMessageId!);

      now = new Date('2026-11-23T13:30:00Z');
      await grow(story, ['zee-news', 'india-today'], now);
      // (The earlier test's Telegram readers have it too.)
      expect(await followUps().run()).toMatchObject({ stories: 1 });
      const before = discord.calls.length;
      await worker().drain();
      const posts = discord.calls.slice(before).filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
      const into = (path: string) => posts.filter((c) => c.path === path);
      // Into the thread (its id is the alert's); no message reference needed there.
      expect(into(`/channels/${threadedAlert.platformMessageId}/messages`)).toHaveLength(1);
      expect(into(`/channels/${threadedAlert.platformMessageId}/messages`)[0]!.body).not.toHaveProperty('message_reference');
      // Without threads, and where the thread is gone: a reply to the alert in the channel.
      const plainPost = into('/channels/720000000000000002/messages');
      expect(plainPost).toHaveLength(1);
      expect(plainPost[0]!.body).toMatchObject({ message_reference: { message_id: (await alertOf(plain)).platformMessageId, fail_if_not_exists: false } });
      expect(into(`/channels/${deletedAlert.platformMessageId}/messages`)).toHaveLength(1); // tried, Unknown Channel
      expect(into('/channels/720000000000000003/messages')[0]!.body).toMatchObject({ message_reference: { message_id: deletedAlert.platformMessageId } });
      for (const t of [threaded, plain, deleted]) expect(await keysOf(t.id)).toEqual([`breaking:${story} sent`, `followup:${story} sent`]);
      // The follow-up opens no thread of its own, and every channel stays active.
      expect(discord.threads.size).toBe(1);
      expect(await db.prisma.target.count({ where: { id: { in: [threaded.id, plain.id, deleted.id] }, active: true } })).toBe(3);
    });

    it('turns follow-ups off with FOLLOW_UP_OUTLETS=0', async () => {
      now = new Date('2026-11-24T10:00:00Z');
      await makeTarget(db.prisma, catalog, { externalId: '7101', country: 'IN' });
      const story = await makeStory(db.prisma, { headline: 'Port strike ends', sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
      await fanout().run();
      await worker().drain();
      await grow(story, ['zee-news', 'india-today', 'the-wire'], new Date(now.getTime() + 60_000));
      expect(await followUps(0).run()).toEqual({ stories: 0, queued: 0, held: 0 });
      expect(await db.prisma.outbox.count({ where: { dedupeKey: `followup:${story}` } })).toBe(0);
    });

    it("leaves out of a reader's digest the breaking stories it already had, unless they grew, and says how much", async () => {
      now = new Date('2026-11-25T10:00:00Z');
      const alerted = await makeTarget(db.prisma, catalog, { externalId: '7201', country: 'IN', categories: ['national'] });
      const fresh = await makeTarget(db.prisma, catalog, { externalId: '7202', country: 'IN', categories: ['national'], breaking: false });
      const same = await makeStory(db.prisma, { headline: 'Metro fares rise', sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
      const grown = await makeStory(db.prisma, { headline: 'Cyclone nears coast', sources: ['the-hindu', 'ndtv', 'news18'], at: now, breaking: true });
      const quiet = await makeStory(db.prisma, { headline: 'Budget session dates set', sources: ['the-hindu', 'ndtv'], at: now });
      await fanout().run();
      await worker().drain();
      await grow(grown, ['zee-news'], new Date('2026-11-25T12:00:00Z'));

      now = new Date('2026-11-26T02:30:00Z'); // 08:00 in Kolkata
      await scheduler().tick();
      const digestOf = async (targetId: number) => parseMessage((await rowsOf(targetId)).find((r) => r.kind === 'digest')!.sharedPayload.body);
      const mine = await digestOf(alerted.id);
      expect(mine.cards!.map((c) => [c.storyId, c.note])).toEqual(
        expect.arrayContaining([
          [grown, '1 more outlet since the alert'],
          [quiet, undefined],
        ]),
      );
      expect(mine.cards!.map((c) => c.storyId)).not.toContain(same);
      expect(mine.lines.join('\n')).toContain('1 more outlet since the alert');
      // A reader who never had the alerts gets all three, with nothing to say about alerts.
      const theirs = await digestOf(fresh.id);
      expect(theirs.cards!.map((c) => c.storyId)).toEqual(expect.arrayContaining([same, grown, quiet]));
      expect(theirs.cards!.every((c) => c.note === undefined)).toBe(true);
    });
  });
}
