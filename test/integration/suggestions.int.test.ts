// Readers suggest sources (/suggest), on SQLite and PostgreSQL: an address is recorded once per
// reader, the catalog's own outlets and feeds are recognised, private and malformed addresses
// refused, a reader is held to five a day (another reader is not), answers come in the
// reader's language, and operators see the addresses grouped on the status page. Outlets the
// catalog marks unavailable show as such in /sources and cannot be chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { Conversation, type Actor } from '../../src/core/conversation/conversation.ts';
import type { View } from '../../src/core/message/view.ts';
import { encodeAction } from '../../src/core/message/action.ts';
import { PreferenceRules } from '../../src/core/preferences/preference-rules.ts';
import { isPublicUrl } from '../../src/ingest/fetch/public-address.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { PrismaPreferencesRepository } from '../../src/store/preferences.store.ts';
import { PrismaStatusSource } from '../../src/store/status.store.ts';
import { PrismaSuggestionRepository } from '../../src/store/suggestions.store.ts';
import { PrismaTargetRepository } from '../../src/store/targets.store.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { defaults } from '../support/defaults.ts';

const text = (v: View) => v.lines.join('\n');

for (const kind of databaseKinds) {
  describe.skipIf(kind.skipReason !== undefined)(`suggestions on ${kind.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let conversation: Conversation;
    let targets: PrismaTargetRepository;
    let suggestions: PrismaSuggestionRepository;
    let now = new Date('2026-12-08T10:00:00Z');
    let n = 0;
    const chat = (locale = 'en') => targets.upsert({ platform: 'telegram', externalId: `s${++n}`, kind: 'group', locale });
    const reader = (id: string): Actor => ({ canConfigure: false, reader: id });

    beforeAll(async () => {
      testDb = await kind.create();
      db = await openDatabase(testDb.url);
      await db.migrate();
      const catalog = await loadCatalog();
      await new PrismaCatalogRepository(db.prisma).sync(catalog);
      targets = new PrismaTargetRepository(db.prisma);
      suggestions = new PrismaSuggestionRepository(db.prisma);
      conversation = new Conversation({
        catalog,
        rules: new PreferenceRules(catalog),
        preferences: new PrismaPreferencesRepository(db.prisma),
        targets,
        suggestions: { repository: suggestions, isPublicUrl },
        digestCap: defaults.delivery.digestCap,
        clock: () => now,
      });
    });
    afterAll(async () => {
      await db?.close();
      await testDb?.dispose();
    });

    it('records an address once per reader, from anyone in a group, and groups it for operators', async () => {
      const group = await chat();
      const first = await conversation.command(group, reader('11'), 'suggest', 'https://news.example.org/');
      expect(text(first)).toBe(
        'Thank you: I have passed https://news.example.org/ to the people who run this Herald. If they add it, it will appear in /sources.',
      );
      // The same address however written, by the same reader: already passed on.
      expect(text(await conversation.command(group, reader('11'), 'suggest', 'http://www.news.example.org'))).toMatch(/^You have suggested .* already/);
      // A second reader, and a bare host name, count as another suggestion of it.
      expect(text(await conversation.command(group, reader('12'), 'suggest', 'news.example.org'))).toMatch(/^Thank you/);
      const listed = await suggestions.addresses({ limit: 10 });
      expect(listed).toEqual([expect.objectContaining({ url: 'https://news.example.org/', readers: 2, status: 'pending' })]);
      const status = await new PrismaStatusSource(db.prisma).snapshot(now);
      expect(status.suggestions.pending).toBe(1);
      expect(status.suggestions.latest[0]).toMatchObject({ url: 'https://news.example.org/', readers: 2 });
    });

    it('does not take again an address the operators decided on, and keeps an address pending while any reader waits', async () => {
      const group = await chat();
      expect(text(await conversation.command(group, reader('41'), 'suggest', 'https://decided.example.net/'))).toMatch(/^Thank you/);
      const [address] = (await suggestions.addresses({ limit: 50 })).filter((a) => a.url === 'https://decided.example.net/');
      expect(await suggestions.decide(address!.id, 'rejected', now)).toBe(1);
      expect(text(await conversation.command(group, reader('42'), 'suggest', 'decided.example.net'))).toBe(
        'The people who run this Herald have already considered https://decided.example.net/.',
      );
      expect((await suggestions.addresses({ all: true, limit: 50 })).find((a) => a.url === 'https://decided.example.net/')).toMatchObject({
        status: 'rejected',
        readers: 1,
      });
      expect(await suggestions.pendingCount()).toBe((await suggestions.addresses({ limit: 50 })).length);
    });

    it("recognises the catalog's outlets and feeds, and refuses private and malformed addresses", async () => {
      const group = await chat();
      expect(text(await conversation.command(group, reader('21'), 'suggest', 'https://www.thehindu.com/'))).toBe(
        'The Hindu is already in my catalog: /sources shows it in its countries.',
      );
      expect(text(await conversation.command(group, reader('21'), 'suggest', 'http://feeds.bbci.co.uk/news/rss.xml'))).toMatch(
        /^BBC.* is already in my catalog/,
      );
      for (const address of ['http://127.0.0.1:8080/feed', 'http://localhost/rss', 'http://192.168.1.10/', 'http://[::1]/', 'http://169.254.169.254/latest'])
        expect(text(await conversation.command(group, reader('21'), 'suggest', address)), address).toMatch(/is not on the public internet/);
      expect(text(await conversation.command(group, reader('21'), 'suggest', 'not an address'))).toMatch(/^"not an address" is not a web address/);
      expect(text(await conversation.command(group, reader('21'), 'suggest', 'ftp://example.org/feed'))).toMatch(/is not a web address/);
      expect(text(await conversation.command(group, reader('21'), 'suggest', ''))).toMatch(/^Send the address of an outlet's site or feed/);
      expect(await suggestions.countSince('telegram:21', new Date(0))).toBe(0);
    });

    it('holds a reader to five suggestions a day, not the next reader, and frees them a day later', async () => {
      const group = await chat();
      for (let i = 1; i <= 5; i++)
        expect(text(await conversation.command(group, reader('31'), 'suggest', `https://outlet${i}.example.com/`))).toMatch(/^Thank you/);
      expect(text(await conversation.command(group, reader('31'), 'suggest', 'https://outlet6.example.com/'))).toBe(
        'You have made 5 suggestions in the last 24 hours, the most I take. Try again tomorrow.',
      );
      expect(text(await conversation.command(group, reader('32'), 'suggest', 'https://outlet6.example.com/'))).toMatch(/^Thank you/);
      // Sent at once, past the limit: the count is taken again once stored, and those over it take themselves back.
      for (let i = 1; i <= 3; i++) await conversation.command(group, reader('34'), 'suggest', `https://pre${i}.example.com/`);
      const race = await Promise.all(
        Array.from({ length: 5 }, (_, i) => conversation.command(group, reader('34'), 'suggest', `https://race${i}.example.com/`)),
      );
      expect(await suggestions.countSince('telegram:34', new Date(0))).toBeLessThanOrEqual(5);
      expect(race.filter((v) => /^You have made 5 suggestions/.test(text(v))).length).toBeGreaterThanOrEqual(3);
      now = new Date(now.getTime() + 24 * 3600_000 + 1000);
      expect(text(await conversation.command(group, reader('31'), 'suggest', 'https://outlet6.example.com/'))).toMatch(/^Thank you/);
    });

    it("answers in the reader's language, and counts per chat where the platform names no person", async () => {
      const german = await chat('de');
      const v = await conversation.command(german, { canConfigure: true }, 'suggest', 'https://zeitung.example.de/');
      expect(text(v)).toContain('https://zeitung.example.de/');
      expect(text(v)).not.toMatch(/Thank you/);
      expect(await suggestions.find('zeitung.example.de', `telegram:chat:${german.id}`)).toBeDefined();
    });

    it('shows outlets with no feed as unavailable in /sources and will not let them be chosen', async () => {
      const t = await chat();
      const admin: Actor = { canConfigure: true };
      await conversation.command(t, admin, 'setcountry', 'Germany');
      const menu = await conversation.command(t, admin, 'sources', 'Germany');
      expect(text(menu)).toMatch(/Unavailable, with no news feed I can read: ProSieben\./);
      const prosieben = menu.buttons.flat().find((b) => /ProSieben/.test(b.label))!;
      expect(prosieben.label).toBe('ProSieben (unavailable)');
      // Only the primary button: no "other" toggle for an outlet that cannot be read.
      expect(menu.buttons.find((row) => row.some((b) => b === prosieben))).toHaveLength(1);
      const refused = await conversation.action(t, admin, encodeAction(prosieben.action));
      expect(text(refused)).toMatch(/ProSieben offers no news feed I can read \(none found as of November 2026\), so it cannot be chosen\./);
      await conversation.command(t, admin, 'setcountry', 'add Canada');
      const typed = await conversation.command(t, admin, 'sources', 'Canada');
      expect(text(typed)).toMatch(/Unavailable, with no news feed I can read: .*Métro/);
    });
  });
}
