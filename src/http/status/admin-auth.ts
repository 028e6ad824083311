// The admin token, checked in constant time: as a bearer token (scripts, Prometheus), or as
// a cookie the sign-in form sets (a browser). The cookie holds an HMAC of the token, not the
// token, and is HttpOnly and SameSite=Strict.
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { bearerToken, sameSecret } from '../secrets.ts';

export const ADMIN_COOKIE = 'herald_admin';

const cookieValue = (token: string) => createHmac('sha256', token).update('herald admin cookie v1').digest('hex');

export function isAdmin(c: Context, token: string, options: { cookie: boolean } = { cookie: true }): boolean {
  const bearer = bearerToken(c.req.header('authorization'));
  if (bearer) return sameSecret(bearer, token);
  if (!options.cookie) return false;
  const cookie = getCookie(c, ADMIN_COOKIE);
  return cookie !== undefined && sameSecret(cookie, cookieValue(token));
}

export function setAdminCookie(c: Context, token: string): void {
  const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  setCookie(c, ADMIN_COOKIE, cookieValue(token), { httpOnly: true, sameSite: 'Strict', path: '/status', secure, maxAge: 7 * 24 * 3600 });
}
