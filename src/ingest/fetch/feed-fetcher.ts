// Fetches one feed politely and defensively: conditional GET (ETag, Last-Modified), gzip,
// deflate and brotli, at most N redirects (and whether they were all permanent), a connect
// and a total timeout, and a cap on the decompressed body so a zip bomb stops early.
import { Agent, request, type Dispatcher } from 'undici';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { FetchError, parseRetryAfter } from './fetch-errors.ts';
import { isPublicUrl, publicOnlyLookup } from './public-address.ts';

export interface FetcherOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Refuse addresses outside the public internet, on every hop (an operator's or a reader's URL). */
  publicOnly?: boolean;
}

/** Redirects followed before a feed counts as broken. */
const MAX_REDIRECTS = 5;

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | { status: 'not-modified'; url: string; permanentUrl: string | undefined }
  | {
      status: 'ok';
      /** Where the body came from, after redirects. */
      url: string;
      /** Set when every redirect was permanent (301/308): the feed's new address. */
      permanentUrl: string | undefined;
      body: Buffer;
      contentType: string | undefined;
      etag: string | undefined;
      lastModified: string | undefined;
      /** Cache-Control max-age, in seconds, when given. */
      maxAgeSeconds: number | undefined;
    };

type Response = Awaited<ReturnType<typeof request>>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class FeedFetcher {
  readonly #options: FetcherOptions;
  readonly #agent: Dispatcher;

  /** Timeouts, size cap and User-Agent come from the configuration (src/config.ts). */
  constructor(options: Omit<FetcherOptions, 'maxRedirects'> & Partial<Pick<FetcherOptions, 'maxRedirects'>>) {
    this.#options = { maxRedirects: MAX_REDIRECTS, ...options };
    this.#agent = new Agent({
      connect: { timeout: this.#options.connectTimeoutMs, ...(this.#options.publicOnly ? { lookup: publicOnlyLookup } : {}) },
      headersTimeout: this.#options.timeoutMs,
      bodyTimeout: this.#options.timeoutMs,
    });
  }

  /** `cancel` aborts the fetch early (shutdown); it then fails as 'aborted'. */
  async fetch(url: string, validators: Validators = {}, cancel?: AbortSignal): Promise<FetchOutcome> {
    // One controller per fetch, told by the timeout and by `cancel`; the listener on the
    // long-lived `cancel` signal is removed afterwards (AbortSignal.any would keep one
    // reference per fetch alive on it).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), this.#options.timeoutMs);
    const onCancel = () => controller.abort(new DOMException('aborted', 'AbortError'));
    if (cancel?.aborted) onCancel();
    cancel?.addEventListener('abort', onCancel, { once: true });
    // undici settles an aborted request only once its DNS lookup returns; racing the abort
    // makes a timeout or a shutdown take effect at once, whatever the request is doing.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(this.#networkError(controller.signal.reason, controller.signal)), { once: true });
    });
    const request = this.#fetch(url, validators, controller.signal);
    request.catch(() => {}); // settled later, or never awaited after an abort
    aborted.catch(() => {});
    try {
      return await Promise.race([request, aborted]);
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    }
  }

  async #fetch(url: string, validators: Validators, signal: AbortSignal): Promise<FetchOutcome> {
    let current = url;
    let allPermanent = true;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      const res = await this.#request(current, validators, signal);
      if (REDIRECTS.has(res.statusCode)) {
        await res.body.dump().catch(() => {});
        const location = header(res.headers, 'location');
        if (!location) throw new FetchError('http', `HTTP ${res.statusCode} without a Location`, { status: res.statusCode });
        if (res.statusCode !== 301 && res.statusCode !== 308) allPermanent = false;
        seen.add(current);
        const next = new URL(location, current).toString();
        if (seen.has(next)) throw new FetchError('redirects', `redirect loop at ${next}`);
        if (hop + 1 > this.#options.maxRedirects) throw new FetchError('redirects', `more than ${this.#options.maxRedirects} redirects`);
        current = next;
        continue;
      }
      const permanentUrl = current !== url && allPermanent ? current : undefined;
      if (res.statusCode === 304) {
        await res.body.dump().catch(() => {});
        return { status: 'not-modified', url: current, permanentUrl };
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump().catch(() => {});
        throw new FetchError('http', `HTTP ${res.statusCode}`, {
          status: res.statusCode,
          retryAfterMs: parseRetryAfter(header(res.headers, 'retry-after'), Date.now()),
        });
      }
      const body = await this.#readBody(res, signal);
      return {
        status: 'ok',
        url: current,
        permanentUrl,
        body,
        contentType: header(res.headers, 'content-type'),
        etag: header(res.headers, 'etag'),
        lastModified: header(res.headers, 'last-modified'),
        maxAgeSeconds: maxAge(header(res.headers, 'cache-control')),
      };
    }
  }

  /**
   * Closes every connection now: requests still in flight were aborted (shutdown) or are
   * done, and Agent.close() would wait for lookups nobody awaits any more.
   */
  close(): Promise<void> {
    return this.#agent.destroy();
  }

  async #request(url: string, validators: Validators, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = {
      'user-agent': this.#options.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    // Names are checked when they resolve (publicOnlyLookup); addresses written as such here.
    if (this.#options.publicOnly && !isPublicUrl(url)) throw new FetchError('refused', `${new URL(url).host} is not a public address`);
    try {
      // undici's request never follows redirects by itself; they are followed above.
      return await request(url, { method: 'GET', headers, signal, dispatcher: this.#agent });
    } catch (error) {
      throw this.#networkError(error, signal);
    }
  }

  async #readBody(res: Response, signal: AbortSignal): Promise<Buffer> {
    const { maxBytes } = this.#options;
    const declared = Number(header(res.headers, 'content-length'));
    const encoding = (header(res.headers, 'content-encoding') ?? '').trim().toLowerCase();
    if (!encoding && declared > maxBytes) {
      res.body.destroy();
      throw new FetchError('too-large', `body larger than ${maxBytes} bytes`);
    }
    const decoder = decoderFor(encoding);
    const stream: Readable = decoder ? res.body.pipe(decoder) : res.body;
    if (decoder) res.body.on('error', (e) => decoder.destroy(e));
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) throw new FetchError('too-large', `body larger than ${maxBytes} bytes`);
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      res.body.destroy();
      decoder?.destroy();
      if (error instanceof FetchError) throw error;
      throw this.#networkError(error, signal);
    }
    return Buffer.concat(chunks);
  }

  #networkError(error: unknown, signal: AbortSignal): FetchError {
    if (error instanceof FetchError) return error;
    const code = (error as { code?: string }).code ?? '';
    if (signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError'))
      return new FetchError('aborted', 'fetch aborted (shutting down)', { cause: error });
    if (signal.aborted || /TIMEOUT/i.test(code) || (error as Error).name === 'TimeoutError')
      return new FetchError('timeout', `timed out after ${this.#options.timeoutMs} ms`, { cause: error });
    if (code === 'Z_DATA_ERROR' || code === 'ERR__ERROR_FORMAT_PADDING_1') return new FetchError('network', 'body could not be decompressed', { cause: error });
    if (code === 'ENOTPUBLIC') return new FetchError('refused', (error as Error).message, { cause: error });
    const reason = code || (error as Error).message;
    return new FetchError('network', `network error: ${reason}`, { cause: error });
  }
}

function decoderFor(encoding: string): Transform | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

function header(headers: Response['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function maxAge(cacheControl: string | undefined): number | undefined {
  const m = /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(cacheControl ?? '');
  return m ? Number(m[1]) : undefined;
}
