// A farm of feeds for the ingest benchmark, run as its own process so it does not share the
// benchmark's event loop: N feeds built from the well-formed corpus files, each with its own
// guids and links, served from 50 loopback addresses (so per-host limits apply as they would
// across real outlets). 70 % of feeds keep their ETag across rounds and answer 304; the rest
// change content every round. POST /round on any address starts the next round.
// Prints {"hosts":["127.0.0.2:port",…]} on stdout when ready.
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const CORPUS = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'feeds');
const BAD = new Set(['notafeed.html', 'saxerror.xml', 'unrecognized.rss']);
const HOSTS = 50;

const templates = ['rss-parser', 'node-feedparser'].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => !BAD.has(f))
    .map((f) => {
      let bytes = readFileSync(join(CORPUS, dir, f));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      return bytes.toString('latin1'); // byte-preserving; the declared encoding still applies
    }),
);

let round = 0;
const changes = (n: number) => n % 10 >= 7;
const version = (n: number) => (changes(n) ? round : 0);
const cache = new Map<string, Buffer>();

function body(n: number): Buffer {
  const v = version(n);
  const key = `${n}/${v}`;
  let b = cache.get(key);
  if (!b) {
    const tag = `f${n}v${v}`;
    const text = templates[n % templates.length]!.replace(/(<guid[^>]*>\s*(?:<!\[CDATA\[)?)/g, `$1${tag}-`)
      .replace(/(<id>\s*)/g, `$1${tag}-`)
      .replace(/(<link>\s*(?:<!\[CDATA\[)?https?:\/\/|<link[^>]*\bhref=["']https?:\/\/)/g, `$1${tag}.`);
    b = Buffer.from(text, 'latin1');
    cache.set(key, b);
    if (cache.size > 20_000) cache.delete(cache.keys().next().value!);
  }
  return b;
}

const server = (address: string) =>
  new Promise<string>((resolve) => {
    const s = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/round') {
        round++;
        res.end(String(round));
        return;
      }
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      const n = Number(m[1]);
      const etag = `"${n}-${version(n)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { etag, 'content-type': 'application/xml' }).end(body(n));
    });
    s.keepAliveTimeout = 30_000;
    s.listen(0, address, () => resolve(`${address}:${(s.address() as AddressInfo).port}`));
  });

const hosts = await Promise.all(Array.from({ length: HOSTS }, (_, i) => server(`127.0.0.${i + 2}`)));
process.stdout.write(`${JSON.stringify({ hosts, templates: templates.length })}\n`);
