// A story as a message shows it: what the cards of a digest or a breaking message hold.

/**
 * One story as a card: a headline, the link and the outlet credited, all of one outlet's
 * report (never one outlet's headline credited to another), a summary, how many other outlets
 * report it, and its time.
 */
export interface StoryCard {
  headline: string;
  url: string;
  summary?: string;
  /** The outlet the link goes to. */
  outlet: string;
  /** How many other outlets report it. */
  moreOutlets: number;
  /** That said in the reader's language ("+3 more sources"), when there are any. */
  more?: string;
  time: Date;
  /** The time as the reader reads it ("9:18 pm IST"), composed on the reader's clock. */
  when?: string;
  /** The report's image (https where the outlet serves it), for platforms that show one. */
  imageUrl?: string;
  /** The category slug (for its colour) and the section it is shown under. */
  category?: string;
  section?: string;
  /** The story, and how to see every outlet's report of it ("/story 12"), when there are several. */
  storyId?: number;
  coverage?: string;
  /** What changed since the reader last saw it (a follow-up's new outlets, a digest's update). */
  note?: string;
}
