// Neutral views and messages → Telegram: HTML parse mode (with <, >, & escaped), an inline
// keyboard, and text split under Telegram's 4096-character limit at line boundaries.
import { encodeAction } from '../../core/message/action.ts';
import { markedLabel, type Button } from '../../core/message/view.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';

const TELEGRAM_TEXT_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function renderHtml(message: OutgoingMessage): string {
  return [...(message.title ? [`<b>${escapeHtml(message.title)}</b>`] : []), ...message.lines.map(escapeHtml)].join('\n');
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
 * Splits HTML text into parts of at most `limit` characters at line boundaries; a single
 * longer line is cut at a space, never inside an entity (&amp;) or a tag.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
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
      }
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    const candidate = current ? `${current}\n${rest}` : rest;
    if (candidate.length > limit) {
      parts.push(current);
      current = rest;
    } else current = candidate;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}
