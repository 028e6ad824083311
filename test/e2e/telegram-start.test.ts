// `herald start` with a Telegram token, against the fake Bot API: long polling without a
// public URL; setWebhook and the webhook route with one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramApi, type ApiCall } from '../fakes/telegram-api.ts';

const root = join(import.meta.dirname, '..', '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startHerald(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-tg-'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|PORT|HOST|HERALD_|TELEGRAM_|DISCORD_|PUBLIC_URL)/.test(k)));
  const child = spawn(process.execPath, [join(root, 'bin', 'herald.js'), 'start', '--role', 'web'], { cwd: dir, env: { ...base, PORT: '0', HOST: '127.0.0.1', ...env } });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const m = /"port":(\d+),"msg":"http listening"/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, port };
}

async function waitFor(api: FakeTelegramApi, pick: (c: ApiCall) => boolean): Promise<ApiCall> {
  for (let i = 0; i < 200; i++) {
    const found = api.calls.find(pick);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
const update = (chatId: number, text: string) => ({
  message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'U' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] },
});

describe('herald start with Telegram', () => {
  it('polls when there is no public URL, registers its commands, and answers', async () => {
    const api = await new FakeTelegramApi().start();
    cleanups.push(() => api.stop());
    await startHerald({ TELEGRAM_BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: api.apiRoot });
    await waitFor(api, (c) => c.method === 'setMyCommands');
    await waitFor(api, (c) => c.method === 'deleteWebhook');
    api.pushUpdate(update(701, '/help'));
    const reply = await waitFor(api, (c) => c.method === 'sendMessage' && c.body.chat_id === 701);
    expect(reply.body.text).toMatch(/What I can do/);
  });

  it('sets a webhook with its secret when PUBLIC_URL is set, and answers through the route', async () => {
    const api = await new FakeTelegramApi().start();
    cleanups.push(() => api.stop());
    const { port } = await startHerald({ TELEGRAM_BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: api.apiRoot, PUBLIC_URL: 'https://herald.example', TELEGRAM_WEBHOOK_SECRET: 'hook-secret' });
    const set = await waitFor(api, (c) => c.method === 'setWebhook');
    expect(set.body).toMatchObject({ url: 'https://herald.example/telegram/webhook', secret_token: 'hook-secret' });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(api.nextUpdate(update(702, '/settings'))) });
    expect((await post('wrong')).status).toBe(401);
    expect((await post('hook-secret')).status).toBe(200);
    const reply = await waitFor(api, (c) => c.method === 'sendMessage' && c.body.chat_id === 702);
    expect(reply.body.text).toMatch(/Time zone:/);
  });
});
