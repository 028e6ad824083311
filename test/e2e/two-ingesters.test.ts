// One clusterer at a time: two `herald start --role ingest` processes started together on one
// fresh PostgreSQL database both fetch, but only the holder of the stories lease clusters.
// Every item ends in exactly one story and every event in one story, not one per process; when
// the holder is killed (-9), the other takes over, rebuilds the window from storage, and new
// reports join the stories they belong to. Both starting at once also migrate and sync the
// catalog one after the other.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { FeedServer } from '../fakes/feed-server.ts';
import { postgres } from '../support/databases.ts';
import { cleanEnv } from '../support/herald-process.ts';

const herald = join(import.meta.dirname, '..', '..', 'bin', 'herald.js');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OUTLETS = ['alpha', 'bravo', 'charlie', 'delta'];
/** Events by their distinctive words; each outlet reports each in words of its own. */
const EVENTS: Record<string, string[]> = {
  glacier: ['Glacier', 'collapse', 'buries', 'Blatten', 'Lötschental', 'evacuated'],
  turbine: ['Turbine', 'fire', 'halts', 'Hornsea', 'Ørsted', 'offshore'],
  typhoon: ['Typhoon', 'Kalmaegi', 'floods', 'Cebu', 'province', 'rescuers'],
  wegovy: ['Novo', 'Nordisk', 'cuts', 'Wegovy', 'prices', 'Denmark'],
  lander: ['Athena', 'lander', 'tips', 'Shackleton', 'crater', 'lunar'],
  olympiad: ['Uzbekistan', 'wins', 'chess', 'olympiad', 'Budapest', 'gold'],
  volcano: ['Kanlaon', 'volcano', 'erupts', 'Negros', 'island', 'ashfall'],
};
function report(event: string, outlet: number, round: number): string {
  const [a, b, c, d, e, f] = EVENTS[event]!;
  const titles = [`${a} ${b} ${c} ${d}`, `${d}: ${a} ${b} ${c} ${e}`, `${c} ${a} ${b} near ${d}, ${f}`, `${e} ${d} ${a} ${b} ${c}`];
  const title = `${titles[outlet]}${round > 1 ? ', more' : ''}`;
  const summary = `${a} ${b} ${c} ${d} ${e} ${f}.`;
  const at = new Date(Date.now() - (90 - outlet * 5 - round * 30) * 60_000).toUTCString();
  return `<item><title>${title}</title><description>${summary}</description><link>https://${OUTLETS[outlet]}.example/${event}/${round}</link><guid>${OUTLETS[outlet]}-${event}-${round}</guid><pubDate>${at}</pubDate></item>`;
}

