// Platform send budgets: Telegram ≤ 30 messages/s in all, ≤ 1/s per chat, ≤ 20/min per group;
// Discord ≤ 50 requests/s in all and ≤ 5 per 5 s per channel (its usual message bucket; the
// REST client also honours the buckets the headers announce). Each limit is a GCRA: a key's
// "theoretical arrival time" advances by the interval with every send, so sends are spaced
// evenly and no sliding window ever holds more than the limit. A small margin absorbs the
// jitter between reserving a slot and the platform receiving the request.
//
// The in-memory budget serves one process; the Redis one (src/queue) applies the same
// arithmetic atomically for every worker together.
import type { Platform } from '../targets/target.ts';

export interface Limit {
  /** Key suffix: `global`, or `chat:<id>`, `group:<id>`. */
  key: string;
  /** Milliseconds between sends. */
  intervalMs: number;
}

export interface BudgetLimits {
  telegram: { perSecond: number; perChatPerSecond: number; perGroupPerMinute: number };
  discord: { perSecond: number; perChannelPer5s: number };
  /** Spacing is stretched by this factor (1.04: 4 % under the limit). */
  margin: number;
}

export const DEFAULT_LIMITS: BudgetLimits = {
  telegram: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  discord: { perSecond: 50, perChannelPer5s: 5 },
  margin: 1.04,
};

export type ChatClass = 'private' | 'group';

/** The limits one send to `chat` is subject to. */
export function limitsFor(limits: BudgetLimits, platform: Platform, chat: string, chatClass: ChatClass): Limit[] {
  const m = limits.margin;
  if (platform === 'telegram') {
    const t = limits.telegram;
    return [
      { key: 'telegram:global', intervalMs: (1000 / t.perSecond) * m },
      { key: `telegram:chat:${chat}`, intervalMs: (1000 / t.perChatPerSecond) * m },
      ...(chatClass === 'group' ? [{ key: `telegram:group:${chat}`, intervalMs: (60_000 / t.perGroupPerMinute) * m }] : []),
    ];
  }
  if (platform === 'discord') {
    const d = limits.discord;
    return [
      { key: 'discord:global', intervalMs: (1000 / d.perSecond) * m },
      { key: `discord:chat:${chat}`, intervalMs: (5000 / d.perChannelPer5s) * m },
    ];
  }
  return [];
}

export interface SendBudget {
  /** Takes a slot for one send to `chat` now if every limit allows (→ 0); else takes nothing and returns the ms to wait. */
  reserve(platform: Platform, chat: string, chatClass: ChatClass): Promise<number>;
  /** The platform said to leave this chat alone for `ms` (a 429). */
  hold(platform: Platform, chat: string, ms: number): Promise<void>;
  close?(): Promise<void>;
}

/** GCRA over a map of arrival times: the same arithmetic as the Redis script. */
export function gcra(tats: Map<string, number>, limits: Limit[], now: number): number {
  let wait = 0;
  for (const l of limits) wait = Math.max(wait, (tats.get(l.key) ?? 0) - now);
  if (wait > 0) return Math.ceil(wait);
  for (const l of limits) tats.set(l.key, Math.max(tats.get(l.key) ?? 0, now) + l.intervalMs);
  return 0;
}

export class MemorySendBudget implements SendBudget {
  readonly #tats = new Map<string, number>();
  constructor(
    private readonly limits: BudgetLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(platform: Platform, chat: string, chatClass: ChatClass): Promise<number> {
    const now = this.now();
    if (this.#tats.size > 100_000) for (const [k, t] of this.#tats) if (t < now) this.#tats.delete(k); // forget idle chats
    return gcra(this.#tats, limitsFor(this.limits, platform, chat, chatClass), now);
  }

  async hold(platform: Platform, chat: string, ms: number): Promise<void> {
    const key = `${platform}:chat:${chat}`;
    this.#tats.set(key, Math.max(this.#tats.get(key) ?? 0, this.now() + ms));
  }
}
