// A scriptable feed server on 127.0.0.1 for ingestion tests: serves test/fixtures/feeds and
// routes a test defines (status, headers, redirects, ETag/Last-Modified, gzip, delays, a
// request that never answers), and records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'feeds');

export interface Route {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Answer 304 when the request's If-None-Match equals this. */
  etag?: string;
  /** Compress the body with Content-Encoding: gzip. */
  gzip?: boolean;
  /** Compress the body with this Content-Encoding instead. */
  encoding?: 'gzip' | 'deflate' | 'br';
  /** Accept the request and never answer. */
  hang?: boolean;
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export class FeedServer {
  readonly requests: RecordedRequest[] = [];
  readonly #routes = new Map<string, Route | ((req: RecordedRequest) => Route)>();
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  readonly #hanging = new Set<ServerResponse>();
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, route: Route | ((req: RecordedRequest) => Route)): string {
    this.#routes.set(path, route);
    return this.url(path);
  }

  /** A corpus file at /corpus/<dir>/<file>, with an ETag. */
  corpus(dir: string, file: string, extra: Route = {}): string {
    const body = readFileSync(join(CORPUS, dir, file));
    return this.route(`/corpus/${dir}/${file}`, { body, etag: `"${dir}-${file}"`, headers: { 'content-type': 'application/xml' }, ...extra });
  }

  hits(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString() };
    this.requests.push(recorded);
    const entry = this.#routes.get(recorded.path.split('?')[0]!);
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const route = typeof entry === 'function' ? entry(recorded) : entry;
    if (route.hang) {
      this.#hanging.add(res);
      return;
    }
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    const headers: Record<string, string> = { ...route.headers };
    if (route.etag) {
      headers.etag = route.etag;
      if (req.headers['if-none-match'] === route.etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    let body = route.body ?? '';
    const encoding = route.encoding ?? (route.gzip ? 'gzip' : undefined);
    if (encoding) {
      body = encoding === 'gzip' ? gzipSync(body) : encoding === 'br' ? brotliCompressSync(body) : deflateSync(body);
      headers['content-encoding'] = encoding;
    }
    res.writeHead(route.status ?? 200, headers).end(body);
  }
}
