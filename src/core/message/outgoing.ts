// A message Herald sends, platform-free: text lines (what a platform without rich cards
// shows), an optional title, buttons, and the stories in it as cards. Each platform renders
// its own format (src/platforms/<name>).
import type { StoryCard } from './story-card.ts';
import type { Button } from './view.ts';

export interface OutgoingMessage {
  title?: string;
  /** The whole message as plain text: what a platform without rich cards shows. */
  lines: string[];
  buttons?: Button[][];
  /** The stories in it, for platforms that show each as a card (Discord embeds). */
  cards?: StoryCard[];
  /** Delivered without a sound (a digest); alerts make one. */
  silent?: boolean;
  /** The link whose preview the platform may show under the message (a breaking story's); none when unset. */
  preview?: string;
  /**
   * Where threads exist (Discord), a breaking alert opens one of this name under itself, for
   * what follows the story.
   */
  openThread?: string;
  /** A follow-up goes into the thread its alert opened, when the alert did (else it replies to it). */
  inThread?: boolean;
}
