// Parsing feeds in a worker thread (parse.worker.ts): a 12,000-item feed takes rss-parser
// about 0.4 s of CPU, which on the main thread would hold up every HTTP answer that long.
// Same inputs and outputs as processFeed, errors included (a FeedParseError stays one).
import type { NewItem } from '../core/items/item.ts';
import { FeedParseError, type FeedParseErrorKind } from '../ingest/parse/feed-parse-error.ts';
import type { FeedMeta, ProcessedFeed, ProcessInput } from '../ingest/parse/feed-processor.ts';
import { Thread, type ThreadFailure } from './thread.ts';

const revive = (f: ThreadFailure): Error =>
  f.name === 'FeedParseError'
    ? Object.assign(new FeedParseError(f.kind as FeedParseErrorKind, ''), { message: f.message })
    : Object.assign(new Error(f.message), { name: f.name });

export class FeedParseThread {
  readonly #thread = new Thread(new URL('./parse.worker.ts', import.meta.url), revive);

  async processFeed(input: ProcessInput): Promise<ProcessedFeed> {
    const items: NewItem[] = [];
    const meta = await this.#thread.call<FeedMeta, NewItem[]>('processFeed', input, (part) => items.push(...part));
    return { meta, items };
  }

  close(): Promise<void> {
    return this.#thread.close();
  }
}
