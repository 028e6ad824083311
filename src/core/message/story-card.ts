// A story as a message shows it: what the cards of a digest or a breaking message hold, and
// one outlet's report made into one.
import type { Messages } from '../i18n/messages.ts';

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

/** One outlet's report, whole: what a card shows of it. */
export interface CardReport {
  title: string;
  url: string;
  summary?: string | null;
  imageUrl?: string | null;
}

/**
 * A story told by one outlet's `report` (headline, link, summary and image all its own),
 * credited to `outlet`, with how many `others` report it and its time (`at`) on the reader's
 * clock (`time`), in the reader's words.
 */
export function reportCard(
  report: CardReport,
  outlet: string,
  others: number,
  at: Date,
  storyId: number,
  words: Messages['conversation'],
  time: (at: Date) => string,
): StoryCard {
  return {
    headline: report.title,
    url: report.url,
    ...(report.summary ? { summary: report.summary } : {}),
    outlet,
    moreOutlets: others,
    ...(others > 0 ? { more: words.moreSources({ count: others }) } : {}),
    time: at,
    when: time(at),
    ...(report.imageUrl ? { imageUrl: report.imageUrl } : {}),
    storyId,
  };
}
