// Chat entries → HTML, escaped by hono/html: the page renders them once on the server and the
// script only inserts what the server sent. A message with buttons is a form, so the chat
// works without the script too; story cards show headline, summary, outlets and time.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ChatEntry } from '../../core/chatlog/chat-log.ts';
import { encodeAction } from '../../core/message/action.ts';
import { markedLabel, type Button } from '../../core/message/view.ts';
import type { StoryCard } from '../../core/message/story-card.ts';

type Body = { text?: string; title?: string; lines?: string[]; buttons?: Button[][]; cards?: StoryCard[]; error?: boolean };

const URL_RE = /(https?:\/\/[^\s<>"']+)/g;

/** A line of text with its links made clickable. */
function line(text: string) {
  const parts = text.split(URL_RE);
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<a href="${p}" target="_blank" rel="noopener noreferrer">${p}</a>` : p))}`;
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

function cards(list: StoryCard[]) {
  const sections: { name: string | undefined; cards: StoryCard[] }[] = [];
  for (const c of list) {
    const last = sections.at(-1);
    if (last && last.name === c.section) last.cards.push(c);
    else sections.push({ name: c.section, cards: [c] });
  }
  return sections.map(
    (s) =>
      html`${s.name ? html`<h3>${s.name}</h3>` : ''}${s.cards.map(
        (c) => html`<article class="card cat-${c.category ?? 'none'}">
  <a href="${c.url}" target="_blank" rel="noopener noreferrer">${c.headline}</a>
  ${c.note ? html`<p class="note">${c.note}</p>` : ''}${c.summary ? html`<p>${c.summary}</p>` : ''}
  <small>${c.outlet}${c.moreOutlets > 0 ? ` +${c.moreOutlets} more source${c.moreOutlets === 1 ? '' : 's'}` : ''} · ${c.time.toISOString().slice(0, 16).replace('T', ' ')} UTC${c.coverage ? ` · ${c.coverage}` : ''}</small>
</article>`,
      )}`,
  );
}

function buttons(entryId: number, rows: Button[][]) {
  if (rows.length === 0) return '';
  return html`<form class="buttons" method="post" action="/try/press" data-ajax>
<input type="hidden" name="entry" value="${entryId}">
${rows.map((row) => html`<div class="row">${row.map((b) => html`<button name="action" value="${encodeAction(b.action)}"${b.selected ? raw(' class="selected"') : ''}>${markedLabel(b)}</button>`)}</div>`)}
</form>`;
}

export function renderEntry(entry: ChatEntry): HtmlEscapedString {
  const b = entry.body as Body;
  const classes = ['msg', entry.role, entry.kind, ...(b.error ? ['error'] : [])].join(' ');
  const content =
    entry.role === 'user'
      ? html`<div class="text">${b.text ?? ''}</div>`
      : html`${b.title ? html`<div class="title">${b.title}</div>` : ''}
${b.cards && b.cards.length > 0 ? cards(b.cards) : html`<div class="text">${(b.lines ?? []).map((l, i) => html`${i > 0 ? raw('<br>') : ''}${line(l)}`)}</div>`}
${buttons(entry.id, b.buttons ?? [])}`;
  return html`<div class="${classes}" id="m-${entry.id}" data-id="${entry.id}">${content}<time datetime="${entry.at.toISOString()}">${hhmm(entry.at)}</time></div>` as HtmlEscapedString;
}
