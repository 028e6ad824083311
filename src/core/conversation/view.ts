// What a command answers, platform-free: some lines of text and rows of buttons. Adapters
// render it (Telegram: HTML and an inline keyboard; Discord: content and components) and
// send it as a new message or as an edit of the message whose button was pressed.
import type { StoryCard } from '../delivery/messenger.ts';

export interface Button {
  label: string;
  /** A compact action (at most 64 bytes: Telegram's callback_data limit). */
  action: string;
  /** Shown as chosen (a tick) in a list of options. */
  selected?: boolean;
}

export interface View {
  /** A short bold heading. */
  title?: string;
  lines: string[];
  buttons: Button[][];
  /** A refusal or a problem with the input, not a normal answer. */
  error?: boolean;
  /** Stories as cards, for adapters that show them (the web chat); `lines` says the same in text. */
  cards?: StoryCard[];
}

export const view = (lines: string[], buttons: Button[][] = [], title?: string): View => ({ lines, buttons, ...(title ? { title } : {}) });
export const errorView = (line: string): View => ({ lines: [line], buttons: [], error: true });

/** Buttons laid out in rows of `perRow`. */
export function rows(buttons: Button[], perRow: number): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

export const MAX_ACTION_BYTES = 64;
