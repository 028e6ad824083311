// Platform send budgets. Each platform states its limits (src/platforms/<name>: Telegram's
// 30 messages/s in all, 1/s per chat, 20/min per group; Discord's 50 requests/s and 5 per 5 s
// per channel). Each limit is a GCRA: a key's
// "theoretical arrival time" advances by the interval with every send, so sends are spaced
// evenly, and slots are handed out ahead, so no send ever goes early. The interval is
// stretched by a small margin, and that margin's slack in each window is shared out: half lets
// a send leave a little late (a sender woken late by a busy machine), half is left for what
// happens after it leaves (the network, a busy receiver), which no sender can see. So no
// sliding window holds more than the limit.
//
// The in-memory budget serves one process; the Redis one (src/queue) applies the same
// arithmetic atomically for every worker together.
import type { Platform } from '../targets/target.ts';
import { systemClock, type Clock } from '../clock.ts';

export interface Limit {
  /** `<platform>:global`, `<platform>:chat:<id>`, `telegram:group:<id>`. */
  key: string;
  /** Milliseconds between sends. */
  intervalMs: number;
  /** How late a send may leave after its slot and still keep every window under the limit. */
  lateMs: number;
}

/** One of a platform's limits: at most `count` sends per `windowMs` under `key`. */
export interface Rate {
  /** `<platform>:global`, `<platform>:chat:<id>` (the chat's own, which a 429 extends), `telegram:group:<id>`. */
  key: string;
  count: number;
  windowMs: number;
}

/** A platform's limits for one send to `chat` (each platform says its own, src/platforms). */
export type PlatformRates = (chat: string, chatClass: ChatClass) => Rate[];

export interface BudgetLimits {
  /** By platform name; a platform without limits (the web chat) sends at once. */
  platforms: Readonly<Record<string, PlatformRates>>;
  /** Spacing is stretched by this factor (1.02: 2 % under the limit). */
  margin: number;
}

/** 2 % under every limit. */
export const DEFAULT_MARGIN = 1.02;

export type ChatClass = 'private' | 'group';

/** The limits one send to `chat` is subject to. */
export function limitsFor(limits: BudgetLimits, platform: Platform, chat: string, chatClass: ChatClass): Limit[] {
  const slack = limits.margin - 1;
  const rates = limits.platforms[platform]?.(chat, chatClass) ?? [];
  return rates.map(({ key, count, windowMs }) => ({ key, intervalMs: (windowMs / count) * limits.margin, lateMs: (slack / 2) * windowMs }));
}

/** The per-chat limit, which a 429's hold extends. */
export function chatLimit(limits: BudgetLimits, platform: Platform, chat: string): Limit {
  const key = `${platform}:chat:${chat}`;
  return limitsFor(limits, platform, chat, 'private').find((l) => l.key === key) ?? { key, intervalMs: 0, lateMs: 0 };
}

export interface Reservation {
  /**
   * How long to wait before sending, from when the answer arrived; below zero when the slot
   * had already begun by then (an answer that was slow to arrive: the sender is that late).
   */
  waitMs: number;
  /** False when the wait was longer than asked for: nothing was taken, come back later. */
  reserved: boolean;
  /** How late after the slot the send may still leave (the tightest of its limits). */
  lateMs: number;
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
function gcra(tats: Map<string, number>, limits: Limit[], now: number, maxWaitMs: number): Reservation {
  let wait = 0;
  for (const l of limits) wait = Math.max(wait, (tats.get(l.key) ?? 0) - now);
  const lateMs = latenessAllowed(limits);
  if (wait > maxWaitMs) return { waitMs: Math.ceil(wait), reserved: false, lateMs };
  for (const l of limits) tats.set(l.key, Math.max(tats.get(l.key) ?? 0, now + wait) + l.intervalMs);
  return { waitMs: Math.ceil(wait), reserved: true, lateMs };
}

/** The lateness every one of a send's limits allows. */
export function latenessAllowed(limits: Limit[]): number {
  return limits.reduce((least, l) => Math.min(least, l.lateMs), Number.POSITIVE_INFINITY);
}

export class MemorySendBudget implements SendBudget {
  readonly #tats = new Map<string, number>();
  constructor(
    private readonly limits: BudgetLimits,
    private readonly clock: Clock = systemClock,
  ) {}

  async reserve(platform: Platform, chat: string, chatClass: ChatClass, maxWaitMs: number): Promise<Reservation> {
    const now = this.clock().getTime();
    if (this.#tats.size > 100_000) for (const [k, t] of this.#tats) if (t < now) this.#tats.delete(k); // forget idle chats
    return gcra(this.#tats, limitsFor(this.limits, platform, chat, chatClass), now, maxWaitMs);
  }

  async hold(platform: Platform, chat: string, ms: number): Promise<void> {
    const { key } = chatLimit(this.limits, platform, chat);
    this.#tats.set(key, Math.max(this.#tats.get(key) ?? 0, this.clock().getTime() + ms));
  }
}
