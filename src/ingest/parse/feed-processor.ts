// Bytes of a feed → its metadata and normalised items: decode, parse, normalise. Shared by
// the ingester (fetched and pushed bodies) and `herald feed test`.
import type { NewItem } from '../../core/items/item.ts';
import { normalizeEntry } from '../normalize/normalize-entry.ts';
import { decodeFeed } from './feed-decoder.ts';
import { parseFeed, type ParsedFeed } from './feed-parser.ts';

export interface ProcessInput {
  body: Buffer;
  contentType: string | undefined;
  /** The URL the body came from, for relative links. */
  baseUrl: string;
  maxBytes: number;
  now: Date;
}

export type FeedMeta = Omit<ParsedFeed, 'entries'> & { entryCount: number };

export interface ProcessedFeed {
  meta: FeedMeta;
  items: NewItem[];
}

export async function processFeed(input: ProcessInput): Promise<ProcessedFeed> {
  const parsed = await parseFeed(decodeFeed(input.body, input.contentType, input.maxBytes));
  const base = parsed.link ? safeUrl(parsed.link, input.baseUrl) : input.baseUrl;
  const items = parsed.entries.map((e) => normalizeEntry(e, base, input.now)).filter((i): i is NewItem => i !== undefined);
  const { entries, ...meta } = parsed;
  return { meta: { ...meta, entryCount: entries.length }, items };
}

function safeUrl(link: string, base: string): string {
  try {
    return new URL(link, base).toString();
  } catch {
    return base;
  }
}
