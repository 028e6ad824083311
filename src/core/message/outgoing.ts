// A message Herald sends, platform-free: text lines (what a platform without rich cards
// shows), an optional title, buttons, and the stories in it as cards. Each platform renders
// its own format (src/platforms/<name>).
import type { Button } from './view.ts';

export interface OutgoingMessage {
  title?: string;
  /** The whole message as plain text: what a platform without rich cards shows. */
  lines: string[];
  buttons?: Button[][];
  /** The stories in it, for platforms that show each as a card (Discord embeds). */
  cards?: StoryCard[];
}

/** One story as a card: its headline linking to it, a summary, its outlets and its time. */
export interface StoryCard {
  headline: string;
  url: string;
  summary?: string;
  /** The outlet the link goes to. */
  outlet: string;
  /** How many other outlets report it. */
  moreOutlets: number;
  time: Date;
  /** The category slug (for its colour) and the section it is shown under. */
  category?: string;
  section?: string;
}
