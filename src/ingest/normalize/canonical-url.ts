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
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.some((pattern) => pattern.test(name))) url.searchParams.delete(name);
  }
  // URL already lowercases the host and drops default ports; an emptied query leaves "?".
  return url.toString().replace(/\?$/, '');
}
