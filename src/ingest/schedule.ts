// When to fetch a feed next. On success: the default interval, stretched (within a bound)
// when the feed's <ttl> or Cache-Control asks for less frequent polling, never shortened. On
// failure: exponential backoff from the interval, capped, and never sooner than Retry-After.
// Jitter spreads feeds so a cycle's requests do not all land together next time.
export interface ScheduleOptions {
  intervalMs: number;
  maxIntervalMs: number;
  maxBackoffMs: number;
  /** ±fraction of the delay. */
  jitter: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  intervalMs: 10 * 60_000,
  maxIntervalMs: 60 * 60_000,
  maxBackoffMs: 6 * 60 * 60_000,
  jitter: 0.1,
};

const jittered = (ms: number, o: ScheduleOptions, random: () => number) => Math.round(ms * (1 + (random() * 2 - 1) * o.jitter));

export function nextAfterSuccess(
  now: Date,
  hints: { ttlMinutes?: number | undefined; maxAgeSeconds?: number | undefined },
  o: ScheduleOptions = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
): Date {
  const hint = Math.max((hints.ttlMinutes ?? 0) * 60_000, (hints.maxAgeSeconds ?? 0) * 1000);
  const delay = Math.min(Math.max(o.intervalMs, hint), Math.max(o.maxIntervalMs, o.intervalMs));
  return new Date(now.getTime() + jittered(delay, o, random));
}

export function nextAfterFailure(
  now: Date,
  failures: number,
  retryAfterMs: number | undefined,
  o: ScheduleOptions = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
): Date {
  const backoff = Math.min(o.intervalMs * 2 ** Math.max(0, failures - 1), o.maxBackoffMs);
  const delay = Math.max(jittered(backoff, o, random), Math.min(retryAfterMs ?? 0, o.maxBackoffMs));
  return new Date(now.getTime() + delay);
}
