// Work off the main thread: feeds parsed and stories clustered in worker threads give what the
// same code gives in process, errors included; a worker that dies fails its calls and the next
// call gets a new one. (How free the main thread stays meanwhile: bench/event-loop.bench.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessClustering } from '../../src/core/stories/clustering.ts';
import { StoryClusterer } from '../../src/core/stories/story-clusterer.ts';
import { FeedParseError } from '../../src/ingest/parse/feed-parse-error.ts';
import { processFeed } from '../../src/ingest/parse/feed-processor.ts';
import { ClusterThread } from '../../src/threads/cluster-thread.ts';
import { FeedParseThread } from '../../src/threads/feed-parse-thread.ts';
import { Thread, ThreadDied } from '../../src/threads/thread.ts';
import { bigFeed } from '../support/big-feed.ts';
import { CORPUS } from '../fakes/feed-server.ts';
import { labelledSet } from '../support/labelled-stories.ts';
import { defaults } from '../support/defaults.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const input = (body: Buffer | string) => ({
  body: Buffer.from(body),
  contentType: undefined,
  baseUrl: 'https://base.example/',
  maxBytes: 64 * 1024 * 1024,
  now: NOW,
});

describe('feed parsing in a thread', () => {
  const thread = new FeedParseThread();
  afterAll(() => thread.close());

  it('gives what processFeed gives here, for a corpus feed and a 12,000-item one', async () => {
    const corpus = readFileSync(join(CORPUS, 'rss-parser', 'guardian.rss'));
    expect(await thread.processFeed(input(corpus))).toEqual(await processFeed(input(corpus)));
    const big = bigFeed(12_000, 'https://big.example');
    const [there, here] = [await thread.processFeed(input(big)), await processFeed(input(big))];
    expect(there.items).toHaveLength(12_000);
    expect(there).toEqual(here);
  });

  it('keeps a bad feed a FeedParseError, with its kind and message', async () => {
    const error = await thread.processFeed(input('<html><body>no</body></html>')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ kind: 'not-a-feed', message: 'not a feed: an HTML page, not RSS or Atom' });
  });
});

describe('clustering in a thread', () => {
  const thread = new ClusterThread();
  afterAll(() => thread.close());

  it('places items in the same stories as the clusterer in process', async () => {
    const items = labelledSet().map(({ story: _label, ...item }) => ({ ...item, publishedAt: new Date(item.publishedAt) }));
    const here = new InProcessClustering(() => new StoryClusterer(defaults.stories));
    await thread.reset();
    const inThread = await thread.add(items);
    const inProcess = await here.add(items);
    // Keys are random in the thread: compare the partitions, not the names.
    const partition = (batch: typeof inThread) => {
      const groups = new Map<string, string[]>();
      for (const x of batch.assignments) groups.set(x.storyKey, [...(groups.get(x.storyKey) ?? []), x.itemId]);
      return [...groups.values()].map((g) => g.sort().join(',')).sort();
    };
    expect(partition(inThread)).toEqual(partition(inProcess));
    expect(inThread.stories.length).toBe(inProcess.stories.length);
    expect(inThread.stories[0]).not.toHaveProperty('items');
  });

  it('fails the calls of a thread that dies, and starts a new one for the next call', async () => {
    const crashing = new Thread(new URL('../fakes/crashing.worker.ts', import.meta.url));
    try {
      expect(await crashing.call('echo', 'hello')).toBe('hello');
      await expect(crashing.call('crash', null)).rejects.toBeInstanceOf(ThreadDied);
      expect(await crashing.call('echo', 'again')).toBe('again');
    } finally {
      await crashing.close();
    }
  });
});
