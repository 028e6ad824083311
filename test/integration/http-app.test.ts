// The Hono app in-process: health, readiness and error answers.
import { describe, expect, it } from 'vitest';
import { PlatformHealth } from '../../src/core/status/platform-health.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { recordingLogger } from '../support/logger.ts';

describe('http app', () => {
  it('answers /healthz while the process lives', async () => {
    const app = createHttpApp({ isReady: async () => false, logger: recordingLogger().logger });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the database answers, 503 when it does not, and says how each platform stands', async () => {
    let ready = true;
    const health = new PlatformHealth(() => new Date('2026-12-01T10:00:00Z'));
    health.set('discord', 'up');
    const app = createHttpApp({ isReady: async () => ready, platforms: () => health.snapshot(), logger: recordingLogger().logger });
    const fine = await app.request('/readyz');
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ status: 'ready', database: 'up', platforms: { discord: { state: 'up', since: '2026-12-01T10:00:00.000Z' } } });
    // A platform that is down makes Herald degraded, not unready, and says why.
    health.set('telegram', 'down', 'Telegram unreachable: connect ECONNREFUSED 127.0.0.1:9');
    const degraded = await app.request('/readyz');
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'degraded',
      platforms: { telegram: { state: 'down', reason: 'Telegram unreachable: connect ECONNREFUSED 127.0.0.1:9' } },
    });
    ready = false;
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not ready', database: 'down', reason: 'database unreachable' });
  });

  it('answers unknown routes 404 and failures 500 in JSON without a stack', async () => {
    const { logger, lines } = recordingLogger();
    const app = createHttpApp({
      isReady: async () => {
        throw new Error('boom at /secret/path.ts:12');
      },
      logger,
    });
    expect((await app.request('/nope')).status).toBe(404);
    const res = await app.request('/readyz');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error', requestId: res.headers.get('x-request-id') });
    expect(body).not.toContain('boom');
    expect(lines.some((l) => l.level === 'error' && l.message === 'request failed')).toBe(true);
  });
});
