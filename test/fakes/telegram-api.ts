// A fake Telegram Bot API on 127.0.0.1: answers the methods Herald uses as Telegram does,
// records every call, and can be told to answer the next call of a method with an error
// (429 with retry_after, 403, 400 with migrate_to_chat_id, 5xx) or "method not found".
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

export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  readonly #scripted = new Map<string, Answer[]>();
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
  readonly #server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const method = m[2]!;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.calls.push({ method, body });
    const answer = this.#scripted.get(method)?.shift() ?? (method === 'getUpdates' ? await this.#poll(body) : this.#answer(method, body));
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next call of `method` gets this answer instead of the normal one. */
  failNext(method: string, status: number, description: string, parameters?: Record<string, unknown>): void {
    const list = this.#scripted.get(method) ?? [];
    list.push({ status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } });
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
      case 'editMessageText':
        return ok({ message_id: Number(body.message_id), date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text });
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
