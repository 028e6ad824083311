// The conversation core on a real SQLite file: onboarding, every command, menus driven by
// their buttons, refusals, and /stop. Platform-free: what the bots will render.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { Conversation, type Actor } from '../../src/core/conversation/conversation.ts';
import { encodeAction, MAX_ACTION_BYTES } from '../../src/core/message/action.ts';
import type { View } from '../../src/core/message/view.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { PrismaStoryRepository } from '../../src/store/stories.store.ts';
import type { Target } from '../../src/core/targets/target.ts';
import { sqlite, type TestDatabase } from '../support/databases.ts';
import { defaults } from '../support/defaults.ts';

let testDb: TestDatabase;
let db: Database;
let conversation: Conversation;
let targets: PrismaTargetRepository;
let prefs: PrismaPreferencesRepository;
const admin: Actor = { canConfigure: true };
let n = 0;
const newTarget = () => targets.upsert({ platform: 'telegram', externalId: String(++n), kind: 'private' });
const text = (v: View) => v.lines.join('\n');
const actions = (v: View) => v.buttons.flat().map((b) => encodeAction(b.action));
const button = (v: View, label: RegExp) => v.buttons.flat().find((b) => label.test(b.label))!;
/** Every button's action must fit Telegram's 64-byte callback_data. */
function checked(v: View): View {
  for (const a of actions(v)) expect(Buffer.byteLength(a), a).toBeLessThanOrEqual(MAX_ACTION_BYTES);
  return v;
}

beforeAll(async () => {
  testDb = await sqlite.create();
  db = await openDatabase(testDb.url);
  await db.migrate();
  const catalog = await loadCatalog();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  targets = new PrismaTargetRepository(db.prisma);
  prefs = new PrismaPreferencesRepository(db.prisma);
  conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: prefs,
    targets,
    digests: new PrismaStoryRepository(db.prisma),
    coverage: new PrismaStoryRepository(db.prisma),
    digestCap: defaults.delivery.digestCap,
  });
});
afterAll(async () => {
  await db.close();
  await testDb.dispose();
});

