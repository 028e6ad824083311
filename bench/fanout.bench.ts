// Fan-out benchmark: one breaking story to BENCH_TARGETS (100,000) Telegram chats through a
// fake Bot API in its own process that enforces Telegram's limits scaled 30× (900 messages/s
// in all, 30/s per chat) and answers 1 % of sends 429 and 1 % 5xx. Runs Herald embedded
// (SQLite, in-memory budget, one process) and scaled out (PostgreSQL, BullMQ on Redis, budgets
// in Redis) with 1 and 4 worker processes; then the baseline, grammY's transformer-throttler
// (scaled the same) with auto-retry, sending the same messages straight from memory.
// Figures: requests/s over what is allowed, deliveries/s, limit violations, duplicates, lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api } from 'grammy';
import { TelegramMessenger } from '../src/platforms/telegram/telegram-messenger.ts';
import { loadCatalog } from '../src/core/catalog/catalog-loader.ts';
import { systemClock } from '../src/core/clock.ts';
import { BreakingFanout } from '../src/core/delivery/breaking-fanout.ts';
import { Deliverer } from '../src/core/delivery/deliverer.ts';
import { OutboxWorker } from '../src/core/delivery/outbox-worker.ts';
import { MemorySendBudget } from '../src/core/delivery/send-budget.ts';
import { budgetLimits, defaults, deliveryOptions } from '../test/support/defaults.ts';
import { PrismaAudienceRepository } from '../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../src/store/catalog.store.ts';
import { openDatabase, type Database } from '../src/store/database.ts';
import { PrismaOutboxRepository } from '../src/store/outbox.store.ts';
import { PrismaTargetRepository } from '../src/store/targets.store.ts';
import { createLogger } from '../src/logging.ts';
import { DeliveryQueue } from '../src/queue/delivery-queue.ts';
import { makeStory } from '../test/support/delivery-fixtures.ts';
import { seedTargets } from '../test/support/seed-targets.ts';
import { postgresAt } from '../test/support/databases.ts';

const root = join(import.meta.dirname, '..');
const N = Number(process.env.BENCH_TARGETS ?? 100_000);
// Targets of a smaller story sent first, so that the senders measured are warm (their code
// compiled, their connections open), as a running Herald's are when a story breaks.
const WARM = 3000;
const SCALE = 30;
const ALLOWED = 30 * SCALE;
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const REDIS = process.env.REDIS_URL;
const log = createLogger('warn');
const catalog = await loadCatalog();
const limits = budgetLimits({ perSecond: ALLOWED, perChatPerSecond: SCALE, perGroupPerMinute: 20 * SCALE });

interface Stats {
  requests: number;
  first: number;
  last: number;
  chats: number;
  deliveries: number;
  duplicates: number;
  violations: { global: number; chat: number; group: number };
  injected: { tooMany: number; serverError: number };
  /** Requests in each second from the first, and of those the retries. */
  perSecond: number[];
  retries: number[];
  /** The farm's own event-loop delay. */
  lagMs: { p99: number; max: number };
}

// ---------------------------------------------------------------- the farm
const farm = spawn(process.execPath, [join(root, 'bin', 'dev.js'), join(root, 'bench', 'support', 'telegram-farm.ts')], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  env: { ...process.env, FARM_SCALE: String(SCALE) },
});
// The farm stands for Telegram's servers, which do not share Herald's CPU: it runs ahead of the
// benchmark's other processes, so that its own stalls do not bunch up the arrival times it counts.
try {
  setPriority(farm.pid!, -10);
} catch {
  console.error("  (could not raise the farm's priority: its own stalls may show as violations)");
}
const farmPort = await new Promise<number>((resolve) => farm.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
const apiRoot = `http://127.0.0.1:${farmPort}`;
const ask = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      farm.off('message', on);
      resolve(m as T);
    };
    farm.on('message', on);
    farm.send({ type });
  });

async function untilDelivered(timeoutMs: number, chats = N): Promise<Stats> {
  const end = Date.now() + timeoutMs;
  let stats = await ask<Stats>('stats');
  while (stats.chats < chats && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    stats = await ask<Stats>('stats');
  }
  await new Promise((r) => setTimeout(r, 1500)); // late duplicates would show now
  return ask<Stats>('stats');
}

