// The operator's catalog tools as they run them, each a `herald` child process against pages
// and feeds on loopback: `feed discover` (and its refusal of private addresses without
// --allow-private), `catalog export-opml` and `import-opml` into an operator's own catalog
// file (validated; nothing written on a problem; an address filed once), and readers'
// suggestions listed, approved after discovery into that file, and rejected.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';
import { openDatabase } from '../../src/store/database.ts';
import { PrismaSuggestionRepository } from '../../src/store/suggestions.store.ts';
import { FeedServer } from '../fakes/feed-server.ts';
import { runHerald } from '../support/herald-process.ts';

const rss = (title: string, language: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><language>${language}</language><link>https://example.org/</link>` +
  `<item><title>${title}: first</title><link>https://example.org/a/1</link><pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate></item>` +
  `<item><title>${title}: second</title><link>https://example.org/a/2</link><pubDate>Mon, 07 Dec 2026 11:00:00 GMT</pubDate></item></channel></rss>`;

let server: FeedServer;
let dir: string;
const run = (args: string[], env: Record<string, string> = {}) => runHerald(args, env, dir);

beforeAll(async () => {
  server = await new FeedServer().start();
  dir = mkdtempSync(join(tmpdir(), 'herald-catalog-tools-'));
  const feed = (title: string, language = 'de') => ({ body: rss(title, language), headers: { 'content-type': 'application/rss+xml' } });
  server.route('/', {
    body:
      '<!doctype html><html lang="de"><head><title>Beispiel</title>' +
      '<link rel="alternate" type="application/rss+xml" title="Sport" href="/sport.xml">' +
      '<link rel="alternate" type="application/atom+xml" title="Weg" href="/gone.xml">' +
      '<link rel="stylesheet" href="/style.css"></head><body><a href="/rss.xml">RSS</a></body></html>',
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
  server.route('/sport.xml', feed('Beispiel Sport'));
  server.route('/rss.xml', feed('Beispiel Alles'));
  // A common path that leads to a feed the page advertises: the same feed, listed once.
  server.route('/feed', { status: 301, headers: { location: '/sport.xml' } });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('herald feed discover', () => {
  it("finds the page's advertised feeds and common paths, tests each, and prints entries ready to paste", async () => {
    const r = await run(['feed', 'discover', server.url('/'), '--allow-private']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `✓ ${server.url('/sport.xml')} — Beispiel Sport, rss2, 2 items, newest 2026-12-07 (advertised by the page's <link rel=alternate>)`,
    );
    expect(r.stdout).toMatch(/✗ .*\/gone\.xml — HTTP 404/);
    expect(r.stdout).toContain(`✓ ${server.url('/rss.xml')} — Beispiel Alles`);
    expect(r.stdout.match(/sport\.xml —/g)).toHaveLength(1);
    const entries = parse(r.stdout.slice(r.stdout.indexOf('# catalog entries'))) as Record<string, string>[];
    expect(entries).toEqual([
      expect.objectContaining({ url: server.url('/sport.xml'), language: 'de', category: 'sports' }),
      expect.objectContaining({ url: server.url('/rss.xml'), language: 'de', category: 'special' }),
    ]);
    expect(entries[0]!.ref).toMatch(
      /^herald feed discover http:\/\/127\.0\.0\.1:\d+\/ on \d{4}-\d\d-\d\d: advertised by the page's <link rel=alternate>; 2 items/,
    );
  });

  it('refuses loopback, private and link-local addresses unless --allow-private', { timeout: 60_000 }, async () => {
    // (isPublicUrl's cases are in the suggestions and WebSub tests; here the command's two doors.)
    for (const address of [server.url('/'), 'http://169.254.169.254/latest/meta-data/']) {
      const r = await run(['feed', 'discover', address]);
      expect(r.code, address).toBe(1);
      expect(r.stderr, address).toMatch(/is a private, loopback or link-local address; pass --allow-private/);
    }
    expect(server.requests.filter((q) => q.path === '/').length).toBe(1); // only the allowed run above reached it
  });

  it('says so when a page offers no working feed', async () => {
    const bare = await new FeedServer().start();
    bare.route('/', { body: '<html><head></head><body>nothing</body></html>', headers: { 'content-type': 'text/html' } });
    try {
      const r = await run(['feed', 'discover', bare.url('/'), '--allow-private']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/0 working feed\(s\)/);
      expect(r.stdout).toMatch(/no working feed found/);
    } finally {
      await bare.stop();
    }
  });
});

describe('herald catalog export-opml and import-opml', () => {
  it('exports the catalog grouped by country and category, and imports an OPML file into your own catalog file, validated', { timeout: 90_000 }, async () => {
    const exported = await run(['catalog', 'export-opml']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/<opml version="2\.0">/);
    expect(exported.stdout).toMatch(
      /<outline text="India">\s*<outline text="National">\s*<outline text="[^"]+" type="rss" xmlUrl="https?:[^"]+" htmlUrl="[^"]+" language="(en|hi)" title="[^"]+"\/>/,
    );
    const catalog = await loadCatalog();
    expect(exported.stdout.match(/xmlUrl=/g)).toHaveLength(
      catalog.countries.reduce((n, c) => n + catalog.feeds.filter((f) => f.countries.includes(c.code)).length, 0),
    );

    const opml = join(dir, 'reader.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body><outline text="German news">` +
        `<outline text="Beispiel Zeitung" type="rss" xmlUrl="${server.url('/sport.xml')}" htmlUrl="https://beispiel.example.de/"/>` +
        `<outline text="n-tv Politik" type="rss" xmlUrl="http://n-tv.de/politik/rss" htmlUrl="https://www.n-tv.de/"/>` +
        `</outline></body></opml>`,
    );
    const own = join(dir, 'own.yaml');
    const imported = await run(['catalog', 'import-opml', opml, '--country', 'DE', '--language', 'de', '--category', 'sports', '--into', own]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('skipped http://n-tv.de/politik/rss: already in the catalog');
    expect(imported.stdout).toMatch(/own\.yaml: 1 feed\(s\) added, new outlet\(s\): beispiel-zeitung; 1 skipped/);
    const mine = await loadCatalog(own);
    expect(mine.source('beispiel-zeitung')!.feeds).toEqual([
      expect.objectContaining({ url: server.url('/sport.xml'), language: 'de', category: 'sports', countries: ['DE'] }),
    ]);
    expect(mine.sourcesIn('DE').map((s) => s.id)).toContain('beispiel-zeitung');
    // The shipped file's comments survive in the copy.
    expect(readFileSync(own, 'utf8')).toMatch(/^# Herald's shipped catalog/);
    // Once filed, the same address is not filed again.
    const again = await run(['catalog', 'import-opml', opml, '--country', 'DE', '--language', 'de', '--category', 'sports', '--into', own]);
    expect(again.stdout).toMatch(/0 feed\(s\) added; 2 skipped/);
  });

  it('writes nothing when the result would not be a valid catalog, nor into the shipped file', { timeout: 90_000 }, async () => {
    const opml = join(dir, 'other.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><body><outline text="X" xmlUrl="https://x.example.com/rss"/></body></opml>`);
    const own = join(dir, 'own-bad.yaml');
    const bad = await run(['catalog', 'import-opml', opml, '--country', 'ZZ', '--language', 'de', '--category', 'sports', '--into', own]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nothing written: the catalog would not be valid[\s\S]*unknown country code "ZZ"/);
    expect(existsSync(own)).toBe(false);
    const noFile = await run(['catalog', 'import-opml', opml, '--country', 'DE', '--language', 'de', '--category', 'sports']);
    expect(noFile.code).not.toBe(0);
    expect(noFile.stderr).toMatch(/name your own catalog file/);
    const notOpml = join(dir, 'not.opml');
    writeFileSync(notOpml, 'hello');
    const r = await run(['catalog', 'import-opml', notOpml, '--country', 'DE', '--language', 'de', '--category', 'sports', '--into', own]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an OPML file Herald can read|lists no feeds/);
  });
});

describe('herald suggestions', () => {
  it('lists what readers suggested, approves one after testing its feeds into your catalog file, and rejects another', async () => {
    const url = `file:${join(dir, 'herald.db')}`;
    const db = await openDatabase(url);
    await db.migrate();
    const repository = new PrismaSuggestionRepository(db.prisma);
    const at = new Date('2026-12-08T09:00:00Z');
    await repository.add({ url: server.url('/'), urlKey: server.url('/').replace('http://', ''), reader: 'telegram:1', targetId: null, at });
    await repository.add({ url: server.url('/'), urlKey: server.url('/').replace('http://', ''), reader: 'discord:2', targetId: null, at });
    await repository.add({ url: 'https://spam.example.com/', urlKey: 'spam.example.com', reader: 'telegram:1', targetId: null, at });
    await db.close();
    const env = { DATABASE_URL: url };

    const listed = await run(['suggestions', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^2 pending suggestion\(s\)$/m);
    const id = Number(new RegExp(`#(\\d+)  ${server.url('/').replace(/[.]/g, '\\.')}  2 reader\\(s\\)`).exec(listed.stdout)![1]);
    const spam = Number(/#(\d+) {2}https:\/\/spam\.example\.com\//.exec(listed.stdout)![1]);

    const own = join(dir, 'approved.yaml');
    const refused = await run(['suggestions', 'approve', String(id), '--country', 'DE', '--language', 'de', '--into', own], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not a public address; pass --allow-private/);
    const approved = await run(
      ['suggestions', 'approve', String(id), '--country', 'DE', '--language', 'de', '--name', 'Beispiel', '--into', own, '--allow-private'],
      env,
    );
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toMatch(/approved\.yaml: 2 feed\(s\) added, new outlet\(s\): beispiel/);
    const mine = await loadCatalog(own);
    const ref = expect.stringMatching(new RegExp(`^suggested by 2 reader\\(s\\), #${id}; herald feed discover `));
    expect(mine.source('beispiel')!.feeds).toEqual([
      expect.objectContaining({ category: 'sports', ref, countries: ['DE'] }),
      expect.objectContaining({ category: 'special', ref, countries: ['DE'] }),
    ]);
    expect((await run(['suggestions', 'reject', String(spam)], env)).stdout).toMatch(/rejected \(1 reader suggestion\(s\)\)/);
    expect((await run(['suggestions', 'list'], env)).stdout).toMatch(/^0 pending suggestion\(s\)$/m);
    const all = await run(['suggestions', 'list', '--all'], env);
    expect(all.stdout).toMatch(/\[approved\]/);
    expect(all.stdout).toMatch(/\[rejected\]/);
  }, 120_000);
});
