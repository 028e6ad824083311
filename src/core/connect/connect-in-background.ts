// A chat platform's connection, made in the background: Herald never waits for it. The
// attempt is tried with capped backoff (keepTrying) while the platform cannot be reached,
// `health` says how it stands at each step, and a token the platform refuses ends the
// attempts with that reason (another try would only repeat it).
import type { Logger } from '../logger.ts';
import type { PlatformHealth } from '../status/platform-health.ts';
import { keepTrying, Stopped } from './keep-trying.ts';

export interface BackgroundConnection {
  platform: string;
  /** The environment key of the token, for the message when the platform refuses it. */
  tokenKey: string;
  health: PlatformHealth;
  logger: Logger;
  signal: AbortSignal;
  /** The failure as one line, without secrets. */
  describe: (error: unknown) => string;
  /** The platform refused the token. */
  refusedToken: (error: unknown) => boolean;
}

/** Resolves true once connected, false when the token was refused or Herald stopped first. */
export function connectInBackground(attempt: () => Promise<unknown>, c: BackgroundConnection): Promise<boolean> {
  c.health.set(c.platform, 'connecting');
  return keepTrying(attempt, {
    what: c.platform,
    logger: c.logger,
    signal: c.signal,
    maxDelayMs: 60_000,
    describe: c.describe,
    onFailure: (reason) => c.health.set(c.platform, 'down', reason),
    isFatal: c.refusedToken,
  }).then(
    () => (c.health.set(c.platform, 'up'), true),
    (error: unknown) => {
      if (error instanceof Stopped) return false;
      const reason = `the bot token was refused: ${c.describe(error)}`;
      c.health.set(c.platform, 'down', reason);
      c.logger.error({ reason }, `${c.platform} stays off: check ${c.tokenKey}`);
      return false;
    },
  );
}
