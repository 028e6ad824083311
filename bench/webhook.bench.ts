// Webhook benchmark: Telegram's webhook route under load on loopback (autocannon), each update
// stored in the inbox before it is acknowledged. Herald runs as `herald start --role web` in a
// process of its own (SQLite, the embedded default; PostgreSQL too when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set), with the real grammY bot handling the stored updates against a
// fake Bot API. 5 % of requests repeat an earlier update (Telegram's retries). Afterwards every
// acknowledged update must be stored exactly once and handled. The baseline, in the same run:
// the same route storing each update with its own INSERT (no group commit).
// Latency is read with 10 connections, throughput with 40 (Telegram's default at most), each
// after a 3-second warm-up.
// Figures: requests/s, latency p50/p99, errors, stored, duplicates acknowledged, lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/store/database.ts';
import { FakeTelegramApi } from '../test/fakes/telegram-api.ts';
import { postgresAt } from '../test/support/databases.ts';
import { cleanEnv } from '../test/support/herald-process.ts';

const root = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// Telegram opens up to 40 connections to a webhook (max_connections' default): the flat-out
// runs use 40; the latency run fewer, so that what is measured is Herald's answer time, not
// 40 requests queued behind each other on a 2-core machine beside the load generator.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 40);
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 10);
const PG_ADMIN = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SECRET = 'bench-webhook-secret';
const api = await new FakeTelegramApi().start();

interface Figures {
  run: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  acknowledged: number;
  duplicatesAcknowledged: number;
  stored: number;
  lost: number;
  storedTwice: number;
  handled: number | null;
}

async function startServer(kind: 'herald' | 'naive', databaseUrl: string, dir: string): Promise<{ child: ChildProcess; port: number }> {
  const env = cleanEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://127.0.0.1:1',
    TELEGRAM_BOT_TOKEN: '123:BENCH',
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'info',
  });
  const args =
    kind === 'herald'
      ? [join(root, 'bin', 'herald.js'), 'start', '--role', 'web']
      : [join(root, 'bin', 'dev.js'), join(root, 'bench', 'support', 'naive-webhook-server.ts')];
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = kind === 'herald' ? /"port":(\d+),"msg":"http listening"/.exec(out) : /^(\d+)\s*$/m.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}: ${out}`)));
  });
  return { child, port };
}

async function run(name: string, kind: 'herald' | 'naive', databaseUrl: string, connections = CONNECTIONS): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-webhook-bench-'));
  const { child, port } = await startServer(kind, databaseUrl, dir);
  let next = 1_000_000;
  const sent = new Set<number>();
  const acked = new Set<number>();
  let duplicatesAcknowledged = 0;
  let errors = 0;
  const update = (id: number) => {
    const chat = 10_000 + (id % 500);
    return JSON.stringify({
      update_id: id,
      message: {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat, type: 'private', first_name: 'B' },
        from: { id: chat, is_bot: false, first_name: 'B' },
        text: `hello ${id}`,
      },
    });
  };
  // `warmup` is an autocannon option its type definitions do not list yet.
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    connections,
    duration: SECONDS,
    // JIT and Prisma's first queries out of the way before the measured seconds.
    ...({ warmup: { connections, duration: 3 } } as object),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        setupRequest: (req, context) => {
          // One request in 20 repeats a recent update, as Telegram does when an answer is late.
          const id = next > 1_000_100 && Math.random() < 0.05 ? next - 1 - Math.floor(Math.random() * 100) : next++;
          (context as { id: number }).id = id;
          sent.add(id);
          return { ...req, body: update(id) };
        },
        onResponse: (status, body, context) => {
          const id = (context as { id: number }).id;
          if (status !== 200) return void errors++;
          if (body.includes('"duplicate":true')) duplicatesAcknowledged++;
          acked.add(id);
        },
      },
    ],
  });
  const db = await openDatabase(databaseUrl);
  // Herald handles what it stored (the real bot); wait for the inbox to drain.
  let handled: number | null = null;
  if (kind === 'herald') {
    for (let i = 0; i < 600 && (await db.prisma.inboundUpdate.count({ where: { handledAt: null } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    handled = await db.prisma.inboundUpdate.count({ where: { handledAt: { not: null } } });
  }
  const rows = await db.prisma.inboundUpdate.findMany({ select: { updateId: true } });
  const stored = new Set(rows.map((r) => Number(r.updateId)));
  await db.close();
  await new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));
  rmSync(dir, { recursive: true, force: true });
  const figures: Figures = {
    run: name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: errors + result.errors + result.timeouts,
    acknowledged: acked.size,
    duplicatesAcknowledged,
    stored: stored.size,
    lost: [...acked].filter((id) => !stored.has(id)).length,
    storedTwice: rows.length - stored.size,
    handled,
  };
  console.log(JSON.stringify(figures));
  return figures;
}

const runs: Figures[] = [];
const sqliteDir = mkdtempSync(join(tmpdir(), 'herald-webhook-db-'));
runs.push(await run(`herald, SQLite, ${LATENCY_CONNECTIONS} connections`, 'herald', `file:${join(sqliteDir, 'herald-latency.db')}`, LATENCY_CONNECTIONS));
runs.push(await run(`herald, SQLite, ${CONNECTIONS} connections`, 'herald', `file:${join(sqliteDir, 'herald.db')}`));
runs.push(await run(`baseline: one INSERT per request, SQLite, ${CONNECTIONS} connections`, 'naive', `file:${join(sqliteDir, 'naive.db')}`));
if (PG_ADMIN) {
  const pg = postgresAt(PG_ADMIN);
  const pgRuns = [
    [`herald, PostgreSQL, ${LATENCY_CONNECTIONS} connections`, 'herald', LATENCY_CONNECTIONS],
    [`herald, PostgreSQL, ${CONNECTIONS} connections`, 'herald', CONNECTIONS],
    [`baseline: one INSERT per request, PostgreSQL, ${CONNECTIONS} connections`, 'naive', CONNECTIONS],
  ] as const;
  for (const [name, kind, connections] of pgRuns) {
    const db = await pg.create();
    runs.push(await run(name, kind, db.url, connections));
    await db.dispose();
  }
}
rmSync(sqliteDir, { recursive: true, force: true });
await api.stop();

const atRate = runs[0]!;
const herald = runs[1]!;
const baseline = runs[2]!;
console.log(
  JSON.stringify({
    bench: 'webhook',
    seconds: SECONDS,
    runs,
    heraldOverBaseline: Number((herald.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)),
    targets: {
      requestsPerSecond: 2000,
      p99Ms: 20,
      met: atRate.requestsPerSecond >= 2000 && atRate.p99Ms <= 20 && runs.every((r) => r.lost === 0 && r.storedTwice === 0 && r.errors === 0),
    },
  }),
);
