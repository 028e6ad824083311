// Event-loop benchmark: does Herald keep answering while it takes in a huge feed? One
// `herald start` process (every role, SQLite) gets a new 12,000-item feed (BENCH_ITEMS) on
// loopback: the first ingest parses, stores and clusters all of it. Meanwhile the benchmark
// asks GET /healthz every 10 ms (one request at a time) and sends signed Discord interactions,
// and reads how late each answer came. Targets: /healthz p99 ≤ 50 ms and max ≤ 200 ms, and
// every interaction answered (or deferred) within 2 s.
// Baseline, in the same run: the same items clustered on this process's own main thread (what
// Herald did before clustering moved to a worker thread), with the same probe.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { StoryClusterer } from '../src/core/stories/story-clusterer.ts';
import { parseFeed } from '../src/ingest/parse/feed-parser.ts';
import { normalizeEntry } from '../src/ingest/normalize/normalize-entry.ts';
import { FakeDiscordApi } from '../test/fakes/discord-api.ts';
import { cleanEnv } from '../test/support/herald-process.ts';
import { bigFeed } from '../test/support/big-feed.ts';
import { defaults } from '../test/support/defaults.ts';

const root = join(import.meta.dirname, '..');
const ITEMS = Number(process.env.BENCH_ITEMS ?? 12_000);
const INTERACTIONS = 5;
const PROBE_EVERY_MS = 10;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

interface Probe {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function summarise(latencies: number[]): Probe {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { samples: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0) };
}

/** Serves the big feed (built once) on loopback. */
async function feedServer(): Promise<{ url: string; close: () => void }> {
  let body = '';
  const server = createServer((req, res) => {
    if (req.url === '/big.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  body = bigFeed(ITEMS, origin);
  return { url: `${origin}/big.xml`, close: () => server.close() };
}

function catalogYaml(feedUrl: string): string {
  return `languages:
  - { code: en, name: English }
categories:
  - { slug: national, name: National }
countries:
  - { code: CA, name: Canada, primaryLanguage: en, timezone: America/Toronto }
sources:
  - id: big
    name: Big Outlet
    homepage: https://big.example
    editions: [{ country: CA, languages: [en] }]
    feeds:
      - { url: ${feedUrl}, language: en, category: national, ref: benchmark }
`;
}

async function herald(): Promise<void> {
  const feed = await feedServer();
  const discord = await new FakeDiscordApi().start();
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keyHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-loop-'));
  writeFileSync(join(dir, 'catalog.yaml'), catalogYaml(feed.url));
  const env = cleanEnv({
    DATABASE_URL: `file:${join(dir, 'herald.db')}`,
    HERALD_CATALOG: join(dir, 'catalog.yaml'),
    PORT: '0',
    HOST: '127.0.0.1',
    HERALD_DEMO: '0',
    HERALD_WEB_CHAT: '0',
    INGEST_MAX_BYTES: String(64 * 1024 * 1024),
    DISCORD_BOT_TOKEN: 'bench-discord-token',
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: keyHex,
    DISCORD_API_BASE: discord.base,
    LOG_LEVEL: 'info',
  });
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), join(root, 'bin', 'herald.js'), 'start'],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let clustered = 0;
  let startedAt = 0;
  let storedAt = 0;
  let clusteredAt = 0;
  const started = performance.now();
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n')) {
        if (process.env.TRACE && line.includes('"msg"')) console.log('LOG', Math.round(performance.now() - started), line.slice(0, 160));
        if (/"msg":"herald started"/.test(line)) startedAt ||= performance.now();
        if (/"msg":"ingest cycle done"/.test(line) && /"newItems":[1-9]/.test(line)) storedAt ||= performance.now();
        const m = /"items":(\d+),.*"msg":"stories updated"/.exec(line);
        if (m) {
          clustered += Number(m[1]);
          if (clustered >= ITEMS) clusteredAt ||= performance.now();
        }
      }
      const p = /"port":(\d+),"msg":"http open; starting"/.exec(out);
      if (p) resolve(Number(p[1]));
    });
    child.once('exit', (code) => reject(new Error(`herald exited with ${code}`)));
  });

  // Each answer's latency, by phase: while Herald starts (loading its modules, migrating), and
  // from "herald started" on, while it takes in the feed (what the targets are about).
  const latencies: number[] = [];
  const starting: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      const into = startedAt ? latencies : starting;
      try {
        await (await fetch(`http://127.0.0.1:${port}/healthz`)).arrayBuffer();
        into.push(performance.now() - t);
        if (process.env.TRACE && performance.now() - t > 40) console.log('SLOW', Math.round(t - started), Math.round(performance.now() - t));
      } catch {
        into.push(Number.POSITIVE_INFINITY);
      }
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  })();

  const answers: number[] = [];
  const interactions = (async () => {
    for (let i = 0; i < INTERACTIONS && probing; i++) {
      await new Promise((r) => setTimeout(r, 800));
      const body = JSON.stringify({
        id: String(9000 + i),
        application_id: discord.applicationId,
        token: `tok-${i}`,
        version: 1,
        type: 2,
        app_permissions: '0',
        locale: 'en-US',
        channel: { id: '710000000000000001', type: 1 },
        user: { id: '600000000000000001', username: 'u' },
        data: { id: '1', name: 'help', type: 1 },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-signature-timestamp': ts,
          'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex'),
        },
      });
      await res.arrayBuffer();
      answers.push(performance.now() - t);
    }
  })();

  const deadline = started + 10 * 60_000;
  while (!clusteredAt && performance.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  await interactions;
  await new Promise((r) => setTimeout(r, 1000));
  probing = false;
  await probe;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  feed.close();
  await discord.stop();
  rmSync(dir, { recursive: true, force: true });

  const healthz = summarise(latencies);
  const boot = summarise(starting);
  const figures = {
    run: 'herald',
    items: ITEMS,
    clustered,
    startedS: round((startedAt - started) / 1000),
    storedS: round(storedAt ? (storedAt - started) / 1000 : -1),
    clusteredS: round(clusteredAt ? (clusteredAt - started) / 1000 : -1),
    healthz,
    healthzWhileStarting: boot,
    interactionsMs: answers.map(round),
    interactionMaxMs: round(Math.max(...answers)),
    targetsMet: healthz.p99Ms <= 50 && healthz.maxMs <= 200 && answers.length === INTERACTIONS && Math.max(...answers) <= 2000 && clustered >= ITEMS,
  };
  console.log(`herald: started in ${figures.startedS} s; ${ITEMS} items stored by ${figures.storedS} s, clustered by ${figures.clusteredS} s after the spawn`);
  console.log(
    `  /healthz while it takes the feed in: ${healthz.samples} answers, p50 ${healthz.p50Ms} ms, p99 ${healthz.p99Ms} ms, max ${healthz.maxMs} ms (targets: p99 ≤ 50, max ≤ 200)`,
  );
  console.log(`  /healthz while it starts: ${boot.samples} answers, p50 ${boot.p50Ms} ms, max ${boot.maxMs} ms`);
  console.log(`  Discord interactions answered in ${figures.interactionsMs.join(', ')} ms (target ≤ 2000 each)`);
  console.log(JSON.stringify(figures));
}

