// What every route sees besides the request: its request id, and a logger that carries it,
// so each log line of a request can be found from the X-Request-Id its caller got back.
import type { Context } from 'hono';
import type { Logger } from '../core/logger.ts';

export type HttpEnv = { Variables: { requestId: string; log: Logger } };

/** The request's logger (with its id), or the given one outside the app (a sub-app tested alone). */
export function requestLog(c: Context, fallback: Logger): Logger {
  return (c.get('log') as Logger | undefined) ?? fallback;
}
