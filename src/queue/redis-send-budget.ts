// The platform send budgets shared by every worker, in Redis: the same GCRA as the in-memory
// budget (src/core/delivery/send-budget.ts), run as one Lua script per send so that checking
// all of a send's limits and taking the slot is atomic across processes. Redis's own clock is
// used, so workers on machines with skewed clocks still agree.
import { Redis } from 'ioredis';
import { chatLimit, DEFAULT_LIMITS, limitsFor, type BudgetLimits, type ChatClass, type Reservation, type SendBudget } from '../core/delivery/send-budget.ts';
import type { Platform } from '../core/targets/target.ts';

const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local n = #KEYS
local wait = 0
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0')
  local w = tat - tonumber(ARGV[n + i]) - now
  if w > wait then wait = w end
end
if wait > tonumber(ARGV[2 * n + 1]) then return { math.ceil(wait), 0 } end
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or '0')
  local nxt = math.max(tat, now + wait) + tonumber(ARGV[i])
  redis.call('SET', key, string.format('%.3f', nxt), 'PX', math.ceil(nxt - now) + 1000)
end
return { math.ceil(wait), 1 }`;

const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local nxt = math.max(tat, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.3f', nxt), 'PX', math.ceil(nxt - now) + 1000)
return 0`;

export class RedisSendBudget implements SendBudget {
  readonly #redis: Redis;
  private readonly prefix: string;
  constructor(
    url: string,
    private readonly limits: BudgetLimits = DEFAULT_LIMITS,
    prefix = 'herald',
  ) {
    this.prefix = `${prefix}:budget:`;
    this.#redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
  }

  async reserve(platform: Platform, chat: string, chatClass: ChatClass, maxWaitMs: number): Promise<Reservation> {
    const limits = limitsFor(this.limits, platform, chat, chatClass);
    if (limits.length === 0) return { waitMs: 0, reserved: true };
    const [wait, reserved] = (await this.#redis.eval(RESERVE, limits.length, ...limits.map((l) => this.prefix + l.key), ...limits.map((l) => String(l.intervalMs)), ...limits.map((l) => String(l.toleranceMs)), String(maxWaitMs))) as [number, number];
    return { waitMs: Number(wait), reserved: reserved === 1 };
  }

  async hold(platform: Platform, chat: string, ms: number): Promise<void> {
    const { key, toleranceMs } = chatLimit(this.limits, platform, chat);
    await this.#redis.eval(HOLD, 1, this.prefix + key, String(ms + toleranceMs));
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
