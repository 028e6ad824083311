// The address a request came from (the TCP peer), for per-client limits. Behind a reverse
// proxy that is the proxy's address: the limits then hold for all its clients together.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
