// `herald feed discover URL [--allow-private] [--json]`: the feeds a page offers (itself, its
// <link rel="alternate">, common paths), each fetched and parsed, then catalog entries ready
// to paste under an outlet's `feeds:`. Private, loopback and link-local addresses are refused
// (on every redirect too) unless --allow-private: a page's links are someone else's input.
import { stringify } from 'yaml';
import { createFetcher } from '../../app/compose.ts';
import { loadConfig } from '../../config.ts';
import { catalogEntries, discoverFeeds, HOW } from '../../ingest/discover/feed-discovery.ts';
import { isPublicUrl } from '../../ingest/fetch/public-address.ts';
import { UsageError, type Command } from '../command.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

export const feedDiscover: Command = {
  name: 'feed discover',
  summary: 'Find and test the feeds a web page offers, and print catalog entries for them',
  usage: 'URL [--allow-private] [--json]',
  options: { 'allow-private': { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const page = positionals[0];
    if (!page || !/^https?:\/\//i.test(page) || !URL.canParse(page)) throw new UsageError('give the http(s) address of a page or a feed');
    const allowPrivate = values['allow-private'] === true;
    if (!allowPrivate && !isPublicUrl(page)) {
      io.stderr.write(`herald feed discover: ${new URL(page).host} is a private, loopback or link-local address; pass --allow-private to look there\n`);
      return 1;
    }
    const config = loadConfig(io.env);
    const fetcher = createFetcher(config, { publicOnly: !allowPrivate });
    const now = new Date();
    try {
      const found = await discoverFeeds(page, { fetcher, maxBytes: config.ingest.maxBytes, now });
      const entries = catalogEntries(found, now);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ ...found, entries })}\n`);
        return entries.length > 0 ? 0 : 1;
      }
      if (found.pageError) {
        io.stderr.write(`herald feed discover: ${page}: ${found.pageError}\n`);
        return 1;
      }
      const working = found.feeds.filter((f) => f.ok);
      io.stdout.write(
        `${page}: ${working.length} working feed(s)${found.feeds.length > working.length ? `, ${found.feeds.length - working.length} advertised that fail` : ''}\n`,
      );
      for (const f of found.feeds)
        io.stdout.write(
          f.ok
            ? `  ✓ ${f.finalUrl ?? f.url} — ${f.title ?? '(untitled)'}, ${f.format}, ${f.items} items, newest ${day(f.newest!)} (${HOW[f.how]})\n`
            : `  ✗ ${f.url} — ${f.error} (${HOW[f.how]})\n`,
        );
      if (entries.length === 0) {
        io.stdout.write('no working feed found: try the outlet\'s section pages, or its "RSS" page\n');
        return 1;
      }
      io.stdout.write(`\n# catalog entries, to paste under the outlet's feeds: (check each language and category)\n${stringify(entries, { lineWidth: 0 })}`);
      return 0;
    } finally {
      await fetcher.close();
    }
  },
};