// ---------------------------------------------------------------- databases
async function prepare(url: string): Promise<Database> {
  const db = await openDatabase(url);
  await db.migrate();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);
  const started = Date.now();
  await seedTargets(db.prisma, N, () => ({
    country: 'IN',
    language: 'en',
    primarySource: 'the-hindu',
    otherSources: [],
    categories: ['national'],
    timezone: 'UTC',
    digestTime: '08:00',
  }));
  await seedTargets(
    db.prisma,
    WARM,
    () => ({ country: 'US', language: 'en', primarySource: 'cnn', otherSources: [], categories: ['national'], timezone: 'UTC', digestTime: '08:00' }),
    (i) => String(5_000_000 + i),
  );
  console.error(`  seeded ${N} targets (and ${WARM} for the warm-up) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return db;
}

/** The warm-up story to the WARM targets, delivered; then the measured story, not yet fanned out. */
async function warmUp(db: Database, fanOut: () => Promise<unknown>): Promise<void> {
  await makeStory(db.prisma, {
    headline: 'Benchmark: a warm-up story',
    sources: ['cnn'],
    countries: ['US'],
    categories: ['national'],
    at: new Date(),
    breaking: true,
  });
  await fanOut();
  const stats = await untilDelivered(60_000, WARM);
  if (stats.chats < WARM) throw new Error(`the warm-up reached ${stats.chats} of ${WARM} chats`);
  await ask('reset');
  await makeStory(db.prisma, {
    headline: 'Benchmark: a story breaks',
    sources: ['the-hindu', 'ndtv', 'news18'],
    categories: ['national'],
    at: new Date(),
    breaking: true,
  });
}

function fanout(db: Database, onQueued: (ids: number[]) => void): BreakingFanout {
  const audience = new PrismaAudienceRepository(db.prisma);
  return new BreakingFanout(
    { stories: audience, audience, outbox: new PrismaOutboxRepository(db.prisma), catalog, logger: log, clock: systemClock, onQueued },
    { capPerHour: defaults.delivery.breakingCapPerHour },
  );
}

// ---------------------------------------------------------------- runs
interface Row {
  run: string;
  fanoutWriteS: number;
  stats: Stats;
}

async function embedded(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-'));
  const db = await prepare(`file:${join(dir, 'herald.db')}`);
  await ask('reset');
  const outbox = new PrismaOutboxRepository(db.prisma);
  const deliverer = new Deliverer({
    outbox,
    messengers: { telegram: TelegramMessenger.create('123:BENCH', apiRoot) },
    targets: new PrismaTargetRepository(db.prisma),
    budget: new MemorySendBudget(limits),
    logger: log,
    clock: systemClock,
    options: { ...deliveryOptions, baseBackoffMs: 500 },
  });
  const worker = new OutboxWorker({ outbox, deliverer, logger: log, clock: systemClock }, { batch: 500, concurrency: 64, idleMs: 50 });
  worker.start();
  await warmUp(db, () => fanout(db, () => worker.wake()).run());
  const started = Date.now();
  await fanout(db, () => worker.wake()).run();
  const fanoutWriteS = (Date.now() - started) / 1000;
  const stats = await untilDelivered(20 * 60_000);
  await worker.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return { run: 'embedded (SQLite, 1 process)', fanoutWriteS, stats };
}

async function scaledOut(workers: number): Promise<Row> {
  const pgdb = await postgresAt(PG_ADMIN).create();
  const db = await prepare(pgdb.url);
  await ask('reset');
  const prefix = `herald-bench-${process.pid}-${workers}`;
  const env = {
    ...process.env,
    DATABASE_URL: pgdb.url,
    REDIS_URL: REDIS!,
    REDIS_PREFIX: prefix,
    TELEGRAM_BOT_TOKEN: '123:BENCH',
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_MESSAGES_PER_SECOND: String(ALLOWED),
    TELEGRAM_CHAT_MESSAGES_PER_SECOND: String(SCALE),
    DELIVERY_CONCURRENCY: String(Math.ceil(64 / workers)),
    DELIVERY_RETRY_BASE_SECONDS: '0.5',
    LOG_LEVEL: 'info',
    PORT: '0',
  };
  const children: ChildProcess[] = [];
  for (let w = 0; w < workers; w++) {
    const child = spawn(process.execPath, [join(root, 'bin', 'herald.js'), 'start', '--role', 'worker'], {
      cwd: tmpdir(),
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('delivery worker on')) resolve();
      });
    });
  }
  const queue = new DeliveryQueue(REDIS!, prefix, createLogger('warn'));
  const outbox = new PrismaOutboxRepository(db.prisma);
  // The scheduler's sweep, as the scheduler role runs it: due rows whose job was lost are enqueued again.
  const sweep = setInterval(() => void outbox.staleIds(new Date(), new Date(Date.now() - 120_000), 5000).then((ids) => queue.enqueue(ids)), 5000);
  await warmUp(db, () => fanout(db, (ids) => void queue.enqueue(ids)).run());
  const started = Date.now();
  await fanout(db, (ids) => void queue.enqueue(ids)).run();
  const fanoutWriteS = (Date.now() - started) / 1000;
  const stats = await untilDelivered(20 * 60_000);
  clearInterval(sweep);
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  await queue.close();
  await db.close();
  await pgdb.dispose();
  return { run: `scale-out (PostgreSQL + BullMQ), ${workers} worker${workers > 1 ? 's' : ''}`, fanoutWriteS, stats };
}

async function baseline(): Promise<Row> {
  await ask('reset');
  const api = new Api('123:BENCH', { apiRoot });
  api.config.use(
    apiThrottler({
      global: { reservoir: ALLOWED, reservoirRefreshAmount: ALLOWED, reservoirRefreshInterval: 1000, maxConcurrent: 25 * SCALE, minTime: 25 / SCALE },
      out: { maxConcurrent: 1, minTime: 1000 / SCALE, highWater: N * 2 },
      group: { maxConcurrent: 1, minTime: 1000 / SCALE, reservoir: 20 * SCALE, reservoirRefreshAmount: 20 * SCALE, reservoirRefreshInterval: 60_000 },
    } as never),
  );
  api.config.use(autoRetry({ maxRetryAttempts: 8, maxDelaySeconds: 60 }));
  // Warmed up like Herald: the same sends to other chats first.
  const send = async (from: number, count: number) => {
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const i = next++;
        await api.sendMessage(String(from + i), '<b>Breaking</b>\nBenchmark: a story breaks', { parse_mode: 'HTML' }).catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: 1000 }, lane));
  };
  await send(5_000_000, WARM);
  await untilDelivered(60_000, WARM);
  await ask('reset');
  await send(1_000_000, N);
  const stats = await untilDelivered(60_000);
  return { run: 'baseline: grammY throttler + auto-retry (memory only)', fanoutWriteS: 0, stats };
}

// ---------------------------------------------------------------- report
const rows: Row[] = [];
console.error(
  `fan-out of one breaking story to ${N.toLocaleString('en')} Telegram chats; limits ×${SCALE}: ${ALLOWED}/s in all, ${SCALE}/s per chat; 1 % 429, 1 % 5xx`,
);
const runs: [string, () => Promise<Row>][] = [
  ['embedded', embedded],
  ...(PG_ADMIN && REDIS
    ? ([
        ['scale-out 1', () => scaledOut(1)],
        ['scale-out 4', () => scaledOut(4)],
      ] as [string, () => Promise<Row>][])
    : []),
  ['baseline', baseline],
];
if (!PG_ADMIN || !REDIS) console.error('  scale-out skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) and REDIS_URL');
// BENCH_RUNS=embedded,scale-out 1 runs only those.
const only = process.env.BENCH_RUNS?.split(',').map((r) => r.trim());
for (const [name, run] of runs.filter(([n]) => !only || only.includes(n))) {
  console.error(`- ${name} …`);
  const row = await run();
  rows.push(row);
  console.error(`  ${describe(row)}`);
  console.error(`  ${shape(row.stats.perSecond)}; the farm's own delay p99 ${row.stats.lagMs.p99.toFixed(1)} ms, max ${row.stats.lagMs.max.toFixed(1)} ms`);
  // BENCH_TIMELINE=1 prints every second, and the retries in it.
  if (process.env.BENCH_TIMELINE) console.error(`  timeline: ${row.stats.perSecond.join(' ')}\n  retries: ${row.stats.retries.join(' ')}`);
}
farm.kill();