const feed = (outlet: number, reports: [string, number][]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${OUTLETS[outlet]}</title><link>https://${OUTLETS[outlet]}.example/</link>${reports.map(([e, r]) => report(e, outlet, r)).join('')}</channel></rss>`;

describe.skipIf(postgres.skipReason)('two ingest processes on PostgreSQL', () => {
  it('cluster every item into exactly one story, one story per event, across a takeover after kill -9', async () => {
    const testDb = await postgres.create();
    cleanups.push(() => testDb.dispose());
    const server = await new FeedServer().start();
    cleanups.push(() => server.stop());
    // Empty feeds until both processes run, so that both have the news to cluster at once.
    let round: [string, number][] = [];
    const urls = OUTLETS.map((_, o) =>
      server.route(`/${OUTLETS[o]}.xml`, () => ({ body: feed(o, round), headers: { 'content-type': 'application/rss+xml' } })),
    );
    const dir = mkdtempSync(join(tmpdir(), 'herald-two-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'catalog.yaml'),
      `languages: [{ code: en, name: English }]\ncategories: [{ slug: national, name: National }]\ncountries: [{ code: CA, name: Canada, primaryLanguage: en }]\nsources:\n${OUTLETS.map((o, i) => `  - id: ${o}\n    name: ${o}\n    homepage: https://${o}.example/\n    editions: [{ country: CA, languages: [en] }]\n    feeds: [{ url: "${urls[i]}", language: en, category: national }]`).join('\n')}\n`,
    );
    const env = cleanEnv({
      DATABASE_URL: testDb.url,
      HERALD_CATALOG: join(dir, 'catalog.yaml'),
      HERALD_DEMO: '0',
      STORIES_LEASE_SECONDS: '3',
      INGEST_TICK_SECONDS: '1',
      INGEST_INTERVAL_MINUTES: '0.02',
      LOG_LEVEL: 'info',
    });
    const start = () => {
      const child = spawn(process.execPath, [herald, 'start', '--role', 'ingest'], { cwd: dir, env });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      cleanups.push(
        () =>
          new Promise<void>((resolve) =>
            child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGKILL')),
          ),
      );
      return { child, output: () => out };
    };
    // Both at once, on a database neither has seen: they migrate and sync the catalog in turn.
    const ingesters = [start(), start()];
    const db = await openDatabase(testDb.url);
    cleanups.push(() => db.close());
    const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
      for (const end = Date.now() + timeoutMs; Date.now() < end;) {
        for (const p of ingesters)
          if (p.child.exitCode !== null && p.child.exitCode !== 0 && p.child.signalCode === null)
            throw new Error(`an ingester exited with ${p.child.exitCode}: ${p.output()}`);
        // Before the first migration there are no tables to ask.
        const value = await probe().catch(() => undefined);
        if (value !== undefined) return value;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`timed out waiting for ${what}: ${ingesters.map((p) => p.output()).join('\n---\n')}`);
    };
    const clustered = (n: number) =>
      until(`${n} items in stories`, async () =>
        (await db.prisma.item.count({ where: { storyId: { not: null } } })) >= n && (await db.prisma.item.count({ where: { storyId: null } })) === 0
          ? true
          : undefined,
      );
    /** Each event's items, by the story each item is in. */
    const storiesByEvent = async () => {
      const items = await db.prisma.item.findMany({ select: { url: true, storyId: true } });
      const byEvent = new Map<string, Set<number | null>>();
      for (const i of items) {
        const event = i.url.split('/')[3]!;
        byEvent.set(event, (byEvent.get(event) ?? new Set()).add(i.storyId));
      }
      return Object.fromEntries([...byEvent].map(([e, s]) => [e, [...s]]));
    };

    for (const p of ingesters) await until('both started', async () => (p.output().includes('"msg":"herald started"') ? true : undefined));
    round = ['glacier', 'turbine', 'typhoon', 'wegovy', 'lander', 'olympiad'].map((e) => [e, 1]);
    await clustered(24);
    // Both fetched (any number of processes may), but only one clustered.
    await new Promise((r) => setTimeout(r, 2000));
    const first = await storiesByEvent();
    for (const stories of Object.values(first)) expect(stories).toHaveLength(1);
    expect(await db.prisma.story.count()).toBe(6);
    // Exactly one process clustered: only one took the lease.
    const takers = ingesters.filter((p) => p.output().includes('stories lease taken'));
    expect(takers).toHaveLength(1);

    // The clusterer dies without a word; new reports arrive: a new event, and follow-ups of one.
    const holder = takers[0]!;
    holder.child.kill('SIGKILL');
    const survivor = ingesters.find((p) => p !== holder)!;
    round = [...round, ['volcano', 2], ['glacier', 2]];
    await clustered(32);
    await until('the takeover', async () => (survivor.output().includes('stories lease taken') ? true : undefined));
    const after = await storiesByEvent();
    for (const [event, stories] of Object.entries(after)) expect(stories, event).toHaveLength(1);
    expect(after.glacier).toEqual(first.glacier); // the follow-ups joined the story the dead process had made
    expect(await db.prisma.story.count()).toBe(7);
    expect(survivor.output()).toMatch(/"msg":"story window restored"/);
  }, 120_000);
});
