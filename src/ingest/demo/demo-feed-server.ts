// Serves the demo feeds on loopback, on a port of its own: Herald ingests them through its
// ordinary fetcher and pipeline, so the whole path (fetch, parse, cluster, break, deliver)
// runs offline. Also answers the stories' links with a short page, so a click leads somewhere,
// and their pictures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoFeed, demoStoryPage } from './demo-feed.ts';
import { demoImage } from './demo-image.ts';
import { demoCatalog, loadDemoNews, type DemoNews } from './demo-news.ts';
import type { Catalog } from '../../core/catalog/catalog.ts';

export interface DemoFeeds {
  origin: string;
  catalog: Catalog;
  news: DemoNews;
  close(): Promise<void>;
}

export async function startDemoFeeds(options: { host?: string; port?: number; start?: Date } = {}): Promise<DemoFeeds> {
  const news = await loadDemoNews();
  const start = options.start ?? new Date();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    const feed = /^\/feeds\/([a-z0-9-]+)\.xml$/.exec(path);
    if (req.method === 'GET' && feed) {
      const body = demoFeed(news, origin, feed[1]!, start, new Date());
      if (body !== null) {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'no-cache' });
        return void res.end(body);
      }
    }
    const image = /^\/images\/(\d+)\/([a-z0-9-]+)\.svg$/.exec(path);
    const svg = image ? demoImage(news, Number(image[1]), image[2]) : null;
    if (req.method === 'GET' && svg) {
      res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'max-age=3600' });
      return void res.end(svg);
    }
    const story = /^\/stories\/(\d+)\/([a-z0-9-]+)$/.exec(path);
    const page = story ? demoStoryPage(news, Number(story[1]), story[2]!) : null;
    if (req.method === 'GET' && page !== null) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(page);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    origin,
    news,
    catalog: demoCatalog(news, origin),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
