// Messengers: the shared contract for the Telegram adapter (real grammY Api client against a
// fake Bot API on loopback), the Discord adapter (real @discordjs/rest client against a fake
// Discord REST API) and the recording fake; then what only each platform does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageRejected, RateLimited, SendFailed, TargetGone, TargetMoved } from '../../src/core/delivery/messenger.ts';
import { TelegramMessenger } from '../../src/platforms/telegram/telegram-messenger.ts';
import { Redactor } from '../../src/core/redact.ts';
import { escapeHtml, splitText } from '../../src/platforms/telegram/telegram-render.ts';
import { messengerContract } from '../contracts/messenger.contract.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { RecordingMessenger } from '../fakes/recording-messenger.ts';
import { FakeDiscordApi } from '../fakes/discord-api.ts';
import { DiscordMessenger } from '../../src/platforms/discord/discord-messenger.ts';
import { LIMITS } from '../../src/platforms/discord/discord-render.ts';
import type { StoryCard } from '../../src/core/message/story-card.ts';

let api: FakeTelegramApi;
let discord: FakeDiscordApi;
beforeAll(async () => {
  api = await new FakeTelegramApi().start();
  discord = await new FakeDiscordApi().start();
});
afterAll(async () => {
  await api.stop();
  await discord.stop();
});

const telegram = () => TelegramMessenger.create('123:TEST', api.apiRoot);

messengerContract('Telegram', async () => ({
  messenger: telegram(),
  reachable: '777',
  blockNext: () => api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user'),
  rateLimitNext: (seconds) => api.failNext('sendMessage', 429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds }),
}));

messengerContract('Discord', async () => ({
  messenger: DiscordMessenger.create('discord-test-token', discord.base),
  reachable: '3001',
  blockNext: (target) => discord.failNext(`POST /channels/${target}/messages`, { status: 403, code: 50007, message: 'Cannot send messages to this user' }),
  rateLimitNext: (seconds) => discord.failNext(/^POST \/channels\/\d+\/messages$/, { status: 429, retryAfter: seconds }),
}));

messengerContract('recording fake', async () => {
  const fake = new RecordingMessenger();
  return { messenger: fake, reachable: '1', blockNext: (t) => fake.gone.add(t), rateLimitNext: (s) => (fake.rateLimitNext = s * 1000) };
});

