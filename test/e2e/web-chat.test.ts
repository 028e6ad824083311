// The web chat in headless Chromium (Debian's chromium, driven by playwright-core): a newcomer
// runs `herald start` with no token on the demo feeds, opens /try, goes through onboarding to
// a digest on screen, and sees an operator's breaking story arrive; then the same page with
// the script off still works by plain form posts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { FakeTelegramApi } from '../fakes/telegram-api.ts';
import { cleanEnv } from '../support/herald-process.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the test keeps its screenshots (not in git): the Arabic page, to look at. */
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output');
const HOOK_SECRET = 'hook-secret-for-the-web-chat-test';
const herald = join(import.meta.dirname, '..', '..', 'bin', 'herald.js');

let child: ChildProcess;
let dir: string;
let base: string;
let browser: Browser;
let output = '';

// On a machine without Chromium the browser test is skipped, saying why; CI installs Chromium
// and sets HERALD_REQUIRE_BROWSER=1, so there a missing browser fails the run.
const browserMissing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`;
if (browserMissing && process.env.HERALD_REQUIRE_BROWSER === '1') throw new Error(browserMissing);
if (browserMissing) console.warn(`skipped: the web chat in a browser (${browserMissing})`);

describe.skipIf(browserMissing !== undefined)(`web chat at /try${browserMissing ? ` (skipped: ${browserMissing})` : ''}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'herald-try-'));
    // On every address, to see that the trial chat still answers this machine only.
    child = spawn(process.execPath, [herald, 'start'], {
      cwd: dir,
      env: cleanEnv({ PORT: '0', HOST: '0.0.0.0', HERALD_DEMO: '1', HERALD_HOOK_SECRET: HOOK_SECRET, LOG_LEVEL: 'info' }),
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /"port":(\d+),"msg":"http listening"/.exec(output);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`herald exited with ${code}: ${output}`)));
    });
    base = `http://127.0.0.1:${port}`;
    // The demo's first fetch: stories in the database before the newcomer asks for a digest.
    for (let i = 0; i < 200 && !/"msg":"stories updated"/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    if (!/"msg":"stories updated"/.test(output)) throw new Error(`no stories from the demo feeds: ${output}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) await new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a newcomer from onboarding to a digest and shows breaking news as it arrives', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(`${base}/try`);
    // A first visit stores nothing: an intro says how to begin.
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('Press /start');
    await page.getByRole('button', { name: '/start', exact: true }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('Welcome to Herald');

    // Onboarding, by the buttons: country, language (India's are English and Hindi), source,
    // categories, digest time.
    await page.getByRole('button', { name: 'India', exact: true }).last().click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toMatch(/language/i);
    await page.locator('.msg.bot').last().getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toMatch(/source/i);
    await page.locator('.msg.bot').last().getByRole('button', { name: 'Sample Samachar' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toMatch(/categor/i);
    await page
      .locator('.msg.bot')
      .last()
      .getByRole('button', { name: /Business/ })
      .click();
    await page.locator('.msg.bot').last().getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toMatch(/When should the digest arrive/);
    await page.locator('.msg.bot').last().getByRole('button', { name: '07:00' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('All set.');
    // Pressing edits the message in place: one onboarding message, not one per press.
    expect(await page.locator('.msg.bot').count()).toBe(1);

    // Typed commands.
    await page.getByLabel('Message').fill('/setcountry XX');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('.msg.bot.error').last().innerText()).toMatch(/XX/);
    await page.getByRole('button', { name: '/digest now' }).click();
    const digest = page.locator('.msg.bot').last();
    await expect.poll(() => digest.innerText()).toContain('Your digest');
    const text = await digest.innerText();
    // National, India: the reader's source's own report, and where every outlet's report is.
    expect(text).toContain('Mumbai suburban trains halted as monsoon rain floods tracks');
    expect(text).toMatch(/Sample Samachar \+1 more source · .* · all: \/story \d+/);
    expect(text).toContain('Rotterdam container volumes'); // business, chosen during onboarding, from the chosen source
    expect(text).not.toContain('Helioform'); // business, but only from sources not chosen
    expect(text).not.toContain('Sacramento'); // United States: not chosen
    expect(await digest.locator('article.card a').first().getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stories\//);
    // Each story with its picture (the demo's, served on loopback), loaded.
    const picture = digest.locator('article.card img').first();
    expect(await picture.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/images\/\d+\/sample-samachar\.svg$/);
    await expect
      .poll(() =>
        picture.evaluate((i) => {
          const img = i as unknown as { complete: boolean; naturalWidth: number };
          return img.complete ? img.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(0);
    // "Sources (2)" under the story two outlets report opens both reports in place: each
    // outlet's own headline and link, and no new message in the chat.
    const entries = await page.locator('.msg').count();
    const sources = digest.locator('details.sources').first();
    const fallback = await sources.locator('.list a').getAttribute('href');
    expect(fallback).toMatch(/^\/try\/story\/\d+$/);
    await sources.locator('summary', { hasText: 'Sources (2)' }).click();
    await expect.poll(() => sources.locator('li').count()).toBe(2);
    expect(await sources.innerText()).toContain('Reported by 2 outlets');
    const links = await sources.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(new Set(links).size).toBe(2);
    for (const link of links) expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stories\//);
    expect(await sources.innerText()).toMatch(/Sample Samachar · /);
    expect(await page.locator('.msg').count()).toBe(entries);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await digest.screenshot({ path: join(SCREENSHOTS, 'web-chat-digest.png') });
    // Without the script, the link inside opens the same list as a page, with the way back.
    const plain = await page.request.get(`${base}${fallback}`); // with this chat's cookie
    expect(plain.status()).toBe(200);
    const listed = await plain.text();
    for (const link of links) expect(listed).toContain(`href="${link}"`);
    expect(listed).toContain('<a href="/try">‹ Back to the chat</a>');
    // Times on the reader's clock: India's zone and English as written in India, never UTC.
    const cardTimes = await digest.locator('article.card time').allInnerTexts();
    expect(cardTimes.length).toBeGreaterThan(0);
    for (const t of cardTimes) expect(t).toMatch(/ ago$| IST$/);
    // The chat's own clock follows the zone the reader sets.
    await page.getByLabel('Message').fill('/digest timezone Europe/Berlin');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain('Europe/Berlin');
    await page.reload();
    const stamp = page.locator('.msg.bot').last().locator(':scope > time');
    const at = new Date((await stamp.getAttribute('datetime'))!);
    const berlin = new Intl.DateTimeFormat('en-IN', { timeZone: 'Europe/Berlin', hour: 'numeric', minute: '2-digit' }).format(at);
    expect(await stamp.innerText()).toBe(berlin);
    expect(await stamp.getAttribute('title')).toMatch(/(GMT\+[12]|CES?T)$/);

    // An operator's breaking story reaches the open page without a reload.
    const body = JSON.stringify({
      title: 'Demo breaking: dam gates opened on the Krishna',
      url: 'https://example.org/krishna-dam',
      countries: ['IN'],
      categories: ['national'],
      language: 'en',
    });
    const signature = `sha256=${createHmac('sha256', HOOK_SECRET).update(body).digest('hex')}`;
    const pushed = await fetch(`${base}/hooks/breaking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-herald-signature': signature },
      body,
    });
    expect(pushed.status).toBe(202);
    await expect
      .poll(
        () =>
          page
            .locator('.msg.delivery')
            .last()
            .innerText()
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toContain('dam gates opened on the Krishna');
    expect(errors).toEqual([]);

    // A reload shows the same chat (its cookie), history included.
    await page.reload();
    await expect.poll(() => page.locator('.msg.delivery').count()).toBe(1);
    await page.screenshot({ path: join(dir, 'try.png'), fullPage: true });

    // /stop deletes the person's data: the transcript goes with it.
    await page.getByLabel('Message').fill('/stop');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.msg.bot').last().getByRole('button', { name: /yes/i }).click();
    await expect.poll(() => page.locator('.msg').count()).toBe(1);
    await page.reload();
    expect(await page.locator('.msg.delivery').count()).toBe(0);
    expect(await page.locator('.msg').count()).toBe(1);
    await page.close();
  }, 90_000);

  it('takes a reader to Hindi news and to Qatar, both from the demo', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const last = () => page.locator('.msg.bot').last();
    const say = async (text: string) => {
      await page.getByLabel('Message').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
    };
    await page.goto(`${base}/try`);
    await say('/start');
    await expect.poll(() => last().innerText()).toContain('Welcome to Herald');
    await page.getByRole('button', { name: 'India', exact: true }).last().click();
    await last().getByRole('button', { name: 'Hindi', exact: true }).click();
    // The Hindi outlets, by their own names.
    await last().getByRole('button', { name: 'नमूना समाचार (Demo)' }).click();
    await last().getByRole('button', { name: 'Done' }).click();
    await last().getByRole('button', { name: '07:00' }).click();
    await expect.poll(() => last().innerText()).toContain('All set.');
    // A digest asked for until it shows `text`: the demo's feeds may still be coming in.
    const digestShowing = async (text: string) => {
      for (let i = 0; i < 20; i++) {
        const before = await page.locator('.msg.bot').count();
        await say('/digest now');
        await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
        if ((await last().innerText()).includes(text)) return last();
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`no digest showed ${text}: ${await last().innerText()}`);
    };
    // The demo's Hindi story, as the Hindi outlet reports it, with its picture.
    const digest = await digestShowing('पटना में गंगा पर 9.8 किलोमीटर लंबा नया पुल खुला');
    const card = digest.locator('article.card', { hasText: 'पटना' }).first();
    const picture = card.locator('img');
    await expect
      .poll(() => picture.evaluate((i) => ((i as unknown as { complete: boolean }).complete ? (i as unknown as { naturalWidth: number }).naturalWidth : 0)))
      .toBeGreaterThan(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await digest.screenshot({ path: join(SCREENSHOTS, 'web-chat-hindi.png') });

    // Qatar, which the old three-country demo refused: now the primary country, India kept.
    await say('/setcountry Qatar');
    await expect.poll(() => last().innerText()).toMatch(/Qatar is now your primary country/);
    expect(await page.locator('.msg.bot.error').count()).toBe(0);
    // Its default outlet is Arabic (Qatar's primary language): an Arabic headline, and India's Hindi one still.
    expect(await (await digestShowing('حملة لزراعة 1.5 مليون شجرة في قطر')).innerText()).toContain('पटना');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('speaks Arabic to an Arabic browser, right to left, with an English headline read in its own direction', async () => {
    const ar = messagesFor('ar');
    const context = await browser.newContext({ locale: 'ar-QA' }); // Accept-Language: ar-QA
    const page = await context.newPage();
    await page.goto(`${base}/try`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('header h1').innerText()).toBe(ar.web.heading);
    await expect.poll(() => page.locator('.msg.bot').last().innerText()).toContain(ar.web.intro.slice(0, 20));
    await page.getByLabel(ar.web.messageLabel).fill('/digest now');
    await page.getByRole('button', { name: ar.web.send }).click();
    const digest = page.locator('.msg.bot').last();
    await expect.poll(() => digest.innerText()).toContain(ar.conversation.digestTitle);
    // The demo's headlines are English: each isolated, so it reads left to right inside the page.
    const headline = digest.locator('article.card a').first();
    expect(await headline.getAttribute('dir')).toBe('auto');
    const direction = (a: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { direction: string } }).getComputedStyle(a).direction;
    expect(await headline.evaluate(direction)).toBe('ltr');
    // Mirrored: the reader's own message sits on the left, Herald's answers on the right.
    const mine = (await page.locator('.msg.user').last().boundingBox())!;
    const answer = (await digest.boundingBox())!;
    expect(mine.x + mine.width).toBeLessThan(answer.x + answer.width - 20);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'try-ar.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('works without the script, by plain form posts', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/try`);
    await page.getByLabel('Message').fill('/settings');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(`${base}/try`);
    expect(await page.locator('.msg.bot').last().innerText()).toMatch(/Nothing is set here yet/); // a new chat: /settings says so
    // Another browser is another chat: none of the first one's messages.
    expect(await page.locator('.msg.delivery').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('answers only this machine unless opened with HERALD_WEB_CHAT=1', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!external) return; // no address but loopback on this machine: nothing to reach it from
    const res = await fetch(`${base.replace('127.0.0.1', external)}/try`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.stringContaining('HERALD_WEB_CHAT=1') });
  });

  it('serves the page with a strict Content-Security-Policy and no CORS', async () => {
    const res = await fetch(`${base}/try`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull(); // a visit makes no chat
    const said = await fetch(`${base}/try/say`, { method: 'POST', body: new URLSearchParams({ text: '/help' }), redirect: 'manual' });
    expect(said.status).toBe(303);
    expect(said.headers.get('set-cookie')).toMatch(/herald_try=[a-f0-9]{32};.*HttpOnly/i);
    // A post without the chat cookie starts no one else's chat and presses nothing.
    expect((await fetch(`${base}/try/press`, { method: 'POST', body: new URLSearchParams({ entry: '1', action: 'ob:c:IN' }) })).status).toBe(400);
  });
});

