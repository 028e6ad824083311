// Constant-time secret checks for every route that takes one (webhook secrets, the admin
// token): the time a comparison takes says nothing about how much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';

export function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes the comparison independent of the lengths too.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The token of an `Authorization: Bearer <token>` header, or ''. */
export function bearerToken(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1] ?? '';
}
