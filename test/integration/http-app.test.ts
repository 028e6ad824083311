// The Hono app in-process: health, readiness and error answers.
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app.ts';
import { recordingLogger } from '../support/logger.ts';

describe('http app', () => {
  it('answers /healthz while the process lives', async () => {
    const app = createHttpApp({ isReady: async () => false, logger: recordingLogger().logger });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the database answers, 503 when it does not', async () => {
    let ready = true;
    const app = createHttpApp({ isReady: async () => ready, logger: recordingLogger().logger });
    expect((await app.request('/readyz')).status).toBe(200);
    ready = false;
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
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
