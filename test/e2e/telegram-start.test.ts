// `herald start` with a Telegram token, against the fake Bot API: long polling without a
// public URL; setWebhook and the webhook route with one.
import { afterEach, describe, expect, it } from 'vitest';
import { startHeraldProcess } from '../support/herald-process.ts';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor(api: FakeTelegramApi, pick: (c: ApiCall) => boolean): Promise<ApiCall> {
  for (let i = 0; i < 200; i++) {
    const found = api.calls.find(pick);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
const update = (chatId: number, text: string) => ({
  message: {
    message_id: 1,
    date: 0,
    chat: { id: chatId, type: 'private' },
    from: { id: chatId, is_bot: false, first_name: 'U' },
    text,
    entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
  },
});

describe('herald start with Telegram', () => {
  it('polls when there is no public URL, registers its commands, and answers', async () => {
    const api = await new FakeTelegramApi().start();
    cleanups.push(() => api.stop());
    await startHeraldProcess(cleanups, { TELEGRAM_BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: api.apiRoot });
    await waitFor(api, (c) => c.method === 'setMyCommands');
    await waitFor(api, (c) => c.method === 'deleteWebhook');
    api.pushUpdate(update(701, '/help'));
    const reply = await waitFor(api, (c) => c.method === 'sendMessage' && c.body.chat_id === 701);
    expect(reply.body.text).toMatch(/What I can do/);
  });

  it('sets a webhook with its secret when PUBLIC_URL is set, and answers through the route', async () => {
    const api = await new FakeTelegramApi().start();
    cleanups.push(() => api.stop());
    const { port } = await startHeraldProcess(cleanups, {
      TELEGRAM_BOT_TOKEN: '123:TEST',
      TELEGRAM_API_ROOT: api.apiRoot,
      PUBLIC_URL: 'https://herald.example',
      TELEGRAM_WEBHOOK_SECRET: 'hook-secret',
    });
    const set = await waitFor(api, (c) => c.method === 'setWebhook');
    expect(set.body).toMatchObject({ url: 'https://herald.example/telegram/webhook', secret_token: 'hook-secret' });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(api.nextUpdate(update(702, '/settings'))),
      });
    expect((await post('wrong')).status).toBe(401);
    expect((await post('hook-secret')).status).toBe(200);
    const reply = await waitFor(api, (c) => c.method === 'sendMessage' && c.body.chat_id === 702);
    expect(reply.body.text).toMatch(/Nothing is set here yet/); // a new chat: /settings says so
  });
});
