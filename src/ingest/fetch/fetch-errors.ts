// Why fetching one feed failed, split by cause so the scheduler can react: wait out a 429,
// back off on a 5xx or a timeout, and show the operator a one-line reason.
export type FetchErrorKind = 'http' | 'timeout' | 'too-large' | 'redirects' | 'network' | 'aborted' | 'refused';

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'FetchError';
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** Retry-After is seconds or an HTTP date; returns milliseconds from now, or undefined. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
