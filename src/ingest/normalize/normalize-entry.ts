// One parsed feed entry → one clean item: plain-text title and summary (summary capped),
// canonical URL resolved against the feed, publication time (missing → first seen; in the
// future → now), the entry's categories and image kept.
import { createHash } from 'node:crypto';
import type { NewItem } from '../../core/items/item.ts';
import type { FeedEntry } from '../parse/feed-parser.ts';
import { canonicalUrl } from './canonical-url.ts';
import { parseFeedDate } from './feed-date.ts';
import { capText, htmlToText } from './html-text.ts';

export const SUMMARY_MAX = 400;
const TITLE_MAX = 300;
/** Clocks differ; an entry dated a little ahead is believed, further ahead is clamped. */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

export function normalizeEntry(entry: FeedEntry, base: string, now: Date): NewItem | undefined {
  const summaryText = htmlToText(entry.summary ?? entry.content ?? '');
  const title = capText(htmlToText(entry.title ?? ''), TITLE_MAX) || capText(summaryText, 120);
  if (!title) return undefined; // nothing a person could read
  const publishedAt = publicationTime(entry.published, now);
  const contentHash = createHash('sha1').update(`${title}\n${entry.published ?? ''}`).digest('hex');
  const link = entry.link ? canonicalUrl(entry.link, base) : undefined;
  const guidUrl = !link && entry.guid ? canonicalUrl(entry.guid) : undefined;
  const image = entry.image ? canonicalUrl(entry.image, base) : undefined;
  return {
    guid: entry.guid ? entry.guid.slice(0, 500) : null,
    url: link ?? guidUrl ?? `urn:herald:${contentHash}`,
    title,
    summary: capText(summaryText === title ? '' : summaryText, SUMMARY_MAX),
    imageUrl: image ?? null,
    categories: [...new Set(entry.categories.map((c) => htmlToText(c)).filter(Boolean))].slice(0, 20),
    publishedAt,
    contentHash,
  };
}

function publicationTime(raw: string | undefined, now: Date): Date {
  const parsed = raw ? parseFeedDate(raw) : undefined;
  if (!parsed) return now;
  if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return now;
  return parsed;
}
