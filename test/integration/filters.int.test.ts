// Filters on a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): /mute,
// /only, /unmute and /filters through the conversation core, with their limits and refusals;
// the filters keeping stories out of breaking alerts and digests for readers on Telegram (the
// fake Bot API), Discord (the fake REST API) and the web chat, in Latin, Devanagari, Arabic and
// Chinese script; and /filters test saying what the last 24 hours were with and without them.
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

    it('/filters test says what the last 24 hours were with and without the filters, and what each kept out', async () => {
      const t = await makeTarget(db.prisma, catalog, { externalId: '8701', country: 'IN', categories: ['national'] });
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
