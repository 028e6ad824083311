// Tries something that needs a server outside Herald (a platform, the database, Redis) until
// it works, with capped exponential backoff, saying each time why it failed and when it tries
// again. Nothing waits on it but what needs it: Herald serves HTTP meanwhile. Stops when the
// signal aborts (shutdown).
import type { Logger } from '../logger.ts';

export interface KeepTryingOptions {
  /** What is being reached, for the log ("telegram", "database"). */
  what: string;
  logger: Logger;
  signal?: AbortSignal;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Told of every failure (its redacted reason) and when the next try is. */
  onFailure?: (reason: string, retryInMs: number) => void;
  /** An error that another try would only repeat (a refused token): stops with it. */
  isFatal?: (error: unknown) => boolean;
  /** The failure as one line, without secrets. */
  describe: (error: unknown) => string;
}

export class Stopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'Stopped';
  }
}

/** Runs `attempt` until it resolves; throws Stopped when the signal aborts first. */
export async function keepTrying<T>(attempt: () => Promise<T>, options: KeepTryingOptions): Promise<T> {
  const min = options.minDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  for (let delay = min, tries = 1; ; delay = Math.min(max, delay * 2), tries++) {
    if (options.signal?.aborted) throw new Stopped();
    try {
      const result = await attempt();
      if (tries > 1) options.logger.info({ what: options.what, tries }, `${options.what} reached`);
      return result;
    } catch (error) {
      if (options.signal?.aborted) throw new Stopped();
      if (options.isFatal?.(error)) throw error;
      const reason = options.describe(error);
      options.onFailure?.(reason, delay);
      options.logger.warn(
        { what: options.what, reason, tries, retryInMs: delay },
        `${options.what} unreachable: ${reason}; trying again in ${Math.round(delay / 1000)} s`,
      );
      await sleep(delay, options.signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
