// Redis at start and while running. At start, `reachRedis` answers whether Redis takes a
// PING, so that the caller can wait for it with a clear message instead of hanging on a
// client that retries in silence. While running, ioredis reconnects by itself; `logRedisErrors`
// says so in the log (redacted, once a minute at most) rather than through ioredis's
// "Unhandled error event" on the console.
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.ts';
import { isNetworkError } from '../core/net-errors.ts';
import { shapesOnly } from '../core/redact.ts';

/** Redis cannot be reached now: worth waiting for. */
export class RedisUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnreachable';
  }
}

const where = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'REDIS_URL';
  }
};

export async function reachRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined); // the failed connect rejects below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    if (isNetworkError(error) || /connect|closed|timeout/i.test((error as Error).message))
      throw new RedisUnreachable(`Redis at ${where(url)} cannot be reached: ${shapesOnly.message(error)}`);
    throw error;
  } finally {
    redis.disconnect();
  }
}

/** Logs a client's connection errors, once a minute at most. */
export function logRedisErrors(redis: Redis, logger: Logger, what: string): void {
  let last = 0;
  redis.on('error', (error: unknown) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logger.error({ err: error, what }, `redis connection failed (${what}); reconnecting`);
  });
}
