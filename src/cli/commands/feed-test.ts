// `herald feed test URL [--json]`: fetches and parses one feed without storing anything, and
// prints what Herald would take from it. A bad feed exits 1 with a one-line reason.
import { loadConfig } from '../../config.ts';
import { createFetcher } from '../../app/compose.ts';
import { processFeed } from '../../ingest/parse/feed-processor.ts';
import { describe } from '../../ingest/ingester.ts';
import { UsageError, type Command } from '../command.ts';

export const feedTest: Command = {
  name: 'feed test',
  summary: 'Fetch and parse one feed URL without storing it',
  usage: 'URL [--json]',
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const url = positionals[0];
    if (!url || !/^https?:\/\//.test(url)) throw new UsageError('give the http(s) URL of a feed');
    const config = loadConfig(io.env);
    const fetcher = createFetcher(config);
    try {
      const res = await fetcher.fetch(url);
      if (res.status !== 'ok') throw new Error('unexpected 304 without validators');
      const { meta: feed, items: normalized } = await processFeed({
        body: res.body,
        contentType: res.contentType,
        baseUrl: res.url,
        maxBytes: config.ingest.maxBytes,
        now: new Date(),
      });
      const items = normalized.map((i) => ({ title: i.title, link: i.url, published: i.publishedAt.toISOString(), guid: i.guid }));
      const report = { url: res.url, title: feed.title ?? null, format: feed.format, itemCount: items.length, hub: feed.hubUrl ?? null, items };
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        io.stdout.write(`${report.title ?? '(untitled)'} — ${report.format}, ${report.itemCount} items${report.url !== url ? ` (from ${report.url})` : ''}\n`);
        for (const i of items) io.stdout.write(`  ${i.published}  ${i.title}\n    ${i.link}${i.guid && i.guid !== i.link ? `  [guid ${i.guid}]` : ''}\n`);
      }
      return 0;
    } catch (error) {
      io.stderr.write(`herald feed test: ${url}: ${describe(error)}\n`);
      return 1;
    } finally {
      await fetcher.close();
    }
  },
};
