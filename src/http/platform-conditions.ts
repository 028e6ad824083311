// How the platforms stand, as /readyz shows them to anyone who asks: the state and why, with
// the reason redacted and without the addresses it may name (an internal API root, a proxy's
// host). The status page, behind the admin token, shows the reasons whole.
import type { Redactor } from '../core/redact.ts';
import type { PlatformCondition } from '../core/status/platform-health.ts';

const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/gi;
const ADDRESSES = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\])(?::\d+)?\b/gi;

export function publicConditions(conditions: Record<string, PlatformCondition>, redactor: Redactor): Record<string, PlatformCondition> {
  return Object.fromEntries(
    Object.entries(conditions).map(([name, c]) => [name, c.reason === undefined ? c : { ...c, reason: redactor.text(c.reason).replace(URLS, '<url>').replace(ADDRESSES, '<address>') }]),
  );
}
