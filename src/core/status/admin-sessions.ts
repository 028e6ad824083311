// Operators' sessions on the status page: a random token in an HttpOnly cookie, valid until
// it expires or its operator signs out. Only a hash of the token is stored, bound to the admin
// token too, so a session cannot be read back from the database, and changing
// HERALD_ADMIN_TOKEN ends every session at once.

export interface AdminSessionRepository {
  create(id: string, expiresAt: Date): Promise<void>;
  /** True when a session with this id exists and has not expired at `now`. */
  valid(id: string, now: Date): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** Forgets sessions expired before `now`; returns how many. */
  prune(now: Date): Promise<number>;
}
