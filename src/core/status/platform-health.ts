// What this process last saw of each chat platform: connecting, up, or down and why (the
// redacted error). Connections report here as they connect and reconnect, and delivery as
// sends reach the platform or find it unreachable; /readyz and /status show it. Each process
// keeps its own: in a scale-out, a worker's view of a platform is in its own log.
import { systemClock, type Clock } from '../clock.ts';

export type PlatformState = 'connecting' | 'up' | 'down';

export interface PlatformCondition {
  state: PlatformState;
  /** Why it is down (or what it is waiting for). */
  reason?: string;
  since: Date;
}

export class PlatformHealth {
  readonly #conditions = new Map<string, PlatformCondition>();
  constructor(private readonly clock: Clock = systemClock) {}

  set(platform: string, state: PlatformState, reason?: string): void {
    const now = this.#conditions.get(platform);
    if (now && now.state === state && now.reason === reason) return;
    this.#conditions.set(platform, { state, ...(reason !== undefined ? { reason } : {}), since: now?.state === state ? now.since : this.clock() });
  }

  get(platform: string): PlatformCondition | undefined {
    return this.#conditions.get(platform);
  }

  /** Every platform this process uses, by name. */
  snapshot(): Record<string, PlatformCondition> {
    return Object.fromEntries(this.#conditions);
  }
}
