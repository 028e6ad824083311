// Messengers: the shared contract for the Telegram adapter (real grammY Api client against a
// fake Bot API on loopback) and the recording fake; then what only Telegram does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageRejected, RateLimited, SendFailed, TargetGone, TargetMoved } from '../../src/core/delivery/messenger.ts';
import { TelegramMessenger } from '../../src/bots/telegram/telegram-messenger.ts';
import { escapeHtml, splitText } from '../../src/bots/telegram/telegram-render.ts';
import { messengerContract } from '../contracts/messenger.contract.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { RecordingMessenger } from '../fakes/recording-messenger.ts';

let api: FakeTelegramApi;
beforeAll(async () => {
  api = await new FakeTelegramApi().start();
});
afterAll(() => api.stop());

const telegram = () => TelegramMessenger.create('123:TEST', api.apiRoot);

messengerContract('Telegram', async () => ({
  messenger: telegram(),
  reachable: '777',
  blockNext: () => api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user'),
  rateLimitNext: (seconds) => api.failNext('sendMessage', 429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds }),
}));

messengerContract('recording fake', async () => {
  const fake = new RecordingMessenger();
  return { messenger: fake, reachable: '1', blockNext: (t) => fake.gone.add(t), rateLimitNext: (s) => (fake.rateLimitNext = s * 1000) };
});

describe('TelegramMessenger', () => {
  it('sends HTML with feed text escaped, no link previews, and an inline keyboard', async () => {
    const before = api.sent().length;
    await telegram().send('555', { title: 'A & B', lines: ['<script>alert(1)</script> & co'], buttons: [[{ label: 'Read', action: 'r:1' }]] });
    const [call] = api.sent().slice(before);
    expect(call!.body).toMatchObject({
      chat_id: '555',
      parse_mode: 'HTML',
      text: '<b>A &amp; B</b>\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; co',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: 'Read', callback_data: 'r:1' }]] },
    });
  });

  it('splits long text under 4096 characters at line boundaries, buttons on the last part', async () => {
    const before = api.sent().length;
    const lines = Array.from({ length: 120 }, (_, i) => `${i} ${'x'.repeat(60)}`);
    const sent = await telegram().send('555', { lines, buttons: [[{ label: 'More', action: 'm' }]] });
    const calls = api.sent().slice(before);
    expect(sent.parts).toBe(calls.length);
    expect(calls.length).toBe(2);
    for (const c of calls) expect((c.body.text as string).length).toBeLessThanOrEqual(4096);
    expect((calls.map((c) => c.body.text).join('\n') as string).split('\n')).toEqual(lines);
    expect(calls[0]!.body.reply_markup).toBeUndefined();
    expect(calls[1]!.body.reply_markup).toBeDefined();
  });

  it('holds a chat after a 429 for as long as Telegram said, without asking again', async () => {
    let now = 1_000_000;
    const messenger = new TelegramMessenger(new (await import('grammy')).Api('123:TEST', { apiRoot: api.apiRoot }), () => now);
    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 9', { retry_after: 9 });
    await expect(messenger.send('900', { lines: ['a'] })).rejects.toBeInstanceOf(RateLimited);
    const calls = api.sent().length;
    now += 4000;
    const held = await messenger.send('900', { lines: ['b'] }).catch((e: unknown) => e);
    expect((held as RateLimited).retryAfterMs).toBe(5000);
    expect(api.sent().length).toBe(calls); // Telegram was not asked
    await messenger.send('901', { lines: ['other chat'] }); // other chats are not held
    now += 5000;
    await messenger.send('900', { lines: ['c'] });
    expect(api.sent().at(-1)!.body.chat_id).toBe('900');
  });

  it('moves a migrated group, refuses a bad request, and retries only what can succeed', async () => {
    api.failNext('sendMessage', 400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001234567890 });
    const moved = await telegram().send('-123', { lines: ['x'] }).catch((e: unknown) => e);
    expect(moved).toBeInstanceOf(TargetMoved);
    expect((moved as TargetMoved).newExternalId).toBe('-1001234567890');
    api.failNext('sendMessage', 400, "Bad Request: can't parse entities");
    await expect(telegram().send('1', { lines: ['x'] })).rejects.toBeInstanceOf(MessageRejected);
    api.failNext('sendMessage', 400, 'Bad Request: chat not found');
    await expect(telegram().send('1', { lines: ['x'] })).rejects.toBeInstanceOf(TargetGone);
    api.failNext('sendMessage', 502, 'Bad Gateway');
    await expect(telegram().send('1', { lines: ['x'] })).rejects.toBeInstanceOf(SendFailed);
    await expect(TelegramMessenger.create('123:TEST', 'http://127.0.0.1:9').send('1', { lines: ['x'] })).rejects.toBeInstanceOf(SendFailed);
  });
});

describe('splitText', () => {
  it('never cuts inside an entity, and cuts a single overlong line at a space', () => {
    const line = `${'word '.repeat(900)}${escapeHtml('&')}`;
    const parts = splitText(line, 1000);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p).not.toMatch(/&[a-z]*$/);
    }
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(line.trim().replace(/\s+/g, ' '));
  });
});
