// Filters on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): /mute,
// /only, /unmute and /filters through the conversation core, with their limits and refusals;
// the filters keeping stories out of breaking alerts and digests for readers on Telegram (the
// fake Bot API), Discord (the fake REST API) and the web chat, in Latin, Devanagari, Arabic and
// Chinese script; /filters test saying what the last 24 hours were with and without them; the
// breaking sensitivity (only big news, a daily limit); and /why giving every reason a story did
// or did not come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import type { Catalog } from '../../src/core/catalog/catalog.ts';
import { Conversation, type Actor } from '../../src/core/conversation/conversation.ts';
import { BreakingFanout } from '../../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../../src/core/delivery/outbox-worker.ts';
import { parseMessage } from '../../src/core/delivery/outbox.ts';
import { MemorySendBudget } from '../../src/core/delivery/send-budget.ts';
import { DigestScheduler } from '../../src/core/digest/digest-scheduler.ts';
import { encodeAction } from '../../src/core/message/action.ts';
import type { View } from '../../src/core/message/view.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import type { Target } from '../../src/core/targets/target.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { WebMessenger } from '../../src/platforms/web/web-messenger.ts';
import { PrismaAudienceRepository } from '../../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { PrismaChatLog } from '../../src/store/chat-log.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaOutboxRepository } from '../../src/store/outbox.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { makeStory, makeTarget, type TargetSpec } from '../support/delivery-fixtures.ts';
import { recordingLogger } from '../support/logger.ts';
import { budgetLimits, defaults, deliveryOptions } from '../support/defaults.ts';

