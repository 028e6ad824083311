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
/** Dates before this are placeholders ("0000-01-01", the Unix epoch), not publication times. */
const EARLIEST = Date.UTC(1971, 0, 1);
/** Longer URLs are junk, and too long for a database index (PostgreSQL stops near 2.7 KB). */
const MAX_URL = 2048;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/g;

export function normalizeEntry(entry: FeedEntry, base: string, now: Date): NewItem | undefined {
  const summaryText = htmlToText(entry.summary ?? entry.content ?? '');
  const title = capText(htmlToText(entry.title ?? ''), TITLE_MAX) || capText(summaryText, 120);
  if (!title) return undefined; // nothing a person could read
  const publishedAt = publicationTime(entry.published, now);
  const contentHash = createHash('sha1')
    .update(`${title}\n${entry.published ?? ''}`)
    .digest('hex');
  const guid = entry.guid?.replace(CONTROL, '').trim().slice(0, 500) || null;
  const link = usable(entry.link ? canonicalUrl(entry.link, base) : undefined);
  const guidUrl = !link && guid ? usable(canonicalUrl(guid)) : undefined;
  const image = usable(entry.image ? canonicalUrl(entry.image, base) : undefined);
  return {
    guid,
    url: link ?? guidUrl ?? `urn:herald:${contentHash}`,
    title,
    summary: capText(summaryText === title ? '' : summaryText, SUMMARY_MAX),
    imageUrl: image ?? null,
    categories: [...new Set(entry.categories.map((c) => htmlToText(c)).filter(Boolean))].slice(0, 20),
    publishedAt,
    contentHash,
  };
}

function usable(url: string | undefined): string | undefined {
  return url !== undefined && url.length <= MAX_URL ? url : undefined;
}

function publicationTime(raw: string | undefined, now: Date): Date {
  const parsed = raw ? parseFeedDate(raw) : undefined;
  if (!parsed || parsed.getTime() < EARLIEST) return now;
  if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return now;
  return parsed;
}
