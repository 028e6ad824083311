// A story as a message shows it: what the cards of a digest or a breaking message hold.

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
