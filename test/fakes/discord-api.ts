// A fake Discord on 127.0.0.1: the REST routes Herald uses (messages, interaction callbacks
// and webhook edits, threads opened from messages, command registration, channels, guilds,
// members, gateway discovery) and
// a gateway WebSocket that says HELLO, answers IDENTIFY with READY and can dispatch events.
// It records every REST call and can be told to answer the next call of a route with 429
// (Retry-After header and JSON body, as Discord does), 403, 404 or 5xx. With `limits`, it
// counts every message post over the global or per-channel limit.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RestCall {
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  body: Record<string, unknown> | undefined;
  headers: IncomingMessage['headers'];
}

type Failure = { status: 429; retryAfter: number; global?: boolean } | { status: 403 | 404 | 400 | 500 | 502; code?: number; message?: string };

export interface FakeChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  parent_id?: string;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

export interface FakeGuild {
  id: string;
  owner_id: string;
  roles: { id: string; permissions: string; name: string }[];
}

/** Arrivals within a sliding window. */
class Window {
  readonly #times: number[] = [];
  constructor(private readonly spanMs: number) {}
  add(t: number): number {
    this.#times.push(t);
    while (this.#times[0]! <= t - this.spanMs) this.#times.shift();
    return this.#times.length;
  }
}

/** Over Discord's message limits: the body itself, or an interaction response's data. */
function tooLong(body: Record<string, unknown>): boolean {
  const message = (body.data && typeof body.data === 'object' ? body.data : body) as {
    content?: unknown;
    embeds?: { title?: string; description?: string; footer?: { text?: string } }[];
  };
  if (typeof message.content === 'string' && [...message.content].length > 2000) return true;
  const embeds = Array.isArray(message.embeds) ? message.embeds : [];
  const text = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0), 0);
  return embeds.length > 10 || text > 6000 || embeds.some((e) => (e.title?.length ?? 0) > 256 || (e.description?.length ?? 0) > 4096);
}

export class FakeDiscordApi {
  readonly calls: RestCall[] = [];
  /** With limits, message posts over them are counted and answered 429 (as Discord would). */
  limits: { perSecond: number; perChannelPer5s: number } | undefined;
  readonly violations = { global: 0, channel: 0 };
  readonly #global = new Window(1000);
  readonly #channels = new Map<string, Window>();
  readonly applicationId = '900000000000000001';
  /**
   * Threads opened from messages (a thread has its starter message's id), by id, with their
   * names. Posting into a message's id that has no thread fails as Discord's does: Unknown Channel.
   */
  readonly threads = new Map<string, { channel: string; name: string }>();
  readonly #messageIds = new Set<string>();
  /** Channels by id, for GET /channels/:id; messages to an unknown channel still succeed. */
  readonly channels = new Map<string, FakeChannel>();
  readonly guilds = new Map<string, FakeGuild>();
  /** `${guildId}/${userId}` → role ids. */
  readonly members = new Map<string, string[]>();
  /** Scripted failures by "METHOD path-pattern" (a RegExp source matched against "POST /channels/1/messages"). */
  readonly #failures: { pattern: RegExp; failure: Failure }[] = [];
  /** Per-route headers to announce (X-RateLimit-*), e.g. a bucket with 5 requests. */
  bucket: { limit: number; remaining: number; resetAfter: number } | undefined;
  #messageId = 1_000_000;
  #sockets = new Set<WebSocket>();
  #sequence = 0;
  identified = 0;
  port = 0;

  readonly #server = createServer((req, res) => void this.#handle(req, res));
  readonly #wss = new WebSocketServer({ noServer: true });

