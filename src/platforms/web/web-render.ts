// Chat entries → HTML, escaped by hono/html: the page renders them once on the server and the
// script only inserts what the server sent. A message with buttons is a form, so the chat
// works without the script too; story cards show image, headline, summary, outlets and time, on
// the chat's clock (its zone, language and country), and a story told by several outlets has
// "Sources (N)", which opens every outlet's report under the card (the script fetches the list;
// without it, the link inside opens it as a page).
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ChatEntry } from '../../core/chatlog/chat-log.ts';
import { encodeAction } from '../../core/message/action.ts';
import { markedLabel, type Button, type View } from '../../core/message/view.ts';
import type { StoryCard } from '../../core/message/story-card.ts';
import { chatTime, storyTime, type ReaderClock } from '../../core/i18n/reader-time.ts';
import { messagesFor, type Messages } from '../../core/i18n/messages.ts';

type Body = { text?: string; title?: string; lines?: string[]; buttons?: Button[][]; cards?: StoryCard[]; error?: boolean };

const URL_RE = /(https?:\/\/[^\s<>"']+)/g;

// A command as typed ("/story 12", "/digest now"): isolated left to right, so that in an
// Arabic sentence it does not read "story 12/".
const COMMAND_RE = /(\/[a-z_]+(?: (?:\d+|now|on|off|time|timezone))?)/g;

/** Text with its commands isolated left to right. */
function isolated(text: string) {
  const parts = text.split(COMMAND_RE);
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<bdi dir="ltr">${p}</bdi>` : p))}`;
}

/** A line of text with its links made clickable and its commands isolated. */
function line(text: string) {
  const parts = text.split(URL_RE);
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<a href="${p}" target="_blank" rel="noopener noreferrer">${p}</a>` : isolated(p)))}`;
}

function cards(list: StoryCard[], words: Messages, clock: ReaderClock, now: Date) {
  const sections: { name: string | undefined; cards: StoryCard[] }[] = [];
  for (const c of list) {
    const last = sections.at(-1);
    if (last && last.name === c.section) last.cards.push(c);
    else sections.push({ name: c.section, cards: [c] });
  }
  return sections.map(
    (s) =>
      html`${s.name ? html`<h3>${s.name}</h3>` : ''}${s.cards.map(
        // dir="auto": a headline in another script than the page's reads in its own direction.
        (c) => html`<article class="card cat-${c.category ?? 'none'}">
  ${/^https?:\/\//i.test(c.imageUrl ?? '') ? html`<img src="${c.imageUrl}" alt="" loading="lazy" referrerpolicy="no-referrer">` : ''}
  <a href="${c.url}" target="_blank" rel="noopener noreferrer" dir="auto">${c.headline}</a>
  ${c.note ? html`<p class="note" dir="auto">${c.note}</p>` : ''}${c.summary ? html`<p dir="auto">${c.summary}</p>` : ''}
  <small><bdi>${c.outlet}</bdi>${c.moreOutlets > 0 ? ` ${c.more ?? words.conversation.moreSources({ count: c.moreOutlets })}` : ''} · <time datetime="${c.time.toISOString()}">${storyTime(c.time, now, clock, words, { relative: true })}</time>${c.coverage ? html` · ${isolated(c.coverage)}` : ''}</small>
  ${c.storyId !== undefined && c.moreOutlets > 0 ? sourcesToggle(c.storyId, c.moreOutlets + 1, words) : ''}
</article>`,
      )}`,
  );
}

/** "Sources (N)", closed: the list is fetched when it is opened. */
function sourcesToggle(storyId: number, outlets: number, words: Messages) {
  return html`<details class="sources" data-story="${storyId}"><summary>${words.conversation.sourcesButton({ count: outlets })}</summary><div class="list"><a href="/try/story/${storyId}">${words.web.sourcesOpen}</a></div></details>`;
}

/**
 * A story's every outlet as a list: each outlet's own headline linking to its report, and its
 * time on the chat's clock. From the same view as /story (its cards); a refusal is its lines.
 */
export function renderSources(v: View, clock: ReaderClock, now: Date): HtmlEscapedString {
  const words = messagesFor(clock.locale);
  if (!v.cards || v.cards.length === 0) return html`<p class="error">${v.lines.join(' ')}</p>` as HtmlEscapedString;
  return html`<p class="title">${v.title ?? ''}</p><ol>${v.cards.map(
    (c) =>
      html`<li><a href="${c.url}" target="_blank" rel="noopener noreferrer" dir="auto">${c.headline}</a> <small><bdi>${c.outlet}</bdi> · <time datetime="${c.time.toISOString()}">${storyTime(c.time, now, clock, words, { relative: true })}</time></small></li>`,
  )}</ol>` as HtmlEscapedString;
}

function buttons(entryId: number, rows: Button[][]) {
  if (rows.length === 0) return '';
  return html`<form class="buttons" method="post" action="/try/press" data-ajax>
<input type="hidden" name="entry" value="${entryId}">
${rows.map((row) => html`<div class="row">${row.map((b) => html`<button name="action" value="${encodeAction(b.action)}"${b.selected ? raw(' class="selected"') : ''}>${markedLabel(b)}</button>`)}</div>`)}
</form>`;
}

/**
 * An entry in the chat's language (its cards' "+3 more sources") with its times on the chat's
 * clock, seen at `now` (a card's "25 min ago", drawn when the page asks for it).
 */
export function renderEntry(entry: ChatEntry, clock: ReaderClock, now: Date): HtmlEscapedString {
  const words = messagesFor(clock.locale);
  const b = entry.body as Body;
  const classes = ['msg', entry.role, entry.kind, ...(b.error ? ['error'] : [])].join(' ');
  const content =
    entry.role === 'user'
      ? html`<div class="text" dir="auto">${b.text ?? ''}</div>`
      : html`${b.title ? html`<div class="title">${b.title}</div>` : ''}
${b.cards && b.cards.length > 0 ? cards(b.cards, words, clock, now) : html`<div class="text" dir="auto">${(b.lines ?? []).map((l, i) => html`${i > 0 ? raw('<br>') : ''}${line(l)}`)}</div>`}
${buttons(entry.id, b.buttons ?? [])}`;
  return html`<div class="${classes}" id="m-${entry.id}" data-id="${entry.id}">${content}<time datetime="${entry.at.toISOString()}" title="${storyTime(entry.at, now, clock, words)}">${chatTime(entry.at, clock)}</time></div>` as HtmlEscapedString;
}
