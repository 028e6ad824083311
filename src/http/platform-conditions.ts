// How the platforms stand, as /readyz shows them to anyone who asks: the state and why, with
// the reason redacted and without the addresses it may name (an internal API root, a proxy's
// host). The status page, behind the admin token, shows the reasons whole.
import type { Redactor } from '../core/redact.ts';
import type { PlatformCondition } from '../core/status/platform-health.ts';

const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/gi;
// IPv4, bracketed IPv6 ("[fd00::5]:443") and bare IPv6 as Node's errors print it ("fd00::5:443").
const ADDRESSES = /(?:\b\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+(?:%\w+)?\]|(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,8}(?![\w:]))(?::\d+)?/gi;

export function publicConditions(conditions: Record<string, PlatformCondition>, redactor: Redactor): Record<string, PlatformCondition> {
  return Object.fromEntries(
    Object.entries(conditions).map(([name, c]) => [
      name,
      c.reason === undefined ? c : { ...c, reason: redactor.text(c.reason).replace(URLS, '<url>').replace(ADDRESSES, '<address>') },
    ]),
  );
}
