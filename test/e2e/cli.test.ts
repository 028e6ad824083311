// The herald command as a newcomer runs it: a child process, a fresh SQLite file, real HTTP
// on loopback, SIGTERM at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedServer } from '../fakes/feed-server.ts';
import { cleanEnv, runHerald } from '../support/herald-process.ts';
import { openDatabase } from '../../src/store/database.ts';
import { PrismaCatalogRepository } from '../../src/store/catalog.store.ts';
import { loadCatalog } from '../../src/core/catalog/catalog-loader.ts';

const root = join(import.meta.dirname, '..', '..');
const herald = join(root, 'bin', 'herald.js');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string> = {}, cwd = tempDir(), input?: string) {
  return runHerald(args, env, cwd, input);
}

describe('herald catalog check', () => {
  it('passes on the shipped catalog', async () => {
    const r = await run(['catalog', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/catalog\.yaml: ok — 7 countries, 6 languages, 6 categories \(\+ All Categories\), 50 sources, \d+ feeds/);
  });

  it('reports what the catalog covers: feeds per cell, empty cells with their reasons, unavailable outlets; --strict fails on unexplained ones', async () => {
    const r = await run(['catalog', 'check']);
    expect(r.stdout).toMatch(/^ {2}IN {4}en +\d+/m);
    expect(r.stdout).toMatch(/^empty, explained: WORLD × en × national: World has no nation/m);
    expect(r.stdout).toMatch(/^unavailable: prosieben \(no-feed since 2026-11\)$/m);
    expect(r.stdout).not.toContain('warning:');
    expect(r.stdout).toMatch(/\d+ of \d+ cells empty \(\d+ explained\); 8 outlet\(s\) unavailable; 0 feed address\(es\) filed twice/);
    expect((await run(['catalog', 'check', '--strict'])).code).toBe(0);
    const small = await run(['catalog', 'check', join(root, 'test', 'fixtures', 'catalogs', 'small.yaml'), '--strict']);
    expect(small.stdout).toMatch(/^warning: no feed for /m);
    expect(small.code).toBe(1);
  });

  it('fails with every problem of a broken file, each with its path', async () => {
    const file = join(root, 'test', 'fixtures', 'catalogs', 'broken.yaml');
    const r = await run(['catalog', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('countries[1].primaryLanguage: missing primary language');
  });

  it('reads HERALD_CATALOG when no file is named', async () => {
    const r = await run(['catalog', 'check'], { HERALD_CATALOG: join(root, 'test', 'fixtures', 'catalogs', 'small.yaml') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('small.yaml: ok — 2 countries');
  });
});

describe('herald migrate', () => {
  it('applies the migrations once, then says the database is up to date', async () => {
    const cwd = tempDir();
    const first = await run(['migrate'], {}, cwd);
    expect(first.code).toBe(0);
    const migrations = readdirSync(join(root, 'prisma', 'migrations', 'sqlite')).filter((d) => /^\d{14}_/.test(d));
    expect(first.stdout).toMatch(new RegExp(`^sqlite file:.*data/herald\\.db: applied ${migrations.length} migration\\(s\\)`));
    for (const name of migrations) expect(first.stdout).toContain(name);
    const second = await run(['migrate'], {}, cwd);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('leaves a database with a history it does not know untouched, saying why in one line', async () => {
    const cwd = tempDir();
    expect((await run(['migrate'], {}, cwd)).code).toBe(0);
    // As a pre-release Herald left it: a migration squashed into today's baseline.
    const db = new Database(join(cwd, 'data', 'herald.db'));
    db.prepare(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', '20261121055233_init', 0, 0, 1)",
    ).run();
    db.close();
    const r = await run(['migrate'], {}, cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^herald migrate: this database holds 1 migration\(s\) this Herald does not know \(20261121055233_init\): it was made by a pre-release or a newer Herald.*move it aside/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await run(['stories', 'list'], {}, cwd)).stderr).toContain('does not know (20261121055233_init)');
  });

  it('refuses a bad DATABASE_URL with a one-line reason', async () => {
    const r = await run(['migrate'], { DATABASE_URL: 'mysql://root:pw@localhost/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL: must start with file: (SQLite) or postgres:// (PostgreSQL)');
    expect(r.stderr).not.toContain('pw@');
  });
});

describe('herald usage', () => {
  it('prints its version, and each command its own help', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^herald \d+\.\d+\.\d+\n$/);
    const help = await run(['digest', 'preview', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: herald digest preview --country CODE --category SLUG');
    expect(help.stdout).toContain('--json');
  });

  it('says plainly when there is no database to read, and creates none', async () => {
    const cwd = tempDir();
    const r = await run(['stories', 'list'], {}, cwd);
    expect([r.code, r.stderr]).toEqual([1, 'herald stories list: there is no database at data/herald.db: start Herald, or run `herald migrate`, first\n']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('lists the commands, and refuses unknown ones and bad options', async () => {
    expect((await run(['--help'])).stdout).toContain('catalog check [FILE]');
    const unknown = await run(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    const badRole = await run(['start', '--role', 'chef']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of all, web, ingest, scheduler, worker; got "chef"');
  });
});

/** The corpus files are years old: with the default content retention their entries would not be stored. */
const KEEP_OLD_ENTRIES = { RETENTION_CONTENT_DAYS: '0' };

/** The small test catalog with its feeds pointed at a local feed server. */
function localCatalog(server: FeedServer, dir: string): string {
  const file = join(dir, 'catalog.yaml');
  const text = readFileSync(join(root, 'test', 'fixtures', 'catalogs', 'small.yaml'), 'utf8')
    .replace('https://www.cbc.ca/webfeed/rss/rss-canada', server.corpus('rss-parser', 'guardian.rss'))
    .replace('https://www.cbc.ca/webfeed/rss/rss-sports', server.corpus('node-feedparser', 'rss2sample.xml'))
    .replace('https://ici.radio-canada.ca/rss/4159', server.url('/missing.xml'))
    .replace('http://rss.cnn.com/rss/cnn_us.rss', server.corpus('rss-parser', 'heise.atom'));
  writeFileSync(file, text);
  return file;
}

describe('herald stories explain', () => {
  const line = (title: string, summary: string, source: string, at: string) =>
    JSON.stringify({ title, summary, url: `https://${source}.example/${encodeURIComponent(title)}`, source, publishedAt: at, language: 'en' });

  it('says why two items given on stdin would or would not be one story', async () => {
    const same = [
      line('Monsoon floods swamp Chennai streets', 'Heavy rain flooded Chennai on Monday; Tamil Nadu closed schools.', 'the-hindu', '2026-11-21T06:00:00Z'),
      line('Chennai streets under water as monsoon floods city', 'Tamil Nadu shut schools after heavy rain flooded Chennai.', 'ndtv', '2026-11-21T07:00:00Z'),
    ].join('\n');
    const joined = await run(['stories', 'explain', '--stdin'], {}, tempDir(), same);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/^A {2}the-hindu · en · 2026-11-21 06:00 {2}Monsoon floods swamp Chennai streets\nB {2}ndtv/);
    expect(joined.stdout).toMatch(/ {2}chennai +\d\.\d{3} {2}idf \d\.\d\d {2}\(name\)/);
    expect(joined.stdout).toMatch(
      /cosine \d\.\d{3} − bar \d\.\d{3} \(0\.0 days apart\) − names of B that A never mentions \d\.\d{3}.* = margin \+\d\.\d{3}\n→ one story: B would join A\n/,
    );
    const other = [
      line('Monsoon floods swamp Chennai streets', 'Heavy rain flooded Chennai on Monday.', 'the-hindu', '2026-11-21T06:00:00Z'),
      line('Parliament passes the budget bill', 'Lawmakers approved spending for the next fiscal year.', 'ndtv', '2026-11-21T07:00:00Z'),
    ].join('\n');
    const apart = await run(['stories', 'explain', '--stdin', '--json'], {}, tempDir(), other);
    expect(apart.code, apart.stderr).toBe(0);
    expect(JSON.parse(apart.stdout)).toMatchObject({ joins: false, apart: 'shared-terms', shared: [] });
    const one = await run(['stories', 'explain', '--stdin'], {}, tempDir(), same.split('\n')[0]);
    expect([one.code, one.stderr]).toEqual([1, 'herald stories explain: --stdin takes exactly two items as JSON lines; got 1\n']);
  });

  it('shows, for two items in different languages, the figures and names they share across scripts', async () => {
    const en = JSON.parse(
      line(
        'Magnitude 5.4 earthquake jolts Uttarkashi',
        'Two killed and 14 injured; Pushkar Singh Dhami announced ₹4 lakh.',
        'the-hindu',
        '2026-11-24T03:00:00Z',
      ),
    );
    const hi = {
      ...en,
      title: 'उत्तरकाशी में 5.4 तीव्रता का भूकंप',
      summary: 'दो की मौत, 14 घायल; पुष्कर सिंह धामी ने 4 लाख की घोषणा की।',
      source: 'aajtak',
      url: 'https://aajtak.example/1',
      language: 'hi',
    };
    const r = await run(['stories', 'explain', '--stdin'], {}, tempDir(), `${JSON.stringify(en)}\n${JSON.stringify(hi)}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/in different languages: figures, countries and names they share \(\d+\), what each adds:\n {2}#5\.4 +\d\.\d{3}\n/);
    for (const key of ['#14', '#400000', 's:trks']) expect(r.stdout).toContain(`  ${key} `);
    expect(r.stdout).toMatch(/score \d\.\d{3} against bar 3\.000\n/);
  });

  it('explains two stored items by their URLs, with the weights of the stored window', async () => {
    const cwd = tempDir();
    expect((await run(['migrate'], {}, cwd)).code).toBe(0);
    const db = await openDatabase(`file:${join(cwd, 'data', 'herald.db')}`);
    await new PrismaCatalogRepository(db.prisma).sync(await loadCatalog());
    const now = new Date();
    const item = (sourceId: string, title: string, summary: string, min: number) => ({
      sourceId,
      url: `https://${sourceId}.example/${min}`,
      title,
      summary,
      languageCode: 'en',
      contentHash: `${sourceId}-${min}`,
      publishedAt: new Date(now.getTime() - (120 - min) * 60_000),
    });
    await db.prisma.story.create({
      data: {
        key: 'floods',
        headline: 'Floods',
        languageCode: 'en',
        items: {
          create: [
            item('the-hindu', 'Monsoon floods swamp Chennai streets', 'Heavy rain flooded Chennai; Tamil Nadu closed schools.', 1),
            item('ndtv', 'Chennai under water as monsoon floods city', 'Tamil Nadu shut schools after rain flooded Chennai.', 2),
          ],
        },
      },
    });
    await db.prisma.story.create({
      data: {
        key: 'budget',
        headline: 'Budget',
        languageCode: 'en',
        items: { create: [item('ndtv', 'Parliament passes the budget', 'Lawmakers approved spending.', 3)] },
      },
    });
    await db.close();
    const joined = await run(['stories', 'explain', 'https://the-hindu.example/1', 'https://ndtv.example/2'], {}, cwd);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toContain('→ one story: B would join A');
    // The budget story came later than B: it is read, not in the window B met.
    expect(joined.stdout).toContain('(term weights from 2 stored items in the window (3 read))');
    const apart = await run(['stories', 'explain', 'https://the-hindu.example/1', 'https://ndtv.example/3', '--json'], {}, cwd);
    expect(JSON.parse(apart.stdout)).toMatchObject({ a: 'https://the-hindu.example/1', b: 'https://ndtv.example/3', joins: false });
    const missing = await run(['stories', 'explain', 'https://the-hindu.example/1', 'https://nowhere.example/x'], {}, cwd);
    expect([missing.code, missing.stderr.split('\n').filter(Boolean).at(-1)]).toEqual([
      1,
      'herald stories explain: no stored item has the URL https://nowhere.example/x',
    ]);
  });
});

describe('herald ingest and feed test', () => {
  it('runs one cycle and prints its summary, a bad feed among good ones', async () => {
    const server = await new FeedServer().start();
    try {
      const cwd = tempDir();
      const r = await run(['ingest', '--once', '--json'], { ...KEEP_OLD_ENTRIES, HERALD_CATALOG: localCatalog(server, cwd) }, cwd);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ feeds: 4, fetched: 3, notModified: 0, failed: 1, newItems: 55 + 4 + 15, stories: { items: 0 } });
      expect(summary.failures).toEqual([{ feedId: 'radio-canada-fr-national', error: 'HTTP 404' }]);
      const again = await run(['ingest', '--once', '--all'], { ...KEEP_OLD_ENTRIES, HERALD_CATALOG: localCatalog(server, cwd) }, cwd);
      expect(again.stdout).toMatch(/^feeds 4 {2}fetched 0 {2}not modified 3 {2}failed 1 {2}new items 0 /);
      expect(again.stdout).toContain('  1 failed: HTTP 404 — radio-canada-fr-national (e.g. "HTTP 404")');
      const status = await run(['feeds', 'status'], {}, cwd);
      expect(status.stdout.split('\n')[0]).toBe('new 0  ok 3  failing 1  unhealthy 0');
      expect(status.stdout).toMatch(/failing {3}radio-canada-fr-national {2}2× HTTP 404 {2}\(never fetched; next /);
    } finally {
      await server.stop();
    }
  });

  // About ten `herald` processes one after another: 20 s here, more on a busy machine.
  it('tests one feed without storing it, and gives a one-line reason for a bad one', async () => {
    const server = await new FeedServer().start();
    try {
      const cwd = tempDir();
      const good = await run(['feed', 'test', server.corpus('node-feedparser', 'rss2sample.xml'), '--json'], {}, cwd);
      expect(good.code).toBe(0);
      const report = JSON.parse(good.stdout);
      expect(report).toMatchObject({ title: 'Liftoff News', format: 'rss2', itemCount: 4 });
      expect(report.items[0]).toEqual({
        title: 'Star City',
        link: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp',
        published: '2003-06-03T09:39:21.000Z',
        guid: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      });
      const text = await run(['feed', 'test', server.corpus('rss-parser', 'heise.atom')], {}, cwd);
      expect(text.stdout.split('\n')[0]).toBe('heise developer neueste Meldungen — atom, 15 items');
      // Atom text of type xhtml (a <div> with markup) in the feed's title and its entries'.
      const xhtml = await run(['feed', 'test', server.corpus('odd', 'atom-xhtml.atom')], {}, cwd);
      expect(xhtml.code, xhtml.stderr).toBe(0);
      expect(xhtml.stdout.split('\n')[0]).toBe('The Odd Times & Post — atom, 4 items');
      expect(xhtml.stdout).toContain('Council approves the new budget');

      const cases: [string, string][] = [
        [server.corpus('node-feedparser', 'notafeed.html'), 'not a feed: an HTML page, not RSS or Atom'],
        [server.corpus('node-feedparser', 'saxerror.xml'), 'not well formed: Invalid character in entity name'],
        [server.url('/nope.xml'), 'HTTP 404'],
        [server.route('/slow.xml', { hang: true }), 'timed out after 1000 ms'],
        [server.route('/huge.xml', { body: 'x'.repeat(2048) }), 'body larger than 1024 bytes'],
      ];
      for (const [url, reason] of cases) {
        const bad = await run(['feed', 'test', url], { INGEST_TIMEOUT_MS: '1000', INGEST_MAX_BYTES: '1024' }, cwd);
        expect(bad.code, url).toBe(1);
        expect(bad.stderr).toBe(`herald feed test: ${url}: ${reason}\n`);
      }
      expect(readdirSync(cwd)).toEqual([]); // nothing stored, no database made
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('herald stories', () => {
  it('clusters JSON lines from stdin into stories with their URLs and outlets', async () => {
    const lines = readFileSync(join(root, 'test', 'fixtures', 'stories', 'labelled.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const { story: _label, ...item } = JSON.parse(l);
        return JSON.stringify(item);
      });
    const r = await run(['stories', 'cluster', '--json'], {}, tempDir(), lines.join('\n'));
    expect(r.code, r.stderr).toBe(0);
    const stories = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(stories.reduce((n, s) => n + s.urls.length, 0)).toBe(338);
    expect(stories[0].outlets.length).toBeGreaterThanOrEqual(7);
    expect(stories[0].urls.length).toBe(stories[0].outlets.length);
  });

  it('refuses a bad line with its number and clusters the rest', async () => {
    const good = JSON.stringify({ title: 'A', summary: '', url: 'https://x.example/a', source: 'bbc', publishedAt: '2026-11-20T10:00:00Z', language: 'en' });
    const r = await run(['stories', 'cluster'], {}, tempDir(), `${good}\nnot json\n{"title":"B"}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2: not JSON');
    expect(r.stderr).toMatch(/line 3: url: .*; source: .*; publishedAt: .*; language: /);
    expect(r.stdout.split('\n')[0]).toBe('1 stories from 1 items (2 lines refused)');
  });

  it('takes a date-only publishedAt as that day', async () => {
    const line = (title: string, publishedAt: string, source: string) =>
      JSON.stringify({ title, summary: title, url: `https://${source}.example/a`, source, publishedAt, language: 'en' });
    const input = [
      line('Harbour bridge reopens after repairs in Valparaiso', '2026-11-30', 'a'),
      line('Valparaiso harbour bridge reopens after repairs', '2026-11-30T09:00:00+01:00', 'b'),
    ].join('\n');
    const r = await run(['stories', 'cluster', '--json'], {}, tempDir(), input);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).outlets),
    ).toEqual([['a', 'b']]);
    const bad = await run(['stories', 'cluster'], {}, tempDir(), line('A', '30/11/2026', 'a'));
    expect(bad.stderr).toContain('line 1: publishedAt: an ISO 8601 date, or date and time');
  });

  it('puts fresh items into stories during an ingest cycle, and lists them', async () => {
    const server = await new FeedServer().start();
    try {
      const cwd = tempDir();
      const when = (minutes: number) => new Date(Date.now() - minutes * 60_000).toUTCString();
      const feed = (items: string) =>
        `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://x.example/</link>${items}</channel></rss>`;
      const item = (title: string, summary: string, url: string, minutes: number) =>
        `<item><title>${title}</title><description>${summary}</description><link>${url}</link><pubDate>${when(minutes)}</pubDate></item>`;
      const catalog = join(cwd, 'catalog.yaml');
      writeFileSync(
        catalog,
        readFileSync(join(root, 'test', 'fixtures', 'catalogs', 'small.yaml'), 'utf8')
          .replace(
            'https://www.cbc.ca/webfeed/rss/rss-canada',
            server.route('/cbc.xml', {
              body: feed(
                item(
                  'Magnitude 7.1 quake strikes off Valparaiso coast',
                  'A magnitude 7.1 earthquake struck off Valparaiso, Chile, prompting a brief tsunami warning.',
                  'https://www.cbc.ca/q',
                  50,
                ),
              ),
            }),
          )
          .replace(
            'http://rss.cnn.com/rss/cnn_us.rss',
            server.route('/cnn.xml', {
              body: feed(
                item(
                  'Chile lifts tsunami warning after 7.1 tremor near Valparaiso',
                  'Chile lifted a tsunami warning after a magnitude 7.1 earthquake off Valparaiso; no deaths were reported.',
                  'https://edition.cnn.com/q',
                  20,
                ),
              ),
            }),
          ),
      );
      const env = { HERALD_CATALOG: catalog };
      const ingested = JSON.parse((await run(['ingest', '--once', '--json'], env, cwd)).stdout);
      // Two outlets, one event: one story (first fetches are backlog, so never breaking).
      expect(ingested.stories).toEqual({ items: 2, new: 1, breaking: 0 });
      const listed = await run(['stories', 'list', '--since', '2h', '--json'], env, cwd);
      expect(listed.code).toBe(0);
      const stories = listed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(stories).toHaveLength(1);
      expect(stories[0]).toMatchObject({
        outlets: ['cbc', 'cnn'],
        itemCount: 2,
        breakingAt: null,
        urls: ['https://www.cbc.ca/q', 'https://edition.cnn.com/q'],
      });
      const bad = await run(['stories', 'list', '--since', 'lately'], env, cwd);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--since takes a duration such as 30m, 24h or 7d; got "lately"');
    } finally {
      await server.stop();
    }
  });
});

describe('herald start', () => {
  it('serves /healthz and /readyz on a fresh SQLite file with no tokens, ingests, and stops on SIGTERM', async () => {
    const server = await new FeedServer().start();
    const cwd = tempDir();
    const env = cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...KEEP_OLD_ENTRIES, HERALD_CATALOG: localCatalog(server, cwd) });
    const child = spawn(process.execPath, [herald, 'start'], { cwd, env });
    const lines: { msg: string; port?: number; platform?: string; newItems?: number }[] = [];
    const cycle = new Promise<number>((resolve) => {
      const check = setInterval(() => {
        const done = lines.find((l) => l.msg === 'ingest cycle done');
        if (done) {
          clearInterval(check);
          resolve(done.newItems ?? 0);
        }
      }, 50);
    });
    let buffer = '';
    const listening = new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
          lines.push(line);
          if (line.msg === 'http listening') resolve(line.port);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const port = await listening;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(lines.filter((l) => l.platform).map((l) => l.msg)).toEqual([
      'Telegram is off: TELEGRAM_BOT_TOKEN is not set',
      'Discord is off: DISCORD_BOT_TOKEN is not set',
    ]);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['migrations applied', 'catalog synced']));

    expect(await cycle).toBe(55 + 4 + 15);

    // The operator's commands beside the running server, on the same SQLite file: they read
    // (no migration, no schema engine and its exclusive lock) and answer at once.
    const env2 = { ...KEEP_OLD_ENTRIES, HERALD_CATALOG: localCatalog(server, cwd) };
    const status = await run(['feeds', 'status'], env2, cwd);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/^database: sqlite file:\/.*\/data\/herald\.db\n$/);
    expect(status.stdout.split('\n')[0]).toBe('new 0  ok 3  failing 1  unhealthy 0');
    const stories = await run(['stories', 'list', '--since', '30d', '--json'], env2, cwd);
    expect(stories.code, stories.stderr).toBe(0);
    const preview = await run(['digest', 'preview', '--country', 'CA', '--category', 'national'], env2, cwd);
    expect(preview.code, preview.stderr).toBe(0);
    const migrated = await run(['migrate'], env2, cwd);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^sqlite file:\/.*\/data\/herald\.db: up to date\n$/);
    for (const r of [status, stories, preview, migrated]) expect(r.stderr).not.toMatch(/\n\s+at |WASM_ERROR/);
    // A browser that opens Herald's address lands in the web chat (on: no platform token).
    const home = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect([home.status, home.headers.get('location')]).toEqual([302, '/try']);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.at(-1)?.msg).toBe('stopped');
    await server.stop();
  });
});
