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

export class FakeTelegramApi {
  readonly calls: ApiCall[] = [];
  readonly #scripted = new Map<string, Answer[]>();
  #messageId = 0;
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
    const answer = this.#scripted.get(method)?.shift() ?? this.#answer(method, body);
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
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(method: string, body: Record<string, unknown>): Answer {
    const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
    switch (method) {
      case 'getMe':
        return ok({ id: 42, is_bot: true, first_name: 'Herald', username: 'herald_test_bot' });
      case 'sendMessage':
        return ok({ message_id: ++this.#messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text });
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
