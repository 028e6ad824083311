// The /try page: the chat so far, server-rendered, a box to type commands in, and a small
// script (no build step) that sends without reloading and shows digests and breaking stories
// as they are delivered. Without the script, every form still works by a plain POST.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { isRightToLeft, type Locale } from '../../core/i18n/locales.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { MAX_TEXT } from './web-chat.ts';

// The page's icon inline (a newspaper), so the browser asks the server for no favicon.
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text y=".9em" font-size="90">📰</text></svg>')}`;
const STYLE = `*{box-sizing:border-box}body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#eef1f5;color:#1d2330}
header{background:#1d4ed8;color:#fff;padding:10px 16px}header h1{font-size:18px;margin:0}header p{margin:2px 0 0;font-size:13px;opacity:.9}
main{max-width:760px;margin:0 auto;padding:12px 12px 150px}
.msg{background:#fff;border-radius:10px;padding:8px 12px;margin:8px 0;max-width:92%;box-shadow:0 1px 1px #0001;position:relative}
.msg.user{background:#dbe8ff;margin-inline-start:auto;max-width:70%;font-family:ui-monospace,monospace}
.msg.delivery{border-inline-start:4px solid #f59e0b}.msg.error{border-inline-start:4px solid #dc2626}
.msg .title{font-weight:600;margin-bottom:4px}.msg>time{display:block;text-align:end;font-size:11px;color:#8a94a6}
.msg h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#556;margin:10px 0 4px}
.card{border:1px solid #e3e7ee;border-radius:8px;padding:6px 10px;margin:6px 0}.card a{font-weight:600;color:#1d4ed8;text-decoration:none}
.card p{margin:4px 0;font-size:14px;color:#333}.card p.note{font-weight:600;color:#92400e}.card small{color:#667}.card img{display:block;max-width:100%;max-height:240px;object-fit:cover;border-radius:6px;margin:4px 0}
details.sources{margin-top:4px;font-size:14px}details.sources summary{cursor:pointer;color:#1d4ed8;font-weight:600;list-style-position:inside}
details.sources ol{margin:4px 0;padding-inline-start:22px}details.sources li{margin:3px 0}details.sources .title{margin:4px 0;font-weight:600;font-size:13px;color:#556}
.buttons .row{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.buttons button,.quick button{border:1px solid #c7d2e4;background:#f7f9fc;border-radius:6px;padding:4px 10px;font:inherit;font-size:14px;cursor:pointer}
.buttons button.selected{background:#1d4ed8;color:#fff;border-color:#1d4ed8}
footer{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #d6dbe4;padding:8px 12px}
footer form{max-width:760px;margin:0 auto;display:flex;gap:8px}footer input{flex:1;font:inherit;padding:8px 10px;border:1px solid #c7d2e4;border-radius:8px}
footer .send{background:#1d4ed8;color:#fff;border:0;border-radius:8px;padding:8px 16px;font:inherit}
.quick{max-width:760px;margin:0 auto 6px;display:flex;gap:6px;flex-wrap:wrap}`;

// Sends forms marked data-ajax with fetch, puts the entries the server rendered in place (a
// pressed message is replaced), and asks for new ones every few seconds.
const SCRIPT = `(() => {
  const chat = document.getElementById('chat');
  let last = Number(chat.dataset.last || 0);
  const put = (entries) => {
    for (const e of entries) {
      const t = document.createElement('template');
      t.innerHTML = e.html.trim();
      const el = t.content.firstElementChild;
      const old = document.getElementById('m-' + e.id);
      document.getElementById('m-0')?.remove(); // the intro gives way to the chat
      if (old) old.replaceWith(el); else chat.appendChild(el);
      if (e.id > last) last = e.id;
    }
    if (entries.length) window.scrollTo(0, document.body.scrollHeight);
  };
  const post = async (form, submitter) => {
    const body = new URLSearchParams(new FormData(form, submitter));
    // form.action would be the button named "action": read the attribute.
    const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const answer = await res.json();
    if (answer.reset) chat.replaceChildren();
    put(answer.entries);
  };
  document.addEventListener('submit', (ev) => {
    const form = ev.target;
    if (!form.hasAttribute('data-ajax')) return;
    ev.preventDefault();
    const input = form.querySelector('input[name=text]');
    post(form, ev.submitter).finally(() => { if (input && !ev.submitter?.value) { input.value = ''; input.focus(); } });
  });
  const poll = async () => {
    try {
      const res = await fetch('/try/entries?after=' + last, { headers: { accept: 'application/json' } });
      if (res.ok) put((await res.json()).entries.filter((e) => e.id > last));
    } catch {}
    setTimeout(poll, 3000);
  };
  setTimeout(poll, 3000);
  // "Sources (N)" opened for the first time: its list, fetched and put under the card.
  document.addEventListener('toggle', async (ev) => {
    const box = ev.target;
    if (!box.matches?.('details.sources') || !box.open || box.dataset.loaded) return;
    box.dataset.loaded = '1';
    try {
      const res = await fetch('/try/story/' + box.dataset.story, { headers: { accept: 'application/json' } });
      const t = document.createElement('template');
      t.innerHTML = (await res.json()).html;
      box.querySelector('.list').replaceChildren(t.content);
    } catch { delete box.dataset.loaded; }
  }, true);
  window.scrollTo(0, document.body.scrollHeight);
})();`;

const QUICK = ['/start', '/setcountry', '/sources', '/categories', '/digest now', '/settings', '/help'];

/** A story's sources on a page of their own (the web chat without its script). */
export function sourcesPage(opts: { list: HtmlEscapedString; locale: Locale }) {
  const words = messagesFor(opts.locale).web;
  return html`<!doctype html>
<html lang="${opts.locale}" dir="${isRightToLeft(opts.locale) ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${words.pageTitle}</title><link rel="icon" href="${raw(ICON)}"><style>${raw(STYLE)}</style></head>
<body><main><div class="msg bot"><details class="sources" open><summary>${words.sourcesOpen}</summary>${opts.list}</details><p><a href="/try">${words.backToChat}</a></p></div></main></body>
</html>`;
}

/** The page in the chat's language: `lang`, and right to left (mirrored) for Arabic. */
export function tryPage(opts: { entries: HtmlEscapedString[]; lastId: number; nonce: string; demo: boolean; locale: Locale }) {
  const words = messagesFor(opts.locale).web;
  return html`<!doctype html>
<html lang="${opts.locale}" dir="${isRightToLeft(opts.locale) ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${words.pageTitle}</title><link rel="icon" href="${raw(ICON)}"><style>${raw(STYLE)}</style></head>
<body>
<header><h1>${words.heading}</h1><p>${words.tagline}${opts.demo ? ` ${words.demoNote}` : ''}</p></header>
<main id="chat" data-last="${opts.lastId}">${opts.entries}</main>
<footer>
<form class="quick" method="post" action="/try/say" data-ajax>${QUICK.map((q) => html`<button name="text" value="${q}" dir="ltr">${q}</button>`)}</form>
<form method="post" action="/try/say" data-ajax><input name="text" dir="auto" autocomplete="off" maxlength="${MAX_TEXT}" placeholder="${words.placeholder}" aria-label="${words.messageLabel}" autofocus><button class="send">${words.send}</button></form>
</footer>
<script nonce="${opts.nonce}">${raw(SCRIPT)}</script>
</body>
</html>`;
}
