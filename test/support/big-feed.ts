// A large RSS feed for the event-loop benchmark and the thread tests: N items with headlines and summaries made of
// words from the corpus feeds' own titles (so term statistics look like news, not noise), in
// groups that share words the way several reports of one event do, published over the last
// 48 hours. Deterministic for a given N and seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'feeds');

function corpusWords(): string[] {
  const words = new Set<string>();
  for (const dir of ['rss-parser', 'node-feedparser']) {
    for (const file of readdirSync(join(CORPUS, dir))) {
      let bytes = readFileSync(join(CORPUS, dir, file));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      for (const m of bytes.toString('latin1').matchAll(/<title[^>]*>([^<]{4,200})<\/title>/g))
        for (const w of m[1]!.split(/[^A-Za-z]+/)) if (w.length >= 3) words.add(w);
    }
  }
  return [...words].sort();
}

/** A small linear congruential generator: the same feed on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function bigFeed(n: number, origin: string, now = Date.now(), seed = 7): string {
  const words = corpusWords();
  const rnd = random(seed);
  // Zipf-like: a few words are everywhere, most are rare.
  const word = () => words[Math.floor(words.length * rnd() ** 2.2)]!;
  const items: string[] = [];
  let event: string[] = [];
  for (let i = 0; i < n; i++) {
    // Every event is reported one to six times, each report with its own extra words.
    if (i === 0 || rnd() < 0.35) event = Array.from({ length: 5 }, word);
    const title = [...event.slice(0, 3 + Math.floor(rnd() * 3)), ...Array.from({ length: 4 }, word)].join(' ');
    const summary = [...event, ...Array.from({ length: 22 }, word)].join(' ');
    const at = new Date(now - Math.floor(rnd() * 48 * 3600_000)).toUTCString();
    items.push(
      `<item><title>${escape(title)}</title><link>${origin}/story/${i}</link><guid>big-${i}</guid><pubDate>${at}</pubDate><description>${escape(summary)}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Big feed</title><link>${origin}/</link><description>Benchmark</description>\n${items.join('\n')}\n</channel></rss>\n`;
}
