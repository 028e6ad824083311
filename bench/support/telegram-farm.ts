// The fake Bot API in a process of its own, so that the benchmark's senders and its clock do
// not share an event loop: it enforces Telegram's limits scaled as asked, counts violations,
// injects 429s and 5xxs, and answers `stats` and `reset` over IPC. Prints its port on stdout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FakeTelegramApi } from '../../test/fakes/telegram-api.ts';

// The farm's own stalls: arrivals it reads late bunch up in its windows as if sent together.
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
const scale = Number(process.env.FARM_SCALE ?? 30);
const api = await new FakeTelegramApi().start();
api.lean = true;

let first = 0;
let last = 0;
let requests = 0;
// Requests per second since the first one, to tell a slow start or a long tail from a slow middle.
let perSecond: number[] = [];
// Of those, requests to a chat asked before: retries after a 429 or a 5xx.
let retries: number[] = [];
const seen = new Set<string>();
// Count requests and their span instead of keeping 100,000 call records.
api.calls.push = (...items) => {
  const now = Date.now();
  for (const c of items) {
    if (c.method !== 'sendMessage') continue;
    requests++;
    if (first === 0) first = now;
    last = now;
    const second = Math.floor((now - first) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
    const chat = String(c.body.chat_id);
    if (seen.has(chat)) retries[second] = (retries[second] ?? 0) + 1;
    seen.add(chat);
  }
  return 0;
};

function configure(): void {
  api.limits = { perSecond: 30 * scale, perChatPerSecond: 1 * scale, perGroupPerMinute: 20 * scale };
  api.faults = { rate429: Number(process.env.FARM_429 ?? 0.01), rate5xx: Number(process.env.FARM_5XX ?? 0.01), retryAfter: 1 };
}
configure();

process.on('message', (m: { type: string }) => {
  if (m.type === 'stats') {
    const counts = [...api.delivered.values()];
    process.send!({
      type: 'stats',
      requests,
      first,
      last,
      chats: api.delivered.size,
      deliveries: counts.reduce((a, b) => a + b, 0),
      duplicates: counts.reduce((a, b) => a + Math.max(0, b - 1), 0),
      violations: { ...api.violations },
      injected: { ...api.injected },
      lagMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
      perSecond: Array.from(perSecond, (n) => n ?? 0),
      retries: Array.from(retries, (n) => n ?? 0),
    });
  }
  if (m.type === 'reset') {
    api.delivered.clear();
    api.violations.global = api.violations.chat = api.violations.group = 0;
    api.injected.tooMany = api.injected.serverError = 0;
    requests = first = last = 0;
    perSecond = [];
    retries = [];
    seen.clear();
    lag.reset();
    // The sliding windows keep their last second of arrivals: runs are further apart than that.
    process.send!({ type: 'reset' });
  }
});

process.stdout.write(`${api.port}\n`);
