// The admin token, checked in constant time: as a bearer token (scripts, Prometheus), or
// through a session the sign-in form starts (a browser). A session is a random token in an
// HttpOnly, SameSite=Strict cookie, new at every sign-in, valid for SESSION_MS or until
// sign-out; the database keeps only a hash of it bound to the admin token
// (core/status/admin-sessions.ts). Every token given, on the form or as a bearer, counts as an
// attempt of its client's (`failures`); a right one is taken back, so only wrong ones add up.
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { WindowedCounter } from '../../core/limits/windowed-counter.ts';
import type { AdminSessionRepository } from '../../core/status/admin-sessions.ts';
import { clientKey } from '../client-address.ts';
import { bearerToken, sameSecret } from '../secrets.ts';
import { systemClock, type Clock } from '../../core/clock.ts';

const ADMIN_COOKIE = 'herald_admin';
const SESSION_MS = 12 * 3600_000;
const COOKIE_PATH = '/status';

const sessionId = (adminToken: string, cookie: string) => createHash('sha256').update(`herald admin session\n${adminToken}\n${cookie}`).digest('hex');
const secure = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export interface AdminAuth {
  adminToken: string;
  /** Wrong tokens per client; one counter for every route that takes the token. */
  failures: WindowedCounter;
  sessions?: AdminSessionRepository;
  clock?: Clock;
}

/** 'admin', 'refused' (no token, a wrong one, no live session), or how long this client must wait. */
export type Admission = 'admin' | 'refused' | { retryAfterMs: number };

/** Checks a token given by the client (the form's, or a bearer's), counting the attempt. */
export function checkToken(c: Context, auth: AdminAuth, token: string): Admission {
  const client = clientKey(c);
  // Counted before the comparison, in the same turn: requests sent together all count.
  const wait = auth.failures.attempt(client);
  if (wait > 0) return { retryAfterMs: wait };
  if (!sameSecret(token, auth.adminToken)) return 'refused';
  auth.failures.forgive(client);
  return 'admin';
}

/** Whether the request carries the admin token, or (unless `cookie` is false) a live session. */
export async function admission(c: Context, auth: AdminAuth, options: { cookie: boolean } = { cookie: true }): Promise<Admission> {
  const bearer = bearerToken(c.req.header('authorization'));
  if (bearer) return checkToken(c, auth, bearer);
  if (!options.cookie || !auth.sessions) return 'refused';
  const cookie = getCookie(c, ADMIN_COOKIE);
  if (!cookie || !/^[0-9a-f]{64}$/.test(cookie)) return 'refused';
  return (await auth.sessions.valid(sessionId(auth.adminToken, cookie), (auth.clock ?? systemClock)())) ? 'admin' : 'refused';
}

/** Starts a new session and sets its cookie. */
export async function startSession(c: Context, auth: AdminAuth & { sessions: AdminSessionRepository }): Promise<void> {
  const now = (auth.clock ?? systemClock)();
  const token = randomBytes(32).toString('hex');
  await auth.sessions.create(sessionId(auth.adminToken, token), new Date(now.getTime() + SESSION_MS));
  await auth.sessions.prune(now); // sessions that ran out are forgotten at the next sign-in
  setCookie(c, ADMIN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: COOKIE_PATH, secure: secure(c), maxAge: SESSION_MS / 1000 });
}

/** Ends the request's session, if it has one, and clears its cookie. */
export async function endSession(c: Context, auth: AdminAuth & { sessions: AdminSessionRepository }): Promise<void> {
  const cookie = getCookie(c, ADMIN_COOKIE);
  if (cookie && /^[0-9a-f]{64}$/.test(cookie)) await auth.sessions.delete(sessionId(auth.adminToken, cookie));
  deleteCookie(c, ADMIN_COOKIE, { path: COOKIE_PATH, secure: secure(c) });
}
