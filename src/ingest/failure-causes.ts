// Feed failures grouped by cause, for a summary a person reads at a glance: "the name does
// not resolve (DNS): 180 feeds" rather than 180 lines. Works on the one-line reasons the
// ingester records (describe()), so stored errors group the same way.

export interface FailureGroup {
  cause: string;
  feeds: string[];
  /** One of the reasons, as recorded. */
  example: string;
}

const CAUSES: [RegExp, string][] = [
  [/ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo/i, 'the name does not resolve (DNS)'],
  [/ECONNREFUSED/i, 'connection refused'],
  [/ECONNRESET|EPIPE|socket hang up|other side closed/i, 'connection reset'],
  [/ENETUNREACH|EHOSTUNREACH/i, 'network unreachable'],
  [/timed out|ETIMEDOUT|TIMEOUT/i, 'timed out'],
  [/certificate|CERT_|SSL|TLS/i, 'TLS certificate refused'],
  [/too many redirects|redirect/i, 'too many redirects'],
  [/larger than/i, 'too large'],
];

/** The cause a failure's reason names: a network condition, an HTTP status, or "not a feed". */
function causeOf(reason: string): string {
  for (const [pattern, cause] of CAUSES) if (pattern.test(reason)) return cause;
  const status = /\bHTTP (\d{3})\b/i.exec(reason);
  if (status) return `HTTP ${status[1]}`;
  if (/network error/i.test(reason)) return 'network error';
  return 'not a feed Herald can read';
}

/** Failures grouped by cause, the largest group first. */
export function groupFailures(failures: { feedId: string; error: string }[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const cause = causeOf(f.error);
    const group = groups.get(cause) ?? { cause, feeds: [], example: f.error };
    group.feeds.push(f.feedId);
    groups.set(cause, group);
  }
  return [...groups.values()].sort((a, b) => b.feeds.length - a.feeds.length || a.cause.localeCompare(b.cause));
}

/** A hint when every feed failed the same way on the network: the machine is likely offline. */
export function offlineHint(feeds: number, groups: FailureGroup[]): string | undefined {
  if (feeds === 0 || groups.length !== 1 || groups[0]!.feeds.length !== feeds) return undefined;
  const { cause } = groups[0]!;
  if (cause === 'the name does not resolve (DNS)')
    return 'every feed failed to resolve: this machine has no DNS or no internet. Try the demo feeds with HERALD_DEMO=1 npm start.';
  if (cause === 'network unreachable' || cause === 'connection refused' || cause === 'timed out')
    return `every feed failed (${cause}): check this machine's network, or a proxy.`;
  return undefined;
}
