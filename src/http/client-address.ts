// Who a request came from, for per-client limits: the TCP peer's address, an IPv6 one by its
// /64 (one host can hold a whole /64 and rotate through it). Behind a reverse proxy that is the
// proxy's address: the limits then hold for all its clients together.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** The key a client's limits are counted under. */
export function clientKey(c: Context): string {
  return clientKeyOf(clientAddress(c));
}

/** An address as its limits' key: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its /64. */
export function clientKeyOf(address: string | undefined): string {
  if (!address) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address;
  // Expand "::" and keep the first four groups: the /64. A zone ("%eth0") is in the last group.
  const [head = '', tail = ''] = address.split('::');
  const before = head.split(':').filter(Boolean);
  const after = tail.split(':').filter(Boolean);
  const groups = address.includes('::') ? [...before, ...Array<string>(Math.max(0, 8 - before.length - after.length)).fill('0'), ...after] : before;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