/** The same items clustered on this thread, probed by a 10-ms timer: how long the loop stalls. */
async function baseline(): Promise<void> {
  const origin = 'http://127.0.0.1:1';
  const now = new Date();
  const parsed = await parseFeed(bigFeed(ITEMS, origin, now.getTime()));
  const items = parsed.entries
    .map((e) => normalizeEntry(e, origin, now)!)
    .map((x, i) => ({
      id: String(i),
      title: x.title,
      summary: x.summary,
      url: x.url,
      source: 'big',
      publishedAt: x.publishedAt,
      language: 'en',
      backlog: true,
    }));
  items.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const lates: number[] = [];
  let expected = performance.now() + PROBE_EVERY_MS;
  const timer = setInterval(() => {
    const t = performance.now();
    lates.push(Math.max(0, t - expected));
    expected = t + PROBE_EVERY_MS;
  }, PROBE_EVERY_MS);
  await new Promise((r) => setTimeout(r, 100));
  const clusterer = new StoryClusterer(defaults.stories);
  const t = performance.now();
  // In batches of 2,000 with a turn of the loop between them, as the story sweep stored them.
  for (let i = 0; i < items.length; i += 2000) {
    for (const item of items.slice(i, i + 2000)) clusterer.add(item);
    await new Promise((r) => setImmediate(r));
  }
  const clusterS = (performance.now() - t) / 1000;
  await new Promise((r) => setTimeout(r, 100));
  clearInterval(timer);
  const stall = summarise(lates);
  console.log(
    `baseline (clustering on the main thread): ${ITEMS} items in ${round(clusterS)} s; a 10-ms timer fired up to ${stall.maxMs} ms late (p99 ${stall.p99Ms} ms)`,
  );
  console.log(JSON.stringify({ run: 'baseline-main-thread', items: ITEMS, clusterS: round(clusterS), timerLate: stall }));
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
await herald();
await baseline();
