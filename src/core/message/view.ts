// What a command answers, platform-free: some lines of text and rows of buttons. Adapters
// render it (Telegram: HTML and an inline keyboard; Discord: content and components; the web
// chat: a card with a form) and send it as a new message or as an edit of the one whose button
// was pressed. A button says whether it is chosen; each adapter draws that its own way.
import type { Action } from './action.ts';
import type { StoryCard } from './story-card.ts';

export interface Button {
  /** The plain name (a country, a source, "other"): no tick or star in it. */
  label: string;
  action: Action;
  /** Shown as chosen. */
  selected?: boolean;
  /**
   * How a choice is drawn: `one` is one of a list where one is chosen (the primary country: a
   * star when chosen), `many` one of a list where several may be (a tick when chosen, a plus
   * when not). Without it, the button is a plain button.
   */
  choice?: 'one' | 'many';
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

/** A button's label with its choice drawn in front, for platforms whose buttons are only text. */
export function markedLabel(b: Button): string {
  if (b.choice === 'one') return b.selected ? `★ ${b.label}` : b.label;
  if (b.choice === 'many') return `${b.selected ? '✔' : '➕'} ${b.label}`;
  return b.label;
}