describe('TelegramMessenger', () => {
  it('sends HTML with feed text escaped, no link previews, and an inline keyboard', async () => {
    const before = api.sent().length;
    await telegram().send('555', {
      title: 'A & B',
      lines: ['<script>alert(1)</script> & co'],
      buttons: [[{ label: 'Read', action: { kind: 'category', category: 'sports' } }]],
    });
    const [call] = api.sent().slice(before);
    expect(call!.body).toMatchObject({
      chat_id: '555',
      parse_mode: 'HTML',
      text: '<b>A &amp; B</b>\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; co',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: 'Read', callback_data: 'cat:t:sports' }]] },
    });
  });

  const story = (over: Partial<StoryCard> = {}): StoryCard => ({
    headline: 'Dam gates <opened> on the Krishna',
    url: 'https://news.example/krishna?a=1&b=2',
    summary: 'Water released downstream after heavy rain. '.repeat(4).trim(),
    outlet: 'The Hindu',
    moreOutlets: 2,
    more: '+2 more sources',
    time: new Date('2026-11-21T06:00:00Z'),
    when: '11:30 am IST',
    storyId: 7,
    coverage: 'all: /story 7',
    ...over,
  });

  it('sends stories as linked headlines with outlets, local time and the summary; digests silent, alerts with their link previewed', async () => {
    const before = api.sent().length;
    await telegram().send('556', { title: 'Breaking', lines: ['fallback'], cards: [story()], preview: 'https://news.example/krishna?a=1&b=2' });
    const [alert] = api.sent().slice(before);
    expect(alert!.body.text).toBe(
      [
        '<b>Breaking</b>',
        '',
        '<a href="https://news.example/krishna?a=1&amp;b=2">Dam gates &lt;opened&gt; on the Krishna</a>',
        'The Hindu +2 more sources · 11:30 am IST',
        story().summary,
        'all: /story 7',
      ].join('\n'),
    );
    expect(alert!.body.link_preview_options).toEqual({ url: 'https://news.example/krishna?a=1&b=2', show_above_text: false });
    expect(alert!.body.disable_notification).toBeUndefined();
    // A digest: sections, no summaries, no preview, no sound.
    await telegram().send('556', {
      title: 'Your daily digest',
      lines: ['fallback'],
      silent: true,
      cards: [
        story({ section: 'National' }),
        story({ section: 'National', headline: 'Second' }),
        story({ section: 'Sports', headline: 'Third', more: undefined, moreOutlets: 0 }),
      ],
    });
    const digest = api.sent().at(-1)!;
    const text = String(digest.body.text);
    expect(text).toMatch(/^<b>Your daily digest<\/b>\n\n<b>National<\/b>\n<a href="[^"]+">Dam gates/);
    expect(text).toContain('\n\n<b>Sports</b>\n<a href="https://news.example/krishna?a=1&amp;b=2">Third</a>\nThe Hindu · 11:30 am IST');
    expect(text).not.toContain('Water released');
    expect(digest.body).toMatchObject({ disable_notification: true, link_preview_options: { is_disabled: true } });
  });

  it('sends a story with an image as a photo with its caption within 1,024 characters, and as text when Telegram refuses the image', async () => {
    const before = api.sent('sendPhoto').length;
    const long = story({ imageUrl: 'https://img.example/krishna.jpg', summary: 'word '.repeat(400).trim() });
    const sent = await telegram().send('557', { title: 'Breaking', lines: ['fallback'], cards: [long], preview: long.url });
    const [photo] = api.sent('sendPhoto').slice(before);
    expect(sent.parts).toBe(1);
    expect(photo!.body).toMatchObject({ chat_id: '557', photo: 'https://img.example/krishna.jpg', parse_mode: 'HTML' });
    const caption = String(photo!.body.caption);
    expect(caption).toMatch(/^<b>Breaking<\/b>\n\n<a href=/);
    expect([...caption.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, '_')].length).toBeLessThanOrEqual(1024);
    expect(caption).toContain('all: /story 7');
    // Refused images: the story still arrives, as text with its link's preview.
    for (const refusal of ['Bad Request: WEBPAGE_CURL_FAILED', 'Bad Request: wrong file identifier/HTTP URL specified', 'Bad Request: IMAGE_PROCESS_FAILED']) {
      api.failNext('sendPhoto', 400, refusal);
      const texts = api.sent().length;
      await telegram().send('557', { title: 'Breaking', lines: ['fallback'], cards: [story({ imageUrl: 'https://img.example/x.jpg' })], preview: long.url });
      const [text] = api.sent().slice(texts);
      expect({ refusal, text: String(text!.body.text) }).toMatchObject({ refusal, text: expect.stringContaining('Dam gates &lt;opened&gt;') });
    }
    api.failNext('sendPhoto', 413, 'Request Entity Too Large');
    await expect(telegram().send('557', { lines: ['x'], cards: [story({ imageUrl: 'https://img.example/huge.jpg' })] })).resolves.toMatchObject({ parts: 1 });
    // Not the image's fault: the usual errors, no text sent instead.
    api.failNext('sendPhoto', 403, 'Forbidden: bot was blocked by the user');
    const texts = api.sent().length;
    await expect(telegram().send('557', { lines: ['x'], cards: [story({ imageUrl: 'https://img.example/y.jpg' })] })).rejects.toBeInstanceOf(TargetGone);
    expect(api.sent().length).toBe(texts);
  });

  it('keeps each part within 100 entities: a story reported by 150 outlets arrives in parts, every link intact', async () => {
    const before = api.sent().length;
    const cards = Array.from({ length: 150 }, (_, i) =>
      // Short lines: 150 links fit in two parts by length, not by entities.
      story({ headline: `R${i}`, url: `https://n.ex/${i}`, outlet: 'X', when: undefined, more: undefined, moreOutlets: 0, coverage: undefined }),
    );
    const sent = await telegram().send('558', { title: 'Reported by 150 outlets', lines: ['fallback'], cards });
    const calls = api.sent().slice(before);
    expect(sent.parts).toBe(calls.length);
    for (const c of calls) expect(String(c.body.text).match(/<(a|b|i)[\s>]/g)!.length).toBeLessThanOrEqual(100);
    const links = calls.flatMap((c) => [...String(c.body.text).matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]));
    expect(links).toEqual(cards.map((c) => c.url));
  });

  it('splits long text under 4096 characters at line boundaries, buttons on the last part', async () => {
    const before = api.sent().length;
    const lines = Array.from({ length: 120 }, (_, i) => `${i} ${'x'.repeat(60)}`);
    const sent = await telegram().send('555', { lines, buttons: [[{ label: 'More', action: { kind: 'stop', confirm: false } }]] });
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
    const messenger = new TelegramMessenger(
      new (await import('grammy')).Api('123:TEST', { apiRoot: api.apiRoot }),
      new Redactor(['123:TEST']),
      () => new Date(now),
    );
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
    const moved = await telegram()
      .send('-123', { lines: ['x'] })
      .catch((e: unknown) => e);
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

describe('DiscordMessenger', () => {
  const messenger = () => DiscordMessenger.create('discord-test-token', discord.base);
  const posts = (channel: string) => discord.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`));
  const card = (i: number, over: Partial<StoryCard> = {}): StoryCard => ({
    headline: `Story ${i}: ${'h'.repeat(40)}`,
    url: `https://news.example/${i}`,
    summary: 's'.repeat(500),
    outlet: 'Reuters',
    moreOutlets: 4,
    more: '+4 more sources',
    time: new Date('2026-11-21T06:00:00Z'),
    category: 'sports',
    section: 'Sports',
    ...over,
  });

  it('sends story cards as embeds: the outlet as author, headline linking to the story, summary, image, time, colour per category', async () => {
    await messenger().send('4001', {
      title: 'Your morning digest',
      lines: ['fallback'],
      cards: [card(1, { imageUrl: 'https://img.example/1.jpg' }), card(2, { category: 'business', moreOutlets: 0, imageUrl: '/relative.jpg' })],
    });
    const [call] = posts('4001');
    expect(call!.headers.authorization).toBe('Bot discord-test-token');
    const body = call!.body as { content: string; embeds: Record<string, unknown>[]; allowed_mentions: unknown };
    expect(body.content).toBe('**Your morning digest**');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]).toMatchObject({
      title: card(1).headline,
      url: 'https://news.example/1',
      description: 's'.repeat(500),
      author: { name: 'Reuters +4 more sources' },
      footer: { text: 'Sports' },
      thumbnail: { url: 'https://img.example/1.jpg' },
      timestamp: '2026-11-21T06:00:00.000Z',
    });
    expect(body.embeds[1]).toMatchObject({ author: { name: 'Reuters' }, footer: { text: 'Sports' } });
    expect(body.embeds[1]).not.toHaveProperty('thumbnail'); // not a web address Discord could fetch
    // A single story (a breaking alert) shows its image large.
    await messenger().send('4001', { title: 'Breaking', lines: ['fallback'], cards: [card(3, { imageUrl: 'https://img.example/3.jpg' })] });
    expect((posts('4001').at(-1)!.body as { embeds: Record<string, unknown>[] }).embeds[0]).toMatchObject({ image: { url: 'https://img.example/3.jpg' } });
    expect(body.embeds[0]!.color).not.toBe(body.embeds[1]!.color);
  });

  it("splits within Discord's limits: 10 embeds and 6000 characters a message, 2000 characters of content", async () => {
    const sent = await messenger().send('4002', {
      title: 'Digest',
      lines: [],
      cards: Array.from({ length: 23 }, (_, i) => card(i)),
      buttons: [[{ label: 'More', action: { kind: 'stop', confirm: false } }]],
    });
    const calls = posts('4002');
    expect(sent.parts).toBe(calls.length);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    let embeds = 0;
    for (const c of calls) {
      const list = (c.body!.embeds as { title: string; description: string; footer: { text: string }; author: { name: string } }[]) ?? [];
      embeds += list.length;
      expect(list.length).toBeLessThanOrEqual(LIMITS.embeds);
      expect(list.reduce((n, e) => n + e.title.length + e.description.length + e.footer.text.length + e.author.name.length, 0)).toBeLessThanOrEqual(
        LIMITS.total,
      );
    }
    expect(embeds).toBe(23);
    expect(calls.at(-1)!.body!.components).toBeDefined();
    expect(calls[0]!.body!.components).toBeUndefined();

    const lines = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(50)}`);
    await messenger().send('4003', { lines });
    const text = posts('4003').map((c) => c.body!.content as string);
    for (const t of text) expect(t.length).toBeLessThanOrEqual(LIMITS.content);
    expect(text.join('\n').split('\n')).toEqual(lines);
  });

  it('opens a thread under an alert that asks for one; a thread refused is a warning, never a second alert', async () => {
    const long = `${'A headline that runs on and on '.repeat(5)}\nwith a line break`;
    const sent = await messenger().send('4101', { title: 'Breaking', lines: ['x'], cards: [card(1)], openThread: long });
    expect(sent.warning).toBeUndefined();
    const thread = discord.threads.get(sent.messageId)!;
    expect(thread.channel).toBe('4101');
    expect(thread.name).toHaveLength(100); // Discord's most, on one line
    expect(thread.name).not.toContain('\n');
    // No permission to create threads: the alert stands, and says why it has none.
    discord.failNext(/^POST \/channels\/4102\/messages\/\d+\/threads$/, { status: 403, code: 50013, message: 'Missing Permissions' });
    const refused = await messenger().send('4102', { title: 'Breaking', lines: ['x'], cards: [card(2)], openThread: 'Ferry capsizes' });
    expect(refused.warning).toBe('no thread opened: Discord 403: Missing Permissions');
    expect(posts('4102')).toHaveLength(1);
    expect(discord.threads.has(refused.messageId)).toBe(false);
  });

  it('resumes a split message after the parts that went out, instead of repeating them', async () => {
    const message = { title: 'Digest', lines: [], cards: Array.from({ length: 23 }, (_, i) => card(i)) };
    let parts = 0;
    // Part 0 goes out; part 1 fails with a 502.
    const beforePart = async () => {
      if (++parts === 1) discord.failNext('POST /channels/4030/messages', { status: 502 });
    };
    const error = await messenger()
      .send('4030', message, { beforePart })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendFailed);
    expect((error as SendFailed).partsSent).toBe(1);
    const [part0] = posts('4030');
    const before = posts('4030').length;
    const sent = await messenger().send('4030', message, { fromPart: 1 });
    const resumed = posts('4030').slice(before);
    expect(resumed.length).toBe(sent.parts - 1);
    const embeds = [part0!, ...resumed].flatMap((c) => (c.body!.embeds as { title: string }[]).map((e) => e.title));
    expect(embeds).toEqual(message.cards.map((c) => c.headline));
  });

  it('delivers a title with @everyone and a role mention without pinging anyone', async () => {
    await messenger().send('4004', {
      lines: ['@everyone <@&123456789012345678> look'],
      cards: [card(1, { headline: '@everyone <@&123456789012345678> quake' })],
      title: '@here news',
    });
    await messenger().send('4005', { lines: ['@everyone <@&123456789012345678> look'] });
    for (const c of [...posts('4004'), ...posts('4005')]) expect(c.body!.allowed_mentions).toEqual({ parse: [] });
  });

  it('turns missing access and unknown channels into TargetGone, a bad request into MessageRejected, 5xx into SendFailed', async () => {
    discord.failNext('POST /channels/4010/messages', { status: 403 });
    await expect(messenger().send('4010', { lines: ['x'] })).rejects.toBeInstanceOf(TargetGone);
    discord.failNext('POST /channels/4011/messages', { status: 404 });
    await expect(messenger().send('4011', { lines: ['x'] })).rejects.toBeInstanceOf(TargetGone);
    discord.failNext('POST /channels/4012/messages', { status: 400 });
    await expect(messenger().send('4012', { lines: ['x'] })).rejects.toBeInstanceOf(MessageRejected);
    discord.failNext('POST /channels/4013/messages', { status: 502 });
    await expect(messenger().send('4013', { lines: ['x'] })).rejects.toBeInstanceOf(SendFailed);
    expect(posts('4013').length).toBe(1); // not retried: a retried POST could post twice
    await expect(DiscordMessenger.create('t', 'http://127.0.0.1:9/api').send('1', { lines: ['x'] })).rejects.toBeInstanceOf(SendFailed);
  });

  it('honours a bucket the headers announce as empty: it reports the wait instead of asking', async () => {
    const m = messenger();
    discord.bucket = { limit: 5, remaining: 0, resetAfter: 30 };
    try {
      // The first answer names the bucket; the second fills the bucket's state (@discordjs/rest keeps state per bucket hash).
      await m.send('4020', { lines: ['first'] });
      await m.send('4020', { lines: ['second'] });
      const before = posts('4020').length;
      const error = await m.send('4020', { lines: ['third'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimited);
      expect((error as RateLimited).retryAfterMs).toBeGreaterThan(25_000);
      expect(posts('4020').length).toBe(before);
    } finally {
      discord.bucket = undefined;
    }
  });
});
