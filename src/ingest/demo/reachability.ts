// Whether any feed can be reached at all: a few feeds on distinct hosts are asked at once,
// briefly. Any HTTP answer counts (even a 404: the network works). Used only to choose the
// demo feeds for a newcomer trying Herald offline.
import type { Catalog } from '../../core/catalog/catalog.ts';

export async function anyFeedReachable(catalog: Catalog, options: { hosts?: number; timeoutMs?: number } = {}): Promise<boolean> {
  const byHost = new Map<string, string>();
  for (const feed of catalog.feeds) {
    const host = new URL(feed.url).host;
    if (!byHost.has(host)) byHost.set(host, feed.url);
    if (byHost.size >= (options.hosts ?? 6)) break;
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
  const tries = [...byHost.values()].map(async (url) => {
    const res = await fetch(url, { method: 'HEAD', signal, redirect: 'manual' });
    await res.body?.cancel();
    return true;
  });
  if (tries.length === 0) return false;
  return Promise.any(tries).catch(() => false);
}