const admin: Actor = { canConfigure: true };
const text = (v: View) => v.lines.join('\n');

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`filters on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let catalog: Catalog;
    let api: FakeTelegramApi;
    let discord: FakeDiscordApi;
    let conversation: Conversation;
    let now = new Date('2026-11-23T10:00:00Z');
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
      conversation = new Conversation({
        catalog,
        rules: new PreferenceRules(catalog),
        preferences: new PrismaPreferencesRepository(db.prisma),
        targets: new PrismaTargetRepository(db.prisma),
        digests: new PrismaStoryRepository(db.prisma),
        coverage: new PrismaStoryRepository(db.prisma),
        why: new PrismaAudienceRepository(db.prisma),
        digestCap: defaults.delivery.digestCap,
        clock,
      });
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
            messengers: {
              telegram: TelegramMessenger.create('123:TEST', api.apiRoot),
              discord: DiscordMessenger.create('discord-test-token', discord.base),
              web: new WebMessenger(new PrismaChatLog(db.prisma)),
            },
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
    const headlinesOf = async (targetId: number, kind: string) =>
      (await rowsOf(targetId)).filter((r) => r.kind === kind).flatMap((r) => (parseMessage(r.sharedPayload.body).cards ?? []).map((c) => c.headline));

    it('/mute, /only, /unmute and /filters set, list and remove filters, within their limits', async () => {
      const t = await makeTarget(db.prisma, catalog, { externalId: '8001', country: 'IN' });
      expect(text(await conversation.command(t, admin, 'mute', 'Cricket'))).toBe(
        'Muted "Cricket": no story that says it will come, in digests or as breaking news.',
      );
      expect(text(await conversation.command(t, admin, 'mute', '"stock market"'))).toMatch(/^Muted "stock market"/);
      expect(text(await conversation.command(t, admin, 'mute', 'source ndtv'))).toBe('Muted NDTV: nothing from it will come, in digests or as breaking news.');
      expect(text(await conversation.command(t, admin, 'only', 'sports football'))).toBe(
        'In Sports, only stories that say "football" will come (or another /only word).',
      );
      expect(text(await conversation.command(t, admin, 'only', 'India'))).toMatch(/^Only stories that say "India" will come/);
      const list = await conversation.command(t, admin, 'filters');
      expect(list.lines.slice(0, 5)).toEqual([
        '• Muted: "Cricket"',
        '• Muted: "stock market"',
        '• Muted outlet: NDTV',
        '• Only in Sports: "football"',
        '• Only: "India"',
      ]);
      expect(list.buttons.flat().map((b) => b.label)).toContain('✕ Muted: "Cricket"');
      expect(
        await db.prisma.targetFilter.findMany({
          where: { targetId: t.id },
          orderBy: { position: 'asc' },
          select: { kind: true, value: true, categorySlug: true },
        }),
      ).toEqual([
        { kind: 'mute', value: 'Cricket', categorySlug: null },
        { kind: 'mute', value: 'stock market', categorySlug: null },
        { kind: 'muteSource', value: 'ndtv', categorySlug: null },
        { kind: 'only', value: 'football', categorySlug: 'sports' },
        { kind: 'only', value: 'India', categorySlug: null },
      ]);
      // A button removes its filter and the list is shown again, without it.
      const remove = list.buttons.flat().find((b) => b.label === '✕ Muted: "Cricket"')!;
      const after = await conversation.action(t, admin, encodeAction(remove.action));
      expect(after.lines).not.toContain('• Muted: "Cricket"');
      expect(after.buttons.flat()).toHaveLength(4);
      expect((await conversation.action(t, admin, encodeAction(remove.action))).error).toBe(true); // pressed again: gone already
      expect(text(await conversation.command(t, admin, 'unmute', '"STOCK MARKET"'))).toBe('Removed 1 filter.');
      expect(text(await conversation.command(t, admin, 'unmute', 'source NDTV'))).toBe('Removed 1 filter.');
      // Refusals say why.
      const refused = async (command: string, args: string) => {
        const v = await conversation.command(t, admin, command, args);
        expect(v.error, `${command} ${args}`).toBe(true);
        return text(v);
      };
      expect(await refused('unmute', 'tennis')).toBe('There is no filter "tennis" here. /filters lists them.');
      expect(await refused('mute', '""')).toMatch(/^Say what to filter/);
      expect(await refused('mute', 'x'.repeat(61))).toBe('A filter is at most 60 characters long.');
      expect(await refused('mute', 'a b c d e f g h i')).toBe('A filter is at most 8 words long.');
      expect(await refused('only', 'INDIA')).toBe('"INDIA" is already a filter here.');
      expect(await refused('mute', 'source Nowhere Times')).toBe('I know no outlet "Nowhere Times". /sources lists the outlets of your countries.');
      for (let i = 0; (await db.prisma.targetFilter.count({ where: { targetId: t.id } })) < 30; i++) await conversation.command(t, admin, 'mute', `word${i}`);
      expect(await refused('mute', 'one-too-many')).toBe('This chat has 30 filters, the most it can keep. Remove one first (/filters).');
      expect((await conversation.command(t, { canConfigure: false, refusal: 'admins only' }, 'mute', 'x')).lines).toEqual(['admins only']);
    });

    it('keeps filtered stories out of breaking alerts and digests on Telegram, Discord and the web chat, in each script', async () => {
      now = new Date('2026-11-24T02:00:00Z'); // 07:30 in Kolkata
      const reader = async (spec: TargetSpec, filter: [string, string]) => {
        const t: Target = await makeTarget(db.prisma, catalog, { categories: ['national'], digestTime: '09:00', ...spec });
        expect((await conversation.command(t, admin, ...filter)).error, filter.join(' ')).toBeUndefined();
        return t;
      };
      const latin = await reader({ platform: 'telegram', externalId: '8101', country: 'IN', otherSources: ['ndtv'] }, ['mute', 'cricket']);
      const outlet = await reader({ platform: 'discord', kind: 'guild_channel', externalId: '8201', country: 'IN', otherSources: ['ndtv'] }, [
        'mute',
        'source NDTV',
      ]);
      const hindi = await reader({ platform: 'web', externalId: 'web-8301', country: 'IN', language: 'hi', source: 'aajtak' }, ['mute', 'क्रिकेट']);
      const arabic = await reader({ platform: 'telegram', externalId: '8401', country: 'QA', language: 'ar', source: 'al-jazeera' }, ['mute', 'القدم']);
      const chinese = await reader({ platform: 'discord', kind: 'guild_channel', externalId: '8501', country: 'CN', language: 'zh', source: 'epochtimes-zh' }, [
        'mute',
        '世界杯',
      ]);
      const only = await reader({ platform: 'web', externalId: 'web-8601', country: 'IN', otherSources: ['ndtv'] }, ['only', 'monsoon']);

      const stories = [
        ['Cricket: India beat Australia in Chennai', ['the-hindu'], 'en', 'IN'],
        ['Parliament passes the water bill', ['the-hindu', 'ndtv'], 'en', 'IN'],
        ['Monsoon floods close Mumbai schools', ['ndtv'], 'en', 'IN'],
        ['भारत ने क्रिकेट सीरीज़ जीती', ['aajtak'], 'hi', 'IN'],
        ['संसद में जल विधेयक पारित', ['aajtak'], 'hi', 'IN'],
        ['فوز قطر في كرة القدم', ['al-jazeera'], 'ar', 'QA'],
        ['أمير قطر يستقبل وزير الخارجية', ['al-jazeera'], 'ar', 'QA'],
        ['中国队世界杯预选赛获胜', ['epochtimes-zh'], 'zh', 'CN'],
        ['北京发布新的空气质量规定', ['epochtimes-zh'], 'zh', 'CN'],
      ] as const;
      for (const [headline, sources, language, country] of stories)
        await makeStory(db.prisma, { headline, sources: [...sources], language, countries: [country], at: now, breaking: true });
      await fanout().run();
      const breaking = async (t: Target) => (await headlinesOf(t.id, 'breaking')).map((h) => h.replace(/ \([a-z-]+\)$/, ''));
      expect((await breaking(latin)).sort()).toEqual(['Monsoon floods close Mumbai schools', 'Parliament passes the water bill']);
      // NDTV muted: the story only it reports does not come; the one The Hindu reports too comes, as The Hindu's.
      expect(await breaking(outlet)).toEqual(['Cricket: India beat Australia in Chennai', 'Parliament passes the water bill']);
      expect(await breaking(hindi)).toEqual(['संसद में जल विधेयक पारित']);
      expect(await breaking(arabic)).toEqual(['أمير قطر يستقبل وزير الخارجية']);
      expect(await breaking(chinese)).toEqual(['北京发布新的空气质量规定']);
      expect(await breaking(only)).toEqual(['Monsoon floods close Mumbai schools']);

      // Delivered on each platform: what arrives is what was kept.
      await worker().drain();
      const tg = api
        .sent()
        .filter((c) => ['8101', '8401'].includes(String(c.body.chat_id)))
        .map((c) => String(c.body.text));
      expect(tg.some((t) => t.includes('Parliament passes'))).toBe(true);
      expect(tg.some((t) => t.includes('Cricket: India'))).toBe(false);
      expect(tg.some((t) => t.includes('فوز قطر'))).toBe(false);
      expect(tg.some((t) => t.includes('أمير قطر'))).toBe(true);
      const dc = discord.calls.filter((c) => c.method === 'POST' && /^\/channels\/(8201|8501)\//.test(c.path)).map((c) => JSON.stringify(c.body));
      expect(dc.some((b) => b.includes('世界杯'))).toBe(false);
      expect(dc.some((b) => b.includes('Monsoon floods'))).toBe(false);
      expect(dc.some((b) => b.includes('北京发布'))).toBe(true);
      const web = await new PrismaChatLog(db.prisma).since('web-8301', 0, 100);
      expect(JSON.stringify(web.map((e) => e.body))).not.toContain('क्रिकेट');
      expect(JSON.stringify(web.map((e) => e.body))).toContain('संसद');

      // The morning digest: the same filters. (Breaking stories already sent are not repeated.)
      await db.prisma.outbox.deleteMany({ where: { kind: 'breaking' } });
      now = new Date('2026-11-24T03:31:00Z'); // 09:01 in Kolkata
      await scheduler().tick();
      const digest = async (t: Target) => (await headlinesOf(t.id, 'digest')).map((h) => h.replace(/ \([a-z-]+\)$/, ''));
      expect(await digest(latin)).not.toContain('Cricket: India beat Australia in Chennai');
      expect(await digest(latin)).toContain('Parliament passes the water bill');
      expect(await digest(hindi)).toEqual(['संसद में जल विधेयक पारित']);
      expect(await digest(only)).toEqual(['Monsoon floods close Mumbai schools']);
      // The digest credits a story NDTV and The Hindu report to The Hindu for the reader who muted NDTV.
      const outletCards = (await rowsOf(outlet.id)).filter((r) => r.kind === 'digest').flatMap((r) => parseMessage(r.sharedPayload.body).cards ?? []);
      expect(outletCards.map((c) => c.outlet)).not.toContain('NDTV');
    });

    it('/breaking big, all and cap: only big news, and a daily limit whose overflow waits for the digest', async () => {
      now = new Date('2026-11-25T06:00:00Z');
      const big = await makeTarget(db.prisma, catalog, { externalId: '8801', country: 'IN', categories: ['national'], otherSources: ['ndtv', 'news18'] });
      const capped = await makeTarget(db.prisma, catalog, { externalId: '8802', country: 'IN', categories: ['national'], otherSources: ['ndtv', 'news18'] });
      expect(text(await conversation.command(big, admin, 'breaking', 'big 3'))).toBe('Breaking news: only stories at least 3 outlets report.');
      expect(text(await conversation.command(capped, admin, 'breaking', 'cap 2'))).toBe(
        'Breaking news: at most 2 alerts in 24 hours; the rest waits for the next digest.',
      );
      expect(text(await conversation.command(big, admin, 'settings'))).toContain('Breaking news carries stories at least 3 outlets report');
      expect(text(await conversation.command(capped, admin, 'settings'))).toContain('Breaking news carries every story, at most 2 a day');
      for (const bad of ['big', 'big 0', 'big many', 'cap 0', 'cap 1000', 'loud'])
        expect((await conversation.command(big, admin, 'breaking', bad)).error, bad).toBe(true);

      const stories: number[] = [];
      for (const [i, sources] of [['the-hindu', 'ndtv'], ['the-hindu', 'ndtv', 'news18'], ['the-hindu'], ['the-hindu', 'news18', 'ndtv']].entries()) {
        stories.push(await makeStory(db.prisma, { headline: `Sensitivity story ${i}`, sources, at: now, breaking: true }));
        await fanout().run();
        now = new Date(now.getTime() + 3 * 3600_000); // hours apart: the hourly cap stays out of it
      }
      const statuses = async (t: Target) =>
        (await rowsOf(t.id))
          .filter((r) => r.kind === 'breaking')
          .map((r) => `${r.dedupeKey.replace(/\d+$/, (id) => String(stories.indexOf(Number(id))))} ${r.status}`);
      // Only the stories at least three outlets report.
      expect(await statuses(big)).toEqual(['breaking:1 pending', 'breaking:3 pending']);
      // Two in 24 hours; the third and fourth wait for the digest (folded), which carries them first.
      expect(await statuses(capped)).toEqual(['breaking:0 pending', 'breaking:1 pending', 'breaking:2 folded', 'breaking:3 folded']);
      // A day later the limit starts again.
      now = new Date(now.getTime() + 24 * 3600_000);
      const next = await makeStory(db.prisma, { headline: 'Sensitivity story 4', sources: ['the-hindu', 'ndtv'], at: now, breaking: true });
      await fanout().run();
      expect((await rowsOf(capped.id)).find((r) => r.dedupeKey === `breaking:${next}`)?.status).toBe('pending');
      expect(text(await conversation.command(capped, admin, 'breaking', 'cap off'))).toBe('Breaking news: no daily limit.');
      expect(text(await conversation.command(big, admin, 'breaking', 'all'))).toBe('Breaking news: every breaking story.');
      expect(await db.prisma.target.findUniqueOrThrow({ where: { id: big.id } })).toMatchObject({ breakingMinOutlets: 1 });
    });

    it('/why says how a story came, or what stopped it, for every reason', async () => {
      now = new Date('2026-11-28T04:00:00Z'); // 09:30 in Kolkata
      const spec = { country: 'IN', categories: ['national'], otherSources: ['ndtv'] };
      const reader = await makeTarget(db.prisma, catalog, { externalId: '8901', ...spec });
      const big = await makeTarget(db.prisma, catalog, { externalId: '8902', ...spec });
      const off = await makeTarget(db.prisma, catalog, { externalId: '8903', ...spec, breaking: false });
      const asleep = await makeTarget(db.prisma, catalog, { externalId: '8904', ...spec, quiet: { start: '09:00', end: '11:00' } });
      const busy = await makeTarget(db.prisma, catalog, { externalId: '8905', ...spec });
      const broken = await makeTarget(db.prisma, catalog, { externalId: '8906', ...spec });
      const nobody = await new PrismaTargetRepository(db.prisma).upsert({ platform: 'telegram', externalId: '8907', kind: 'private' });
      await conversation.command(big, admin, 'breaking', 'big 3');
      await conversation.command(reader, admin, 'mute', 'cricket');
      await outbox().add(
        Array.from({ length: 10 }, (_, i) => ({ targetId: busy.id, dedupeKey: `breaking:why-${i}`, kind: 'breaking' as const, message: { lines: ['x'] } })),
      );
      const why = async (t: Target, input: string) => {
        const v = await conversation.command(t, admin, 'why', input);
        return v.lines.at(-1)!;
      };

      const alert = await makeStory(db.prisma, { headline: 'Why: bridge reopens in Kolkata', sources: ['the-hindu', 'ndtv'], at: now, breaking: true });
      // Broke, matches, but its fan-out has not run yet.
      expect(await why(reader, String(alert))).toBe(
        'It broke and this chat should have it: its alert is still to be written, or this chat chose this news after it broke.',
      );
      await fanout().run();
      expect(await why(reader, String(alert))).toBe('It is waiting to be sent here.');
      await db.prisma.outbox.updateMany({
        where: { targetId: broken.id, dedupeKey: `breaking:${alert}` },
        data: { status: 'dead', lastError: 'Telegram 400: chat not found' },
      });
      await worker().drain();
      expect(await why(reader, String(alert))).toBe('It came here as breaking news, 9:30 am IST.');
      const link = (await db.prisma.item.findFirstOrThrow({ where: { storyId: alert } })).url;
      expect(await why(reader, link)).toBe('It came here as breaking news, 9:30 am IST.'); // by a report's link too
      expect(await why(big, String(alert))).toBe(
        'It broke with 2 outlets; this chat asked for stories at least 3 outlets report (/breaking all). It can still come in a digest.',
      );
      expect(await why(off, String(alert))).toBe('It broke, but breaking news is off here (/breaking on); it can still come in a digest.');
      expect(await why(asleep, String(alert))).toBe("It broke during this chat's quiet hours; it comes when they end, 11:00 am IST.");
      expect(await why(busy, String(alert))).toBe('It broke when this chat had had its limit of breaking alerts; it comes first in the next digest.');
      expect(await why(broken, String(alert))).toBe('It could not be delivered here: Telegram 400: chat not found');
      expect(await why(nobody, String(alert))).toBe('Nothing is set here, so nothing arrives: send /start.');

      const sports = await makeStory(db.prisma, { headline: 'Why: a sports story', sources: ['the-hindu'], categories: ['sports'], at: now });
      expect(await why(reader, String(sports))).toBe('It is filed under Sports, which this chat does not follow: /subscribe adds a category.');
      const hindi = await makeStory(db.prisma, { headline: 'क्यों: एक हिंदी ख़बर', sources: ['aajtak'], language: 'hi', at: now });
      expect(await why(reader, String(hindi))).toBe('It is reported in Hindi, which this chat does not read: /setlanguage adds a language.');
      const american = await makeStory(db.prisma, { headline: 'Why: an American story', sources: ['cnn'], countries: ['US'], at: now });
      expect(await why(reader, String(american))).toBe("None of its outlets (CNN) is among this chat's sources: /sources adds one.");
      const cricket = await makeStory(db.prisma, { headline: 'Why: cricket in Kolkata', sources: ['the-hindu'], at: now });
      expect(await why(reader, String(cricket))).toBe('This chat\'s filter keeps it out (Muted: "cricket"): /filters lists them.');
      const quiet = await makeStory(db.prisma, { headline: 'Why: a quiet story', sources: ['the-hindu'], at: now });
      expect(await why(reader, String(quiet))).toMatch(
        /^It did not break, so it can come only in a digest, among its top stories\. Next digest: National: (today|tomorrow) at 08:00\.$/,
      );
      // The digest comes (08:00 the next day in Kolkata) and carries it.
      now = new Date('2026-11-29T02:31:00Z');
      await scheduler().tick();
      await worker().drain();
      expect(await why(reader, String(quiet))).toBe('It came here in a digest, 8:01 am IST.');

      expect((await conversation.command(reader, admin, 'why', '99999999')).lines).toEqual([
        'I know no story "99999999". A digest gives each story a number (/story 12).',
      ]);
      expect((await conversation.command(reader, admin, 'why', '')).error).toBe(true);
      // Anyone in a group may ask: it changes nothing.
      expect((await conversation.command(reader, { canConfigure: false }, 'why', String(alert))).error).toBeUndefined();
    });

    it('/filters test says what the last 24 hours were with and without the filters, and what each kept out', async () => {
      now = new Date('2026-11-30T06:00:00Z');
      const t = await makeTarget(db.prisma, catalog, { externalId: '8701', country: 'IN', categories: ['national'] });
      await makeStory(db.prisma, { headline: 'Cricket: India beat Australia in Chennai', sources: ['the-hindu'], at: now });
      await makeStory(db.prisma, { headline: 'Kolkata metro extends its hours', sources: ['the-hindu'], at: now });
      expect(text(await conversation.command(t, admin, 'filters', 'test'))).toBe('No filters here to try. /mute cricket mutes a word.');
      await conversation.command(t, admin, 'mute', 'cricket');
      await conversation.command(t, admin, 'mute', 'tennis');
      const v = await conversation.command(t, admin, 'filters', 'test');
      expect(v.title).toBe('The last 24 hours, with and without your filters');
      expect(v.lines[0]).toMatch(/^Without filters: \d+ stories\. With them: \d+ stor(y|ies)\.$/);
      const [, all, kept] = /^Without filters: (\d+) stories\. With them: (\d+)/.exec(v.lines[0]!)!;
      expect(Number(all) - Number(kept)).toBe(1);
      expect(v.lines).toContain('Muted: "cricket" kept out 1 story:');
      expect(v.lines).toContain('• Cricket: India beat Australia in Chennai (the-hindu)');
      expect(v.lines).toContain('Muted: "tennis" kept out 0 stories:');
      expect((await conversation.command(t, admin, 'filters', 'nonsense')).error).toBe(true);
    });
  });
}
