// A fake Telegram Bot API on 127.0.0.1: answers the methods Herald uses as Telegram does,
// records every call, and can be told to answer the next call of a method with an error
// (429 with retry_after, 403, 400 with migrate_to_chat_id, 5xx) or "method not found".
// With `limits`, it enforces Telegram's send limits over sliding windows (in all, per chat,
// per group), counting every violation and answering it 429 as Telegram would; with
// `faults`, it answers a share of sends 429 or 5xx at random.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
}

type Answer = { status: number; body: unknown };

export interface ChatMember {
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  can_post_messages?: boolean;
}

export interface SendLimits {
  perSecond: number;
  perChatPerSecond: number;
  perGroupPerMinute: number;
}

class Window {
  readonly #times: number[] = [];
  #head = 0;
  constructor(private readonly spanMs: number) {}
  /** Adds an arrival at `t`; returns how many arrivals the window ending at `t` holds. */
  add(t: number): number {
    this.#times.push(t);
    while (this.#times[this.#head]! <= t - this.spanMs) this.#head++;
    if (this.#head > 4096) {
      this.#times.splice(0, this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }
}

export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  /** Successful sendMessage calls per chat id. */
  readonly delivered = new Map<string, number>();
  readonly violations = { global: 0, chat: 0, group: 0 };
  /** Answers injected by `faults`. */
  readonly injected = { tooMany: 0, serverError: 0 };
  limits: SendLimits | undefined;
  faults: { rate429: number; rate5xx: number; retryAfter: number } | undefined;
  /** Keep only sendMessage bodies' chat ids and first 40 characters in `calls` (for runs of 100,000 sends). */
  lean = false;
  #global = new Window(1000);
  readonly #chats = new Map<string, Window>();
  readonly #groups = new Map<string, Window>();
  readonly #scripted = new Map<string, (Answer & { chat?: string })[]>();
  #messageId = 0;
  #updateId = 0;
  readonly #updates: Record<string, unknown>[] = [];
  #waiting: (() => void) | undefined;
  /** getChatMember answers: `${chatId}/${userId}` → member. Unknown: a plain member. */
  readonly members = new Map<string, ChatMember>();
  /** getChat answers by @username. */
  readonly chats = new Map<string, { id: number; type: string; title: string; username: string }>();
  readonly botId = 42;

  /** Queues an update for getUpdates (long polling); returns its update_id. */
  pushUpdate(update: Record<string, unknown>): number {
    const update_id = ++this.#updateId;
    this.#updates.push({ update_id, ...update });
    this.#waiting?.();
    return update_id;
  }

  /** Makes an update with an id, for webhook tests (not queued). */
  nextUpdate(update: Record<string, unknown>): Record<string, unknown> {
    return { update_id: ++this.#updateId, ...update };
  }
  port = 0;
  readonly #server = createServer(
    (req, res) =>
      void (async () => {
        let raw = '';
        for await (const chunk of req) raw += chunk;
        const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
        if (!m) {
          res.writeHead(404).end();
          return;
        }
        const method = m[2]!;
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        this.calls.push({ method, body: this.lean && method === 'sendMessage' ? { chat_id: body.chat_id, text: String(body.text).slice(0, 40) } : body });
        const answer =
          this.#scripted_(method, body) ??
          this.#tooLong(method, body) ??
          (method === 'sendMessage' ? this.#limited(body) : undefined) ??
          (method === 'getUpdates' ? await this.#poll(body) : this.#answer(method, body));
        if ((method === 'sendMessage' || method === 'sendPhoto') && answer.status === 200)
          this.delivered.set(String(body.chat_id), (this.delivered.get(String(body.chat_id)) ?? 0) + 1);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      })(),
  );

  /** Listens on `port` (a free one when 0). */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next call of `method` (to `chat`, when given) gets this answer instead of the normal one. */
  failNext(method: string, status: number, description: string, parameters?: Record<string, unknown>, chat?: string): void {
    const list = this.#scripted.get(method) ?? [];
    list.push({ status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) }, ...(chat ? { chat } : {}) });
    this.#scripted.set(method, list);
  }

  sent(method = 'sendMessage'): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async stop(): Promise<void> {
    this.#waiting?.();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #scripted_(method: string, body: Record<string, unknown>): Answer | undefined {
    const list = this.#scripted.get(method);
    const at = list?.findIndex((a) => a.chat === undefined || a.chat === String(body.chat_id)) ?? -1;
    return at >= 0 ? list!.splice(at, 1)[0] : undefined;
  }

  /** Telegram refuses a text over 4096 characters (a caption over 1024), as it does. */
  #tooLong(method: string, body: Record<string, unknown>): Answer | undefined {
    const text = method === 'sendMessage' || method === 'editMessageText' ? body.text : undefined;
    if (typeof text === 'string' && [...text].length > 4096)
      return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message is too long' } };
    if (
      method === 'sendPhoto' &&
      typeof body.caption === 'string' &&
      [...body.caption.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, '_')].length > 1024
    )
      return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message caption is too long' } };
    if (method === 'answerCallbackQuery' && typeof body.text === 'string' && body.text.length > 200)
      return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: MESSAGE_TOO_LONG' } };
    return undefined;
  }

