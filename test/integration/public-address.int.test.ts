// What an address from outside may reach (feed discovery, suggestions, WebSub hubs): loopback,
// private, shared, link-local and unspecified addresses are refused by their form, and a name is
// refused when it resolves to one, at the moment the fetcher connects (a name that looks public
// but points inside). Real DNS through the machine's resolver (/etc/hosts), real sockets.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FeedFetcher } from '../../src/ingest/fetch/feed-fetcher.ts';
import { isPrivateAddress, isPublicUrl, publicOnlyLookup } from '../../src/ingest/fetch/public-address.ts';
import { FeedServer } from '../fakes/feed-server.ts';

const fetcher = (publicOnly: boolean) => new FeedFetcher({ timeoutMs: 5000, connectTimeoutMs: 5000, maxBytes: 1 << 20, userAgent: 'herald-test', publicOnly });

describe('public addresses', () => {
  it('tells public addresses from the rest by their form', () => {
    for (const ip of [
      ...['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '198.18.0.1', '255.255.255.255'],
      // IPv6, and IPv6 forms that carry an IPv4 address inside: mapped, compatible, NAT64, 6to4.
      ...['::1', '::', 'fd00::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::7f00:1', '64:ff9b::a00:5', '2002:7f00:1::'],
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888']) expect(isPrivateAddress(ip), ip).toBe(false);
    for (const url of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::ffff:7f00:1]/',
      'http://localhost/',
      'http://a.localhost/',
      'http://printer.local/',
      'http://metadata.google.internal/',
      'http://[::1]:8080/',
      'http://192.168.0.1/',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(isPublicUrl(url), url).toBe(false);
    for (const url of ['https://example.com/feed', 'http://news.example.org:8080/rss']) expect(isPublicUrl(url), url).toBe(true);
  });

  it('refuses a name that resolves inside when it is looked up', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
    expect(error?.code).toBe('ENOTPUBLIC');
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/);
  });

  it('lets the fetcher reach loopback only when allowed, and refuses it by address and by name otherwise', async () => {
    const server = await new FeedServer().start();
    server.route('/feed.xml', { body: '<rss version="2.0"><channel><title>t</title></channel></rss>', headers: { 'content-type': 'application/rss+xml' } });
    const open = fetcher(false);
    const guarded = fetcher(true);
    try {
      expect((await open.fetch(server.url('/feed.xml'))).status).toBe('ok');
      await expect(guarded.fetch(server.url('/feed.xml'))).rejects.toMatchObject({ kind: 'refused' });
      // This machine's own name resolves to a loopback address (Debian's /etc/hosts): a name that passes the form check.
      const own = hostname();
      const resolved = await lookup(own).catch(() => undefined);
      if (resolved && isPrivateAddress(resolved.address) && isPublicUrl(`http://${own}/`)) {
        await expect(guarded.fetch(`http://${own}:${server.port}/feed.xml`)).rejects.toMatchObject({
          kind: 'refused',
          message: expect.stringMatching(/is not a public address/),
        });
      }
      expect(server.requests.filter((r) => r.path === '/feed.xml')).toHaveLength(1);
    } finally {
      await Promise.all([open.close(), guarded.close(), server.stop()]);
    }
  });
});
