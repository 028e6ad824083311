// The platform send budgets shared by every worker, in Redis: the same GCRA as the in-memory
// budget (src/core/delivery/send-budget.ts), run as one Lua script per send so that checking
// all of a send's limits and taking the slot is atomic across processes. Redis's own clock is
// used, so workers on machines with skewed clocks still agree. The scripts are defined once and
// called by their hash (EVALSHA): a send costs Redis a lookup, not a script to parse.
import { Redis } from 'ioredis';
import { chatLimit, latenessAllowed, limitsFor, type BudgetLimits, type ChatClass, type Reservation, type SendBudget } from '../core/delivery/send-budget.ts';
import type { Logger } from '../core/logger.ts';
import type { Platform } from '../core/targets/target.ts';
import { logRedisErrors } from './redis-health.ts';

// Answers the wait and Redis's clock as text: Lua numbers go back to clients as integers.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local n = #KEYS
local wait = 0
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0')
  local w = tat - now
  if w > wait then wait = w end
end
local answer = function(taken) return { string.format('%.3f', wait), taken, string.format('%.3f', now) } end
if wait > tonumber(ARGV[n + 1]) then return answer(0) end
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0')
  local nxt = math.max(tat, now + wait) + tonumber(ARGV[i])
  redis.call('SET', key, string.format('%.3f', nxt), 'PX', math.ceil(nxt - now) + 1000)
end
return answer(1)`;

const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local nxt = math.max(tat, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.3f', nxt), 'PX', math.ceil(nxt - now) + 1000)
return 0`;

/** The scripts as commands (ioredis sends EVALSHA, and the script itself once if Redis lacks it). */
type BudgetRedis = Redis & {
  heraldReserve(keyCount: number, ...keysAndArgs: string[]): Promise<[string, number, string]>;
  heraldHold(key: string, ms: string): Promise<number>;
};

/**
 * Where Redis's clock stands against this process's, from the answers themselves: Redis read
 * its clock somewhere between asking and answering, so the quickest answer pins the offset
 * closest (NTP's rule). For clocks that drift, the pin is renewed each minute with the
 * quickest answer of the minute before, never with whatever answer comes next.
 */
class ClockOffset {
  #best: { offsetMs: number; roundTripMs: number } | undefined;
  #next: { offsetMs: number; roundTripMs: number } | undefined;
  #renewAt = 0;
  observe(askedAt: number, answeredAt: number, remoteNow: number): void {
    const sample = { offsetMs: remoteNow - (askedAt + answeredAt) / 2, roundTripMs: answeredAt - askedAt };
    if (!this.#next || sample.roundTripMs <= this.#next.roundTripMs) this.#next = sample;
    if (!this.#best || sample.roundTripMs <= this.#best.roundTripMs) this.#best = sample;
    if (answeredAt >= this.#renewAt) {
      this.#best = this.#next;
      this.#next = undefined;
      this.#renewAt = answeredAt + 60_000;
    }
  }
  /** A time on the remote clock, on this one. */
  local(remote: number): number {
    return remote - (this.#best?.offsetMs ?? 0);
  }
}

export class RedisSendBudget implements SendBudget {
  readonly #redis: BudgetRedis;
  readonly #clock = new ClockOffset();
  private readonly prefix: string;
  constructor(
    url: string,
    private readonly limits: BudgetLimits,
    prefix = 'herald',
    logger?: Logger,
  ) {
    this.prefix = `${prefix}:budget:`;
    const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
    if (logger) logRedisErrors(redis, logger, 'send budgets');
    redis.defineCommand('heraldReserve', { lua: RESERVE });
    redis.defineCommand('heraldHold', { lua: HOLD, numberOfKeys: 1 });
    this.#redis = redis as BudgetRedis;
  }

  async reserve(platform: Platform, chat: string, chatClass: ChatClass, maxWaitMs: number): Promise<Reservation> {
    const limits = limitsFor(this.limits, platform, chat, chatClass);
    const lateMs = latenessAllowed(limits);
    if (limits.length === 0) return { waitMs: 0, reserved: true, lateMs };
    const asked = Date.now();
    const [wait, reserved, redisNow] = await this.#redis.heraldReserve(
      limits.length,
      ...limits.map((l) => this.prefix + l.key),
      ...limits.map((l) => String(l.intervalMs)),
      String(maxWaitMs),
    );
    const answered = Date.now();
    this.#clock.observe(asked, answered, Number(redisNow));
    if (reserved !== 1) return { waitMs: Math.ceil(Number(wait)), reserved: false, lateMs };
    // The slot is a time on Redis's clock: the wait counts from this answer, not from the script.
    return { waitMs: this.#clock.local(Number(redisNow) + Number(wait)) - answered, reserved: true, lateMs };
  }

  async hold(platform: Platform, chat: string, ms: number): Promise<void> {
    const { key } = chatLimit(this.limits, platform, chat);
    await this.#redis.heraldHold(this.prefix + key, String(ms));
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