describe('choosing the demo feeds', () => {
  /** Runs herald start until it has started (and logged `until`, when given), then stops it. */
  const startOnce = async (env: Record<string, string>, until = '"msg":"herald started"'): Promise<string> => {
    const d = mkdtempSync(join(tmpdir(), 'herald-demo-choice-'));
    // A catalog whose only feed cannot be reached (nothing listens on port 9 here).
    const catalogFile = join(d, 'catalog.yaml');
    writeFileSync(
      catalogFile,
      `languages: [{ code: en, name: English }]\ncategories: [{ slug: national, name: National }]\ncountries: [{ code: IN, name: India, primaryLanguage: en }]\nsources:\n  - id: nowhere\n    name: Nowhere\n    homepage: http://127.0.0.1:9/\n    editions: [{ country: IN, languages: [en] }]\n    feeds: [{ url: "http://127.0.0.1:9/feed.xml", language: en, category: national }]\n`,
    );
    const proc = spawn(process.execPath, [herald, 'start'], {
      cwd: d,
      env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', HERALD_CATALOG: catalogFile, LOG_LEVEL: 'info', ...env }),
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('"msg":"herald started"') && out.includes(until)) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`herald exited with ${code}: ${out}`)));
    });
    await new Promise<void>((resolve) => (proc.once('exit', () => resolve()), proc.kill('SIGTERM')));
    rmSync(d, { recursive: true, force: true });
    return out;
  };

  it('runs on the demo feeds when a newcomer has no token and no feed answers', async () => {
    const out = await startOnce({});
    expect(out).toContain('demo feeds on (no catalog feed is reachable');
    expect(out).toContain('web chat on');
  }, 30_000);

  it('keeps the catalog when told to, or when a platform token is set', async () => {
    const off = await startOnce({ HERALD_DEMO: '0' });
    expect(off).not.toContain('demo feeds on');
    expect(off).toContain('web chat on');
    const telegram = await new FakeTelegramApi().start();
    try {
      // Telegram connects in the background, after the start.
      const withToken = await startOnce({ TELEGRAM_BOT_TOKEN: '123:TEST', TELEGRAM_API_ROOT: telegram.apiRoot }, 'telegram on');
      expect(withToken).not.toContain('demo feeds on');
      expect(withToken).not.toContain('web chat on');
      expect(withToken).toContain('telegram on');
    } finally {
      await telegram.stop();
    }
  }, 60_000);
});
