// The canonical form of an article URL, used both as its identity (the same article from two
// feeds is one item) and as the link people receive: absolute, http(s), lowercase host, no
// default port, no fragment, no tracking parameters.
const TRACKING = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|wt_mc|wt_zmc|wt_zz)$/i,
  /^(ocid|cmpid|cmp|smid|smtyp|ito|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|at_medium|at_campaign|at_custom\d*)$/i,
  /^(ref|ref_src|referrer|source|rss|feed|via|__twitter_impression)$/i,
];

export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  // Filter the raw pairs, so what stays keeps its own encoding ("%20" stays "%20", a bare
  // "?123" stays bare): the same link with or without trackers must come out the same.
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => {
        if (pair === '') return false;
        const name = pair.split('=')[0]!;
        let decoded = name;
        try {
          decoded = decodeURIComponent(name.replace(/\+/g, ' '));
        } catch {
          // not percent-encoded properly: judge it as written
        }
        return !TRACKING.some((pattern) => pattern.test(decoded));
      });
    url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  }
  // URL already lowercases the host and drops default ports.
  return url.toString();
}