describe('onboarding', () => {
  it('walks country → language → source → categories → time, then sums up', async () => {
    const t = await newTarget();
    const go = async (v: View, label: RegExp) => checked(await conversation.action(t, admin, encodeAction(button(v, label).action)));
    let v = checked(await conversation.command(t, admin, 'start'));
    expect(text(v)).toMatch(/Welcome to Herald/);
    v = await go(v, /^India$/);
    // Each step in the preference screen's own words (the seed catalog's).
    expect(v.title).toBe('Set News Language for India');
    expect(text(v)).toBe('Primary Language (Mandatory)\nWhich language for India?');
    v = await go(v, /^Hindi$/);
    expect(v.title).toBe('Set News Source for India');
    expect(text(v)).toMatch(/^Primary Source \(Mandatory\)\nYour main source for India\?/);
    v = await go(v, /AajTak/);
    expect(text(v)).toMatch(/daily digest/);
    v = await go(v, /Sports/);
    v = await go(v, /^Done$/);
    expect(text(v)).toMatch(/When should the digest arrive\? \(Times are in Asia\/Kolkata/);
    v = await go(v, /^07:00$/);
    expect(text(v)).toContain('All set.');
    // When the first digest comes, on the reader's clock.
    expect(text(v)).toMatch(/Your first digest \(National, International, and Sports\) comes (today|tomorrow) at 07:00\./);
    expect(text(v)).toContain('★ India: Hindi; sources AajTak');
    expect(text(v)).toContain('Daily digests: National 07:00, International 07:00, Sports 07:00');
    const stored = await prefs.load(t.id);
    expect(stored).toMatchObject({
      timezone: 'Asia/Kolkata',
      digestTime: '07:00',
      countries: [{ country: 'IN', primaryLanguage: 'hi', primarySource: 'aajtak' }],
    });
  });

  it('lets every step be skipped, keeping sensible defaults', async () => {
    const t = await newTarget();
    let v = await conversation.command(t, admin, 'start');
    for (const label of [/^Skip$/, /^Skip$/, /^Skip$/, /^Done$/, /^Skip$/]) v = await conversation.action(t, admin, encodeAction(button(v, label).action));
    expect(text(v)).toContain('All set.');
    expect(await prefs.load(t.id)).toMatchObject({ digestTime: '08:00', subscriptions: [{ category: 'national' }, { category: 'international' }] });
  });
});

describe('what is real', () => {
  it('/settings says nothing is set where nothing is, before /start and after /stop, and offers /start', async () => {
    const t = await newTarget();
    const nothing = 'Nothing is set here yet, and nothing arrives. Send /start to choose your country, sources and digests.';
    expect(text(await conversation.command(t, admin, 'settings'))).toBe(nothing);
    await conversation.command(t, admin, 'setcountry', 'IN');
    expect(text(await conversation.command(t, admin, 'settings'))).toMatch(/★ India/);
    const ask = await conversation.command(t, admin, 'stop');
    await conversation.action(t, admin, encodeAction(button(ask, /Yes/).action));
    const again = await targets.upsert({ platform: 'telegram', externalId: t.externalId, kind: 'private' });
    expect(text(await conversation.command(again, admin, 'settings'))).toBe(nothing);
  });

  it('/digest says when each category comes next', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'IN');
    await conversation.command(t, admin, 'subscribe', 'sports');
    await conversation.command(t, admin, 'digest', 'time 7pm');
    const v = await conversation.command(t, admin, 'digest');
    expect(v.title).toBe('Next digests');
    expect(v.lines.slice(0, 3)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(National|International|Sports): (today|tomorrow) at (08:00|19:00)$/)]),
    );
    expect(v.lines.some((l) => /^Sports: (today|tomorrow) at 08:00$/.test(l)) || v.lines.some((l) => /^Sports: (today|tomorrow) at 19:00$/.test(l))).toBe(true);
  });

  it("/digest <category> daily|twice|weekdays|weekly sets a rhythm, shown in /settings and /digest, in the reader's words", async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'IN');
    await conversation.command(t, admin, 'subscribe', 'sports');
    await conversation.command(t, admin, 'subscribe', 'business');
    expect(text(await conversation.command(t, admin, 'digest', 'sports twice 7 7pm'))).toBe('Sports digest: 07:00 and 19:00.');
    expect(text(await conversation.command(t, admin, 'digest', 'business weekdays 8:30'))).toBe('Business digest: weekdays 08:30.');
    expect(text(await conversation.command(t, admin, 'digest', 'national weekly sunday 10'))).toBe('National digest: Sundays 10:00.');
    expect(text(await conversation.command(t, admin, 'settings'))).toContain('National Sundays 10:00');
    expect(text(await conversation.command(t, admin, 'settings'))).toContain('Sports 07:00 and 19:00');
    const next = await conversation.command(t, admin, 'digest');
    expect(next.lines.find((l) => l.startsWith('National:'))).toMatch(/^National: (today|tomorrow|Sunday) at 10:00$/);
    expect(await prefs.load(t.id)).toMatchObject({
      subscriptions: expect.arrayContaining([
        { category: 'sports', digestTime: '07:00', rhythm: { kind: 'twice', second: '19:00' } },
        { category: 'business', digestTime: '08:30', rhythm: { kind: 'weekdays' } },
        { category: 'national', digestTime: '10:00', rhythm: { kind: 'weekly', day: 7 } },
      ]),
    });
    expect(text(await conversation.command(t, admin, 'digest', 'sports daily 6'))).toBe('Sports digest: 06:00.');
    // In German, with the day as a German reader writes it.
    await conversation.command(t, admin, 'language', 'de');
    const german = (await targets.get(t.id))!; // as a platform reads it for the next message
    expect(text(await conversation.command(german, admin, 'digest', 'Wirtschaft weekly Montag 7'))).toMatch(/Wirtschaft.*Montags 07:00/);
    expect((await prefs.load(t.id))!.subscriptions.find((x) => x.category === 'business')).toMatchObject({ rhythm: { kind: 'weekly', day: 1 } });
    await conversation.command(t, admin, 'language', 'en');
    for (const bad of [
      'sports twice 7 7',
      'sports twice 7',
      'sports weekly someday 7',
      'sports weekly sunday 25:00',
      'entertainment daily 7',
      'astrology daily 7',
    ])
      expect((await conversation.command(t, admin, 'digest', bad)).error, bad).toBe(true);
    expect(text(await conversation.command(t, admin, 'digest', 'entertainment daily 7'))).toBe('This chat does not follow Entertainment: /subscribe it first.');
  });

  it('takes times as people type them: 7, 7:00, 07:30, 7pm', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'IN');
    for (const [typed, stored] of [
      ['7', '07:00'],
      ['7:00', '07:00'],
      ['07:30', '07:30'],
      ['7pm', '19:00'],
      ['7:45 PM', '19:45'],
      ['12am', '00:00'],
      ['12 pm', '12:00'],
      ['19h', '19:00'],
    ]) {
      expect((await conversation.command(t, admin, 'digest', `time ${typed}`)).error, typed).toBeUndefined();
      expect((await prefs.load(t.id))!.digestTime, typed).toBe(stored);
    }
    for (const typed of ['25', '13pm', '7:61', 'seven', '0am'])
      expect((await conversation.command(t, admin, 'digest', `time ${typed}`)).error, typed).toBe(true);
  });

  it('/setcountry keeps the old primary country among the others, with its languages and sources', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'IN');
    await conversation.command(t, admin, 'sources', 'IN');
    await conversation.action(t, admin, encodeAction({ kind: 'source', country: 'IN', page: 1, change: { op: 'primary', source: 'ndtv' } }));
    expect(text(await conversation.command(t, admin, 'setcountry', 'us'))).toContain(
      'United States is now your primary country; India stays among your other countries, with its languages and sources (/setcountry remove India to drop it).',
    );
    expect((await prefs.load(t.id))!.countries.map((c) => [c.country, c.primarySource])).toEqual([
      ['US', expect.any(String)],
      ['IN', 'ndtv'],
    ]);
  });
});

