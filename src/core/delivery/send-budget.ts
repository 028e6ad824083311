// Platform send budgets: Telegram ≤ 30 messages/s in all, ≤ 1/s per chat, ≤ 20/min per group;
// Discord ≤ 50 requests/s in all and ≤ 5 per 5 s per channel (its usual message bucket; the
// REST client also honours the buckets the headers announce). Each limit is a GCRA: a key's
// "theoretical arrival time" advances by the interval with every send, so sends are spaced
// evenly; with the interval stretched by a small margin and a tolerance of a quarter of it,
// no sliding window holds more than the limit even when a send leaves a little late or early.
//
// The in-memory budget serves one process; the Redis one (src/queue) applies the same
// arithmetic atomically for every worker together.
import type { Platform } from '../targets/target.ts';

export interface Limit {
  /** `<platform>:global`, `<platform>:chat:<id>`, `telegram:group:<id>`. */
  key: string;
  /** Milliseconds between sends. */
  intervalMs: number;
  /**
   * How early a send may go (GCRA's τ): a sender woken a little late may catch up without
   * breaking the limit. A quarter of the margin's slack; the rest absorbs a send that leaves
   * late after taking its slot (a stalled process, network jitter).
   */
  toleranceMs: number;
}

export interface BudgetLimits {
  telegram: { perSecond: number; perChatPerSecond: number; perGroupPerMinute: number };
  discord: { perSecond: number; perChannelPer5s: number };
  /** Spacing is stretched by this factor (1.02: 2 % under the limit). */
  margin: number;
}

export const DEFAULT_LIMITS: BudgetLimits = {
  telegram: { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 },
  discord: { perSecond: 50, perChannelPer5s: 5 },
  margin: 1.02,
};

export type ChatClass = 'private' | 'group';

/** The limits one send to `chat` is subject to. */
export function limitsFor(limits: BudgetLimits, platform: Platform, chat: string, chatClass: ChatClass): Limit[] {
  const limit = (key: string, count: number, windowMs: number): Limit => ({ key, intervalMs: (windowMs / count) * limits.margin, toleranceMs: ((limits.margin - 1) / 4) * windowMs });
  if (platform === 'telegram') {
    const t = limits.telegram;
    return [
      limit('telegram:global', t.perSecond, 1000),
      limit(`telegram:chat:${chat}`, t.perChatPerSecond, 1000),
      ...(chatClass === 'group' ? [limit(`telegram:group:${chat}`, t.perGroupPerMinute, 60_000)] : []),
    ];
  }
  if (platform === 'discord') {
    const d = limits.discord;
    return [limit('discord:global', d.perSecond, 1000), limit(`discord:chat:${chat}`, d.perChannelPer5s, 5000)];
  }
  return [];
}

/** The per-chat limit, which a 429's hold extends (by its tolerance too, so the wait is kept whole). */
export function chatLimit(limits: BudgetLimits, platform: Platform, chat: string): Limit {
  return limitsFor(limits, platform, chat, 'private').find((l) => l.key === `${platform}:chat:${chat}`) ?? { key: `${platform}:chat:${chat}`, intervalMs: 0, toleranceMs: 0 };
}

export interface Reservation {
  /** How long to wait before sending. */
  waitMs: number;
  /** False when the wait was longer than asked for: nothing was taken, come back later. */
  reserved: boolean;
}

export interface SendBudget {
  /**
   * Takes the next slot for one send to `chat` if it comes within `maxWaitMs`: the caller
   * sleeps `waitMs`, then sends. Handing out future slots (instead of refusing until the
   * slot is free) lets each sender ask once per message, however many senders wait.
   */
  reserve(platform: Platform, chat: string, chatClass: ChatClass, maxWaitMs: number): Promise<Reservation>;
  /** The platform said to leave this chat alone for `ms` (a 429). */
  hold(platform: Platform, chat: string, ms: number): Promise<void>;
  close?(): Promise<void>;
}

/** GCRA over a map of arrival times, with slots handed out ahead: the same arithmetic as the Redis script. */
export function gcra(tats: Map<string, number>, limits: Limit[], now: number, maxWaitMs: number): Reservation {
  let wait = 0;
  for (const l of limits) wait = Math.max(wait, (tats.get(l.key) ?? 0) - l.toleranceMs - now);
  if (wait > maxWaitMs) return { waitMs: Math.ceil(wait), reserved: false };
  for (const l of limits) tats.set(l.key, Math.max(tats.get(l.key) ?? 0, now + wait) + l.intervalMs);
  return { waitMs: Math.ceil(wait), reserved: true };
}

export class MemorySendBudget implements SendBudget {
  readonly #tats = new Map<string, number>();
  constructor(
    private readonly limits: BudgetLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(platform: Platform, chat: string, chatClass: ChatClass, maxWaitMs: number): Promise<Reservation> {
    const now = this.now();
    if (this.#tats.size > 100_000) for (const [k, t] of this.#tats) if (t < now) this.#tats.delete(k); // forget idle chats
    return gcra(this.#tats, limitsFor(this.limits, platform, chat, chatClass), now, maxWaitMs);
  }

  async hold(platform: Platform, chat: string, ms: number): Promise<void> {
    const { key, toleranceMs } = chatLimit(this.limits, platform, chat);
    this.#tats.set(key, Math.max(this.#tats.get(key) ?? 0, this.now() + ms + toleranceMs));
  }
}
