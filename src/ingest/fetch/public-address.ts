// Whether an address is on the public internet. Addresses that come from outside (a hub a
// feed names, a page an operator asks Herald to look at, a feed a reader suggests) must not
// make Herald reach into its own machine or network: loopback, private, shared (CGNAT),
// link-local, multicast, reserved and unspecified addresses, IPv6 forms that embed one of
// them (mapped, compatible, NAT64, 6to4), and names such as localhost, are refused.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Special-purpose ranges (IANA's IPv4 and IPv6 registries): nothing on them is a public web
// server, and several lead back inside (loopback, private networks, cloud metadata).
// Two lists: a BlockList checks an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d).
const SPECIAL_V4 = new BlockList();
const SPECIAL_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  SPECIAL_V4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  SPECIAL_V6.addSubnet(net, prefix, 'ipv6');

/** An IP address (v4 or v6) outside the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const host = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  if (family === 4) return SPECIAL_V4.check(host, 'ipv4');
  if (family === 6) return SPECIAL_V6.check(host, 'ipv6');
  return false;
}

/** A host name that names this machine or a local network by its form alone. */
export function isLocalName(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || isPrivateAddress(host);
}

/** http(s), and not a loopback, private or link-local address by its form (names are checked again when resolved). */
export function isPublicUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && !isLocalName(url.hostname);
}

/**
 * A DNS lookup for sockets that fails when a name resolves to an address outside the public
 * internet, so a public-looking name that points inside (or is re-pointed there between a
 * check and a connection) is refused at the moment of connecting.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      const e = Object.assign(new Error(`${hostname} resolves to ${refused.address}, which is not a public address`), { code: 'ENOTPUBLIC' });
      return callback(e, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
