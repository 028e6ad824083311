// Neutral views and messages → Telegram: HTML parse mode (with <, >, & escaped), an inline
// keyboard, and text split under Telegram's 4096-character limit at line boundaries. Stories
// (cards) read as linked headlines with their outlets and local time; a single story as a
// photo's caption fits Telegram's 1,024 characters.
import { encodeAction } from '../../core/message/action.ts';
import { markedLabel, type Button } from '../../core/message/view.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';
import type { StoryCard } from '../../core/message/story-card.ts';

const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram takes at most 100 entities (links, bold, italics) in a message. */
const TELEGRAM_ENTITY_LIMIT = 100;
const entitiesIn = (html: string) => html.match(/<(a|b|i)[\s>]/g)?.length ?? 0;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const TELEGRAM_CAPTION_LIMIT = 1024;
/** A summary under a single story: enough to know what happened, not the article. */
const SUMMARY_CHARS = 600;

const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&quot;');
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`);

/** One story: its headline linked to the report, its outlets and time, what changed, the summary (`summary` characters at most), its coverage. */
function cardHtml(card: StoryCard, summary: number): string[] {
  const headline = card.url ? `<a href="${escapeAttribute(card.url)}">${escapeHtml(card.headline)}</a>` : `<b>${escapeHtml(card.headline)}</b>`;
  const credit = [card.more ? `${card.outlet} ${card.more}` : card.outlet, card.when].filter(Boolean).join(' · ');
  return [
    headline,
    escapeHtml(credit),
    ...(card.note ? [`<i>${escapeHtml(card.note)}</i>`] : []),
    ...(card.summary && summary > 0 ? [escapeHtml(clip(card.summary, summary))] : []),
    ...(card.coverage ? [escapeHtml(card.coverage)] : []),
  ];
}

/** Stories as HTML: the title, then each story, under its section's heading when there are several. */
function cardsHtml(message: OutgoingMessage, cards: StoryCard[], summary: number): string {
  const out = message.title ? [`<b>${escapeHtml(message.title)}</b>`] : [];
  let section: string | undefined;
  for (const card of cards) {
    if (cards.length > 1 && card.section && card.section !== section) {
      section = card.section;
      out.push(...(out.length > 0 ? [''] : []), `<b>${escapeHtml(section)}</b>`);
    } else if (out.length > 0) out.push('');
    out.push(...cardHtml(card, summary));
  }
  return out.join('\n');
}

function renderHtml(message: OutgoingMessage): string {
  // One story shows its summary; a digest's list stays scannable without.
  if (message.cards && message.cards.length > 0) return cardsHtml(message, message.cards, message.cards.length === 1 ? SUMMARY_CHARS : 0);
  return [...(message.title ? [`<b>${escapeHtml(message.title)}</b>`] : []), ...message.lines.map(escapeHtml)].join('\n');
}

/** A message as a photo's new caption (a pressed button under a photo), when it fits in one. */
export function telegramCaption(message: OutgoingMessage): { caption: string; keyboard?: InlineKeyboard } | undefined {
  const caption = renderHtml(message);
  if (visibleLength(caption) > TELEGRAM_CAPTION_LIMIT) return undefined;
  const keyboard = renderKeyboard(message.buttons);
  return { caption, ...(keyboard ? { keyboard } : {}) };
}

/** Characters Telegram counts in a caption: the text once its HTML is parsed. */
const visibleLength = (html: string) => [...html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot);/g, '_')].length;

/**
 * A single story with an image as a photo and its caption (within 1,024 characters, the summary
 * cut to fit); undefined when the message is not one story with an image.
 */
export function telegramPhoto(message: OutgoingMessage): { photo: string; caption: string; keyboard?: InlineKeyboard } | undefined {
  const card = message.cards?.length === 1 ? message.cards[0]! : undefined;
  if (!card?.imageUrl) return undefined;
  const bare = cardsHtml(message, [card], 0);
  const room = TELEGRAM_CAPTION_LIMIT - visibleLength(bare) - 2;
  let caption = room > 40 ? cardsHtml(message, [card], Math.min(SUMMARY_CHARS, room)) : bare;
  if (visibleLength(caption) > TELEGRAM_CAPTION_LIMIT) caption = bare;
  if (visibleLength(caption) > TELEGRAM_CAPTION_LIMIT) return undefined; // a headline too long for any caption: text it is
  const keyboard = renderKeyboard(message.buttons);
  return { photo: card.imageUrl, caption, ...(keyboard ? { keyboard } : {}) };
}

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

function renderKeyboard(buttons: Button[][] | undefined): InlineKeyboard | undefined {
  if (!buttons || buttons.length === 0) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: markedLabel(b), callback_data: encodeAction(b.action) }))) };
}

export interface TelegramPart {
  text: string;
  /** On the last part only: the buttons sit under the end of the message. */
  keyboard?: InlineKeyboard;
}

/**
 * A message or a command's answer as the Telegram messages it takes: HTML within Telegram's
 * 4096 characters each, the keyboard on the last. Delivery and the bot's replies both send
 * these, so no reply can exceed the limit either.
 */
export function telegramParts(message: OutgoingMessage): TelegramPart[] {
  const parts = splitText(renderHtml(message));
  const keyboard = renderKeyboard(message.buttons);
  return parts.map((text, i) => ({ text, ...(keyboard && i === parts.length - 1 ? { keyboard } : {}) }));
}

/**
 * Splits HTML text into parts of at most `limit` characters and `entityLimit` entities at line
 * boundaries; a single longer line is cut at a space, never inside an entity (&amp;) or a tag.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT, entityLimit = TELEGRAM_ENTITY_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  let entities = 0;
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > limit) {
      let cut = rest.lastIndexOf(' ', limit);
      if (cut < limit / 2) cut = limit;
      // Never cut inside an HTML entity (&amp;) or a tag.
      const amp = rest.lastIndexOf('&', cut);
      if (amp >= 0 && rest.indexOf(';', amp) >= cut) cut = amp;
      const lt = rest.lastIndexOf('<', cut);
      if (lt >= 0 && rest.indexOf('>', lt) >= cut) cut = lt;
      if (current) {
        parts.push(current);
        current = '';
        entities = 0;
      }
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    const candidate = current ? `${current}\n${rest}` : rest;
    const own = entitiesIn(rest);
    if (candidate.length > limit || (current && entities + own > entityLimit)) {
      parts.push(current);
      current = rest;
      entities = own;
    } else {
      current = candidate;
      entities += own;
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}
