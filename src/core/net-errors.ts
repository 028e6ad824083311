// Whether an error means "no answer came" (the network, not the other side): connection
// refused or reset, a name that does not resolve, a host or network out of reach, a timeout.
// Such a failure says nothing about the request, only that the far end is out of reach now.

const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const NAMES = new Set(['AbortError', 'TimeoutError', 'ConnectTimeoutError']);

export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { code?: unknown; errno?: unknown; name?: unknown; cause?: unknown; type?: unknown };
    if ((typeof e.code === 'string' && CODES.has(e.code)) || (typeof e.errno === 'string' && CODES.has(e.errno))) return true;
    if (typeof e.name === 'string' && NAMES.has(e.name)) return true;
    // node-fetch (under grammY): a FetchError of type "system" or "request-timeout".
    if (e.name === 'FetchError' && (e.type === 'system' || e.type === 'request-timeout')) return true;
    current = e.cause;
  }
  return false;
}