  /** The limits and injected faults, for sendMessage; undefined when it may go through. */
  #limited(body: Record<string, unknown>): Answer | undefined {
    const tooMany = (retryAfter: number): Answer => ({
      status: 429,
      body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
    });
    const chat = String(body.chat_id);
    if (this.limits) {
      const t = performance.now();
      const window = (map: Map<string, Window>, span: number) => map.get(chat) ?? map.set(chat, new Window(span)).get(chat)!;
      const global = this.#global.add(t) > this.limits.perSecond;
      const perChat = window(this.#chats, 1000).add(t) > this.limits.perChatPerSecond;
      const perGroup = chat.startsWith('-') && window(this.#groups, 60_000).add(t) > this.limits.perGroupPerMinute;
      if (global) this.violations.global++;
      if (perChat) this.violations.chat++;
      if (perGroup) this.violations.group++;
      if (global || perChat || perGroup) return tooMany(1);
    }
    if (this.faults) {
      const r = Math.random();
      if (r < this.faults.rate429) {
        this.injected.tooMany++;
        return tooMany(this.faults.retryAfter);
      }
      if (r < this.faults.rate429 + this.faults.rate5xx) {
        this.injected.serverError++;
        return { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } };
      }
    }
    return undefined;
  }

  /** getUpdates: what is queued after `offset`, or wait up to `timeout` seconds for it. */
  async #poll(body: Record<string, unknown>): Promise<Answer> {
    const offset = Number(body.offset ?? 0);
    const pending = () => this.#updates.filter((u) => (u.update_id as number) >= offset);
    if (pending().length === 0 && Number(body.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(Number(body.timeout) * 1000, 2000));
        this.#waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#waiting = undefined;
    }
    return { status: 200, body: { ok: true, result: pending() } };
  }

  #answer(method: string, body: Record<string, unknown>): Answer {
    const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
    switch (method) {
      case 'getMe':
        return ok({ id: 42, is_bot: true, first_name: 'Herald', username: 'herald_test_bot' });
      case 'sendMessage':
        return ok({ message_id: ++this.#messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text });
      case 'sendPhoto':
        return ok({
          message_id: ++this.#messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: 'private' },
          photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 640, height: 360 }],
          caption: body.caption,
        });
      case 'editMessageCaption':
        return ok({
          message_id: Number(body.message_id),
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: 'private' },
          photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 640, height: 360 }],
          caption: body.caption,
        });
      case 'editMessageText':
        return ok({
          message_id: Number(body.message_id),
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: 'private' },
          text: body.text,
        });
      case 'getChatMember': {
        const member = this.members.get(`${body.chat_id}/${body.user_id}`) ?? { status: 'member' };
        return ok({ user: { id: Number(body.user_id), is_bot: false, first_name: 'U' }, ...member });
      }
      case 'getChat': {
        const chat = this.chats.get(String(body.chat_id));
        return chat ? ok(chat) : { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } };
      }
      case 'setMyCommands':
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
        return ok(true);
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    }
  }
}