  /** Makes the next request matching `route` (e.g. "POST /channels/1/messages") fail. */
  failNext(route: string | RegExp, failure: Failure): void {
    this.#failures.push({ pattern: typeof route === 'string' ? new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : route, failure });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Calls to a route, e.g. callsTo('POST', /\/channels\/1\/messages/). */
  callsTo(method: string, path: RegExp): RestCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Listens on `port` (a free one when 0). */
  async start(port = 0): Promise<this> {
    this.#server.on('upgrade', (req, socket, head) => this.#wss.handleUpgrade(req, socket, head, (ws) => this.#gateway(ws)));
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every connected client. */
  dispatch(t: string, d: unknown): void {
    for (const ws of this.#sockets) ws.send(JSON.stringify({ op: 0, t, s: ++this.#sequence, d }));
  }

  #gateway(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => this.#sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        this.identified++;
        const user = { id: this.applicationId, username: 'herald', discriminator: '0', bot: true, avatar: null, global_name: null };
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++this.#sequence,
            d: {
              v: 10,
              user,
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              shard: [0, 1],
              application: { id: this.applicationId, flags: 0 },
            },
          }),
        );
      }
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://x');
    // As Discord reads it: @discordjs/rest sends "@me" as "%40me".
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    this.calls.push({ method, path, body, headers: req.headers });
    const key = `${method} ${path}`;
    const failureAt = this.#failures.findIndex((f) => f.pattern.test(key));
    if (failureAt >= 0) {
      const { failure } = this.#failures.splice(failureAt, 1)[0]!;
      if (failure.status === 429) {
        res
          .writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(failure.retryAfter),
            ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
            'x-ratelimit-scope': 'user',
          })
          .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: failure.retryAfter, global: failure.global ?? false }));
        return;
      }
      const defaults: Record<number, [number, string]> = { 403: [50001, 'Missing Access'], 404: [10003, 'Unknown Channel'], 400: [50035, 'Invalid Form Body'] };
      const [code, message] = defaults[failure.status] ?? [0, 'Internal Server Error'];
      res
        .writeHead(failure.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: failure.code ?? code, message: failure.message ?? message }));
      return;
    }
    // Discord refuses a message over its limits (2000 characters of content, 10 embeds, 6000
    // characters of embed text) with 400 Invalid Form Body.
    if ((method === 'POST' || method === 'PATCH') && body && tooLong(body)) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 50035, message: 'Invalid Form Body' }));
      return;
    }
    const posted = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (this.limits && posted && method === 'POST') {
      const t = performance.now();
      const channel = this.#channels.get(posted[1]!) ?? this.#channels.set(posted[1]!, new Window(5000)).get(posted[1]!)!;
      const global = this.#global.add(t) > this.limits.perSecond;
      const perChannel = channel.add(t) > this.limits.perChannelPer5s;
      if (global) this.violations.global++;
      if (perChannel) this.violations.channel++;
      if (global || perChannel) {
        res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' })
          .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1, global }));
        return;
      }
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.bucket) {
      headers['x-ratelimit-limit'] = String(this.bucket.limit);
      headers['x-ratelimit-remaining'] = String(this.bucket.remaining);
      headers['x-ratelimit-reset-after'] = String(this.bucket.resetAfter);
      headers['x-ratelimit-bucket'] = 'fake-bucket';
    }
    const answer = this.#answer(method, path, body);
    if (answer && typeof answer === 'object' && 'status' in answer && 'code' in answer) {
      const { status, code, message } = answer as { status: number; code: number; message: string };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message }));
    } else if (answer === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, message: '404: Not Found' }));
    } else if (answer === null) {
      // Discord answers some calls 204: no body and no JSON content type.
      res.writeHead(204).end();
    } else {
      res.writeHead(200, headers).end(JSON.stringify(answer));
    }
  }

  #answer(method: string, path: string, body: Record<string, unknown> | undefined): unknown {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } };
    }
    if (method === 'GET' && path === '/users/@me') return { id: this.applicationId, username: 'herald', discriminator: '0', bot: true, avatar: null };
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (this.#messageIds.has(m[1]!) && !this.threads.has(m[1]!)) return { status: 404, code: 10003, message: 'Unknown Channel' };
      return this.#message(m[1]!, body);
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      if (!this.#messageIds.has(m[2]!) || this.threads.has(m[2]!))
        return { status: 400, code: 160004, message: 'A thread has already been created for this message' };
      const name = String(body?.['name'] ?? '');
      if (name.length < 1 || name.length > 100) return { status: 400, code: 50035, message: 'Invalid Form Body' };
      this.threads.set(m[2]!, { channel: m[1]!, name });
      return { id: m[2]!, type: 11, parent_id: m[1]!, name };
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') return this.channels.get(m[1]!);
    if ((m = /^\/guilds\/(\d+)$/.exec(path)) && method === 'GET') return this.guilds.get(m[1]!);
    if ((m = /^\/guilds\/(\d+)\/roles$/.exec(path)) && method === 'GET') return this.guilds.get(m[1]!)?.roles;
    if ((m = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path)) && method === 'GET') {
      const roles = this.members.get(`${m[1]}/${m[2]}`);
      return roles ? { roles, user: { id: m[2] }, joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } : undefined;
    }
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === 'POST') return null;
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path) && method === 'PATCH') return this.#message('0', body);
    if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === 'POST') return this.#message('0', body);
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && method === 'PUT') {
      return ((body as unknown as unknown[]) ?? []).map((c, i) => ({
        ...(c as object),
        id: String(800 + i),
        application_id: this.applicationId,
        version: '1',
      }));
    }
    return undefined;
  }

  #message(channelId: string, body: Record<string, unknown> | undefined): unknown {
    const id = String(++this.#messageId);
    this.#messageIds.add(id);
    return {
      id,
      channel_id: channelId,
      content: body?.['content'] ?? '',
      embeds: body?.['embeds'] ?? [],
      components: body?.['components'] ?? [],
      type: 0,
      timestamp: new Date().toISOString(),
    };
  }
}
