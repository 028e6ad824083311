// Delivery's view of each platform: reachable, or unreachable since a send got no answer at
// all. While a platform is unreachable its rows wait (pending, no attempt counted) instead of
// each burning attempts on a platform that is down: one send at a time probes it, at growing
// intervals (capped), and the first answer of any kind opens the gate for all.
import type { Platform } from '../targets/target.ts';
import { systemClock, type Clock } from '../clock.ts';

interface Down {
  reason: string;
  delayMs: number;
  /** The next probe may go at this time; until then every send waits. */
  until: number;
}

export interface PlatformGateOptions {
  minDelayMs: number;
  maxDelayMs: number;
  clock?: Clock;
  /** Told when a platform turns unreachable (with why) or answers again. */
  onChange?: (platform: Platform, state: 'up' | 'down', reason?: string) => void;
}

export class PlatformGate {
  readonly #down = new Map<Platform, Down>();
  readonly #clock: Clock;
  constructor(private readonly options: PlatformGateOptions = { minDelayMs: 1000, maxDelayMs: 60_000 }) {
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * How long a send to this platform must wait: 0 to go now. While the platform is down, one
   * caller at a time gets 0 (it probes); everyone else waits for the probe's next turn.
   */
  admit(platform: Platform): number {
    const down = this.#down.get(platform);
    if (!down) return 0;
    const now = this.#clock().getTime();
    if (now < down.until) return down.until - now;
    down.until = now + down.delayMs; // this caller probes; the others wait a turn
    return 0;
  }

  /** The platform answered (with a message id, a refusal, a 429: any answer). */
  reached(platform: Platform): void {
    if (!this.#down.delete(platform)) return;
    this.options.onChange?.(platform, 'up');
  }

  /** A send got no answer: the platform waits; returns how long before the next probe. */
  unreachable(platform: Platform, reason: string): number {
    const previous = this.#down.get(platform);
    const delayMs = previous ? Math.min(this.options.maxDelayMs, previous.delayMs * 2) : this.options.minDelayMs;
    this.#down.set(platform, { reason, delayMs, until: this.#clock().getTime() + delayMs });
    if (!previous || previous.reason !== reason) this.options.onChange?.(platform, 'down', reason);
    return delayMs;
  }

  /** Platforms whose rows cannot go now: claims leave them out. */
  waiting(): Platform[] {
    const now = this.#clock().getTime();
    return [...this.#down].filter(([, d]) => now < d.until).map(([p]) => p);
  }
}
