// Delivery's gate per platform: while a platform gives no answer, sends wait and one at a
// time probes it, at doubling intervals up to a cap; any answer opens it for all.
import { describe, expect, it } from 'vitest';
import { keepTrying, Stopped } from '../../src/core/connect/keep-trying.ts';
import { PlatformGate } from '../../src/core/delivery/platform-gate.ts';
import { recordingLogger } from '../support/logger.ts';

describe('PlatformGate', () => {
  it('lets one send probe a platform that is down, at doubling intervals, and opens at its answer', () => {
    let now = 0;
    const changes: string[] = [];
    const gate = new PlatformGate({
      minDelayMs: 1000,
      maxDelayMs: 4000,
      clock: () => new Date(now),
      onChange: (p, s, r) => changes.push(`${p} ${s}${r ? `: ${r}` : ''}`),
    });
    expect(gate.admit('telegram')).toBe(0);
    expect(gate.unreachable('telegram', 'ECONNREFUSED')).toBe(1000);
    expect(gate.waiting()).toEqual(['telegram']);
    expect(gate.admit('telegram')).toBe(1000);
    expect(gate.admit('discord')).toBe(0); // other platforms are not held up
    now = 1000;
    expect(gate.waiting()).toEqual([]);
    expect(gate.admit('telegram')).toBe(0); // the probe
    expect(gate.admit('telegram')).toBe(1000); // the others wait for it
    expect(gate.unreachable('telegram', 'ECONNREFUSED')).toBe(2000);
    now = 3000;
    gate.admit('telegram');
    expect(gate.unreachable('telegram', 'ECONNREFUSED')).toBe(4000);
    now = 7000;
    gate.admit('telegram');
    expect(gate.unreachable('telegram', 'ECONNREFUSED')).toBe(4000); // capped
    gate.reached('telegram');
    expect(gate.admit('telegram')).toBe(0);
    expect(changes).toEqual(['telegram down: ECONNREFUSED', 'telegram up']);
  });
});

describe('keepTrying', () => {
  it('tries again with growing waits until it works, saying why each time', async () => {
    const { logger, lines } = recordingLogger();
    let tries = 0;
    const result = await keepTrying(
      async () => {
        if (++tries < 3) throw new Error(`refused ${tries}`);
        return 'connected';
      },
      { what: 'thing', logger, minDelayMs: 10, maxDelayMs: 15, describe: (e) => (e as Error).message },
    );
    expect(result).toBe('connected');
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'thing unreachable: refused 1; trying again in 0 s',
      'thing unreachable: refused 2; trying again in 0 s',
    ]);
    expect(lines.at(-1)!.message).toBe('thing reached');
  });

  it('stops at a fatal error, and when told to stop', async () => {
    const { logger } = recordingLogger();
    await expect(keepTrying(async () => Promise.reject(new Error('bad token')), { what: 'x', logger, describe: String, isFatal: () => true })).rejects.toThrow(
      'bad token',
    );
    const stopping = new AbortController();
    const trying = keepTrying(async () => Promise.reject(new Error('down')), {
      what: 'x',
      logger,
      describe: String,
      signal: stopping.signal,
      minDelayMs: 60_000,
    });
    setTimeout(() => stopping.abort(), 20);
    await expect(trying).rejects.toBeInstanceOf(Stopped);
  });
});
