// Per-client limits count IPv4 addresses as they are and IPv6 ones by their /64, however the
// address is written.
import { describe, expect, it } from 'vitest';
import { clientKeyOf } from '../../src/http/client-address.ts';

describe('clientKeyOf', () => {
  it('keeps IPv4 addresses, mapped into IPv6 or not', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('counts every address of one IPv6 /64 as one client, however it is written', () => {
    const a = clientKeyOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0db8:0001:0002::1')).toBe(a);
    expect(clientKeyOf('2001:DB8:1:2:ffff::')).toBe(a);
    expect(clientKeyOf('2001:db8:1:3::1')).not.toBe(a);
  });

  it('expands a leading or a middle "::"', () => {
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('names a request without an address', () => {
    expect(clientKeyOf(undefined)).toBe('unknown');
  });
});
