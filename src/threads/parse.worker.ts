// The feed-parsing thread: bytes of a feed in, its metadata and normalised items out, the
// items in parts of PART_ITEMS so that reading them back on the main thread stays quick.
import { processFeed, type ProcessInput } from '../ingest/parse/feed-processor.ts';
import { serveThread } from './thread.ts';

const PART_ITEMS = 1000;

serveThread({
  async processFeed(input: Omit<ProcessInput, 'body'> & { body: Uint8Array }, part) {
    const { meta, items } = await processFeed({ ...input, body: Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength) });
    for (let i = 0; i < items.length; i += PART_ITEMS) part(items.slice(i, i + PART_ITEMS));
    return meta;
  },
});