function figures(row: Row) {
  const s = row.stats;
  const seconds = Math.max(0.001, (s.last - s.first) / 1000);
  return {
    run: row.run,
    seconds: Number(seconds.toFixed(1)),
    requestsPerSecond: Math.round(s.requests / seconds),
    achievedOverAllowed: Number((s.requests / seconds / ALLOWED).toFixed(3)),
    deliveriesPerSecond: Math.round(s.deliveries / seconds),
    violations: s.violations.global + s.violations.chat + s.violations.group,
    duplicates: s.duplicates,
    lost: N - s.chats,
    injected429: s.injected.tooMany,
    injected5xx: s.injected.serverError,
    fanoutWriteSeconds: Number(row.fanoutWriteS.toFixed(1)),
  };
}

/** Where the time went: the first and last seconds, and the middle's median second. */
function shape(perSecond: number[]): string {
  const middle = perSecond.slice(3, -3).sort((a, b) => a - b);
  return `requests per second: first ${perSecond.slice(0, 3).join(', ')}; middle median ${middle[Math.floor(middle.length / 2)] ?? '-'}, lowest ${middle[0] ?? '-'}; last ${perSecond.slice(-3).join(', ')}`;
}

function describe(row: Row): string {
  const f = figures(row);
  return `${f.seconds} s, ${f.requestsPerSecond} requests/s (${f.achievedOverAllowed} of allowed), ${f.deliveriesPerSecond} deliveries/s, violations ${f.violations} (${JSON.stringify(row.stats.violations)}), duplicates ${f.duplicates}, lost ${f.lost}`;
}

const all = rows.map(figures);
const herald = all.find((r) => r.run.startsWith('embedded'));
const base = all.find((r) => r.run.startsWith('baseline'));
console.log('| run | time | requests/s | achieved / allowed | deliveries/s | violations | duplicates | lost | outbox written |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of all)
  console.log(
    `| ${r.run} | ${r.seconds} s | ${r.requestsPerSecond} | ${r.achievedOverAllowed} | ${r.deliveriesPerSecond} | ${r.violations} | ${r.duplicates} | ${r.lost} | ${r.fanoutWriteSeconds ? `${r.fanoutWriteSeconds} s` : '-'} |`,
  );
console.log(
  JSON.stringify({
    bench: 'fanout',
    targets: N,
    allowedPerSecond: ALLOWED,
    runs: all,
    heraldOverBaselineDeliveries: herald && base ? Number((herald.deliveriesPerSecond / Math.max(1, base.deliveriesPerSecond)).toFixed(2)) : null,
  }),
);
process.exit(0);