describe('commands', () => {
  it('/setcountry sets by name, adds and removes others, and lists valid names for an unknown one', async () => {
    const t = await newTarget();
    expect(text(await conversation.command(t, admin, 'setcountry', 'Germany'))).toContain('Germany is now your primary country.');
    expect(text(await conversation.command(t, admin, 'setcountry', 'add world'))).toContain('Added World.');
    const bad = await conversation.command(t, admin, 'setcountry', 'Atlantis');
    expect(bad.error).toBe(true);
    expect(text(bad)).toBe(
      'I don\'t know the country "Atlantis". Choose one of: India (IN), United States (US), Qatar (QA), Germany (DE), China (CN), Canada (CA), or World (WORLD).',
    );
    const menu = checked(await conversation.command(t, admin, 'setcountry', 'remove World'));
    expect(text(menu)).toContain('Removed World.');
    // The menu's buttons work too.
    const v = await conversation.action(t, admin, encodeAction(button(menu, /^Canada$/).action));
    expect(text(v)).toMatch(/^Primary Country \(Mandatory\): Canada\nOther Country \(Optional\): (.+)$/m);
  });

  it('/setlanguage says "no other language available" for the United States', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'United States');
    const v = checked(await conversation.command(t, admin, 'setlanguage'));
    expect(v.title).toBe('Set News Language for United States');
    expect(text(v)).toBe('Primary Language (Mandatory): English\nNo other language available');
    expect(actions(v).filter((a) => a.includes(':t:'))).toEqual([]);
  });

  it("/sources pages through a country's sources and toggles others", async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'India');
    let v = checked(await conversation.command(t, admin, 'sources'));
    expect(text(v)).toMatch(/\(page 1 of 2\)/);
    v = checked(await conversation.action(t, admin, encodeAction(button(v, /Next/).action)));
    expect(text(v)).toMatch(/\(page 2 of 2\)/);
    const bbc = v.buttons.find((row) => row[0]!.label.endsWith('ABP News'))!;
    v = checked(await conversation.action(t, admin, encodeAction(bbc[1]!.action)));
    expect((await prefs.load(t.id))!.countries[0].otherSources).toEqual(['abp-news']);
    expect(text(v)).toMatch(/\(page 2 of 2\)/); // stays on its page
  });

  it('/categories toggles, and All turns every category on', async () => {
    const t = await newTarget();
    let v = await conversation.command(t, admin, 'categories');
    v = await conversation.action(t, admin, encodeAction(button(v, /All Categories/).action));
    expect((await prefs.load(t.id))!.subscriptions).toHaveLength(6);
    v = await conversation.action(t, admin, encodeAction(button(v, /Sports/).action));
    expect((await prefs.load(t.id))!.subscriptions.map((s) => s.category)).not.toContain('sports');
    expect(button(v, /Sports/).selected).toBe(false);
  });

  it('/digest takes a time, an IANA zone, an offset or a city', async () => {
    const t = await newTarget();
    expect(text(await conversation.command(t, admin, 'digest', 'time 6:30'))).toBe('Digests will arrive at 06:30 (Asia/Kolkata).');
    for (const [input, zone] of [
      ['Europe/Berlin', 'Europe/Berlin'],
      ['+05:30', 'Asia/Kolkata'],
      ['UTC-3', 'Etc/GMT+3'],
      ['Mumbai', 'Asia/Kolkata'],
      ['new york', 'America/New_York'],
    ])
      expect(text(await conversation.command(t, admin, 'digest', `timezone ${input}`))).toBe(`Time zone set to ${zone}.`);
    const bad = await conversation.command(t, admin, 'digest', 'timezone Gotham');
    expect(bad).toMatchObject({ error: true });
    expect(text(bad)).toMatch(/"Gotham" is not a time zone I know/);
    expect(text(await conversation.command(t, admin, 'digest', 'time 25:99'))).toMatch(/"25:99" is not a time of day/);
    // Alone, /digest says when the next digests come, then how to change them.
    expect(text(await conversation.command(t, admin, 'digest'))).toMatch(/^National: (today|tomorrow) at \d\d:\d\d\n[\s\S]*\nUse \/digest now/);
    expect((await conversation.command(await newTarget(), admin, 'digest')).error).toBe(true); // nothing set: how to use it
  });

  it('/digest now sends the stories of the last day from the chosen sources, or says there are none', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'India'); // primary source AajTak (hi) → set an English one
    await conversation.command(t, admin, 'setlanguage', 'English');
    const menu = await conversation.command(t, admin, 'sources');
    expect(text(await conversation.action(t, admin, encodeAction(button(menu, /The Hindu/).action)))).toMatch(/^Primary Source \(Mandatory\): The Hindu$/m);
    expect(text(await conversation.command(t, admin, 'digest', 'now'))).toBe('Nothing new in your categories from your sources in the last 24 hours.');
    const now = new Date();
    const item = await db.prisma.item.create({
      data: { sourceId: 'the-hindu', url: 'https://www.thehindu.com/x', title: 'Monsoon floods', languageCode: 'en', contentHash: 'h', publishedAt: now },
    });
    const story = await db.prisma.story.create({
      data: {
        key: 'k-digest',
        headline: 'Monsoon floods in Chennai',
        languageCode: 'en',
        outletCount: 4,
        categories: 'national',
        lastUpdatedAt: now,
        items: { connect: { id: item.id } },
      },
    });
    const digest = await conversation.command(t, admin, 'digest', 'now');
    expect(digest.title).toBe('Your digest');
    // The Hindu's own headline, with its link, its name, and its time on an Indian reader's clock.
    const local = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(now);
    expect(local).toMatch(/ IST$/);
    expect(digest.lines).toEqual([
      '— National —',
      `• Monsoon floods (The Hindu, +3 more sources, ${local}, all: /story ${story.id})`,
      '  https://www.thehindu.com/x',
    ]);
  });

  it('/story lists every outlet with its own headline, link and time; refuses a bad or unknown number', async () => {
    const t = await newTarget();
    const at = (min: number) => new Date(Date.UTC(2026, 10, 21, 6, min));
    const item = (sourceId: string, title: string, min: number) => ({
      sourceId,
      url: `https://${sourceId}.example/${min}`,
      title,
      languageCode: 'en',
      contentHash: `${sourceId}-${min}`,
      publishedAt: at(min),
    });
    const story = await db.prisma.story.create({
      data: {
        key: 'k-coverage',
        headline: 'Quake hits Delhi',
        languageCode: 'en',
        outletCount: 3,
        items: {
          create: [item('ndtv', 'Tremors felt across Delhi', 5), item('the-hindu', 'Earthquake jolts Delhi', 2), item('ndtv', 'Delhi quake: what we know', 30)],
        },
      },
    });
    const coverage = await conversation.command(t, admin, 'story', String(story.id));
    expect(coverage.title).toBe('Reported by 2 outlets');
    // Each report's time on the reader's clock (India: IST), not UTC's 06:02.
    expect(coverage.lines).toEqual([
      expect.stringMatching(/^• The Hindu \(21 Nov( 2026)?, 11:32 am IST\): Earthquake jolts Delhi$/),
      '  https://the-hindu.example/2',
      expect.stringMatching(/^• NDTV \(21 Nov( 2026)?, 11:35 am IST\): Tremors felt across Delhi$/),
      '  https://ndtv.example/5',
    ]);
    expect(coverage.cards!.map((c) => [c.outlet, c.headline, c.url, c.time.toISOString()])).toEqual([
      ['The Hindu', 'Earthquake jolts Delhi', 'https://the-hindu.example/2', '2026-11-21T06:02:00.000Z'],
      ['NDTV', 'Tremors felt across Delhi', 'https://ndtv.example/5', '2026-11-21T06:05:00.000Z'],
    ]);
    // Anyone in a chat may look: it changes nothing.
    expect((await conversation.command(t, { canConfigure: false }, 'story', `#${story.id}`)).lines[0]).toMatch(/^• The Hindu \(.+\): Earthquake jolts Delhi$/);
    expect(await conversation.command(t, admin, 'story', '')).toMatchObject({
      error: true,
      lines: ['Use /story and the number a digest gives, e.g. /story 12.'],
    });
    expect(await conversation.command(t, admin, 'story', 'abc')).toMatchObject({ error: true });
    expect(await conversation.command(t, admin, 'story', '999999')).toMatchObject({
      error: true,
      lines: ['There is no story 999999 (stories are kept for a month).'],
    });
  });

  it('/breaking, /quiet and /settings', async () => {
    const t = await newTarget();
    expect(text(await conversation.command(t, admin, 'breaking', 'off'))).toBe('Breaking news: off.');
    expect(text(await conversation.command(t, admin, 'breaking', 'maybe'))).toMatch(/^Use \/breaking on, \/breaking off, \/breaking big 3/);
    expect(text(await conversation.command(t, admin, 'quiet', '22:00-7:00'))).toBe('Quiet hours 22:00–07:00: breaking news waits until they end.');
    expect(text(await conversation.command(t, admin, 'quiet', 'sometimes'))).toBe('Use /quiet 22:00-07:00 or /quiet off.');
    const settings = text(await conversation.command(t, admin, 'settings'));
    expect(settings).toContain('Breaking news: off');
    expect(settings).toContain('Quiet hours: 22:00–07:00');
  });

  it('/subscribe and /unsubscribe a category for the chat', async () => {
    const t = await newTarget();
    expect(text(await conversation.command(t, admin, 'subscribe', 'sports'))).toBe('Subscribed to Sports: a digest every day at 08:00.');
    expect(text(await conversation.command(t, admin, 'unsubscribe', 'Sports'))).toBe('Unsubscribed from Sports.');
    expect(text(await conversation.command(t, admin, 'subscribe', 'weather'))).toMatch(/There is no category "weather"/);
    expect(text(await conversation.command(t, admin, 'subscribe'))).toMatch(/^Name a category: National, International, .* or All/);
  });

  it('/stop asks first, then deletes everything about the chat', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'breaking', 'off');
    const ask = await conversation.command(t, admin, 'stop');
    expect(text(await conversation.action(t, admin, encodeAction(button(ask, /No/).action)))).toBe('Nothing changed.');
    expect(await targets.get(t.id)).not.toBeNull();
    expect(text(await conversation.action(t, admin, encodeAction(button(ask, /Yes/).action)))).toMatch(/^Stopped\./);
    expect(await targets.get(t.id)).toBeNull();
  });

  it('refuses changes from someone who may not configure the chat, but shows settings and help', async () => {
    const t: Target = await targets.upsert({ platform: 'telegram', externalId: '-100', kind: 'group' });
    const member: Actor = { canConfigure: false, refusal: "Only this group's admins can change what it receives." };
    const v = await conversation.command(t, member, 'setcountry', 'India');
    expect(v).toMatchObject({ error: true, lines: ["Only this group's admins can change what it receives."] });
    expect((await conversation.action(t, member, 'cty:p:IN')).error).toBe(true);
    expect((await conversation.command(t, member, 'settings')).error).toBeUndefined();
    expect((await conversation.command(t, member, 'help')).lines.length).toBeGreaterThan(5);
    expect(await prefs.load(t.id)).toBeNull();
  });

  it('answers unknown commands and stale buttons clearly', async () => {
    const t = await newTarget();
    expect(text(await conversation.command(t, admin, 'fly'))).toBe("I don't know /fly. Send /help for what I can do.");
    expect(text(await conversation.action(t, admin, 'zzz:1'))).toBe('That menu is out of date. Send the command again.');
  });

  it("names countries and languages in a refusal in the reader's language, not the catalog's English", async () => {
    const t = await targets.upsert({ platform: 'telegram', externalId: String(++n), kind: 'private', locale: 'de' });
    await conversation.command(t, admin, 'setcountry', 'IN');
    const refused = await conversation.command(t, admin, 'setcountry', 'remove US');
    expect(refused.error).toBe(true);
    expect(text(refused)).toBe('Vereinigte Staaten ist nicht unter deinen Ländern (du hast: Indien).');
    const language = await conversation.command(t, admin, 'setlanguage', 'fr');
    expect(text(language)).toBe('Für Indien gibt es keine Sprache „fr“. Verfügbar: Englisch oder Hindi.');
    // Categories by their names in the reader's language, listed and taken.
    expect(text(await conversation.command(t, admin, 'subscribe', 'Wetter'))).toMatch(
      /^Es gibt keine Kategorie „Wetter“\. Kategorien: Inland, Ausland, Wirtschaft, Unterhaltung, Sport, Spezial oder Alle Kategorien\.$/,
    );
    expect(text(await conversation.command(t, admin, 'subscribe', 'wirtschaft'))).toMatch(/Wirtschaft/);
    expect((await db.prisma.subscription.findMany({ where: { targetId: t.id } })).map((x) => x.categorySlug)).toContain('business');
  });

  it('/sound and /previews choose how news arrives, and /settings says so', async () => {
    const t = await newTarget();
    await conversation.command(t, admin, 'setcountry', 'IN');
    expect(text(await conversation.command(t, admin, 'settings'))).toContain('Sound: digests off, breaking news on; link previews on');
    expect(text(await conversation.command(t, admin, 'sound', 'digests on'))).toBe('Digests arrive with a sound; breaking news with a sound.');
    expect(text(await conversation.command(t, admin, 'sound', 'breaking off'))).toBe('Digests arrive with a sound; breaking news silently.');
    expect(text(await conversation.command(t, admin, 'previews', 'off'))).toBe('Link previews under breaking news: off.');
    expect(text(await conversation.command(t, admin, 'settings'))).toContain('Sound: digests on, breaking news off; link previews off');
    expect(await db.prisma.target.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ digestSound: true, breakingSound: false, linkPreviews: false });
    for (const [command, args] of [
      ['sound', ''],
      ['sound', 'digests'],
      ['sound', 'alerts on'],
      ['previews', 'maybe'],
    ] as const)
      expect((await conversation.command(t, admin, command, args)).error).toBe(true);
  });

  it('/threads: a thread per breaking story in a Discord server channel, refused where there are none', async () => {
    const channel = await targets.upsert({ platform: 'discord', externalId: `thr-${++n}`, kind: 'guild_channel' });
    await conversation.command(channel, admin, 'setcountry', 'IN');
    expect(text(await conversation.command(channel, admin, 'settings'))).toContain('Threads for breaking news: off');
    expect(text(await conversation.command(channel, admin, 'threads', 'on'))).toBe(
      'Threads for breaking news: on. Each breaking story opens a thread, where its follow-ups go.',
    );
    expect(text(await conversation.command(channel, admin, 'settings'))).toContain('Threads for breaking news: on');
    expect(await db.prisma.target.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ breakingThreads: true });
    expect((await conversation.command(channel, admin, 'threads', 'maybe')).error).toBe(true);
    // A Telegram chat and a Discord DM have no threads to open: refused, and not in /settings or /help.
    const dm = await targets.upsert({ platform: 'discord', externalId: `thr-${++n}`, kind: 'dm' });
    for (const t of [await newTarget(), dm]) {
      await conversation.command(t, admin, 'setcountry', 'IN');
      const refused = await conversation.command(t, admin, 'threads', 'on');
      expect(refused.error).toBe(true);
      expect(text(refused)).toBe('Threads open under messages in a Discord server channel: /threads works there.');
      expect(text(await conversation.command(t, admin, 'settings'))).not.toContain('Threads');
    }
    expect(text(await conversation.command(await newTarget(), admin, 'help'))).not.toContain('/threads');
    expect(text(await conversation.command(channel, admin, 'help'))).toContain('/threads on | off: A thread for each breaking story, where its follow-ups go');
  });
});
