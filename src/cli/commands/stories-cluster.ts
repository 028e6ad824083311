// `herald stories cluster [--json]`: clusters items given as JSON lines on stdin, stores
// nothing, and prints the stories (for operators tuning thresholds).
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config.ts';
import { StoryClusterer } from '../../core/stories/story-clusterer.ts';
import type { Command } from '../command.ts';
import { parseItemLine, type ItemLine } from '../item-line.ts';

export const storiesCluster: Command = {
  name: 'stories cluster',
  summary: 'Cluster items given as JSON lines on stdin (title, summary, url, source, publishedAt, language) and print the stories',
  usage: '[--json] < items.jsonl',
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    const clusterer = new StoryClusterer({
      windowMs: config.stories.windowMs,
      breakingOutlets: config.stories.breakingOutlets,
      breakingWindowMs: config.stories.breakingWindowMs,
      acrossLanguages: config.stories.acrossLanguages,
    });
    const items: ItemLine[] = [];
    let bad = 0;
    let n = 0;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      n++;
      if (line.trim() === '') continue;
      const parsed = parseItemLine(line);
      if ('error' in parsed) {
        io.stderr.write(`line ${n}: ${parsed.error}\n`);
        bad++;
        continue;
      }
      items.push(parsed.item);
    }
    // In publication order, as they would have arrived.
    items.sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
    // Stories are collected from the assignments, not from memory: input longer than the
    // window would otherwise lose its early stories.
    const members = new Map<string, { id: string; url: string; source: string; title: string; at: number }[]>();
    const breaking = new Map<string, string>();
    items.forEach((item, i) => {
      const id = String(item.id ?? i + 1);
      const a = clusterer.add({ ...item, id, publishedAt: new Date(item.publishedAt) });
      members.set(a.storyKey, [
        ...(members.get(a.storyKey) ?? []),
        { id, url: item.url, source: item.source, title: item.title, at: Date.parse(item.publishedAt) },
      ]);
      if (a.brokeNow) breaking.set(a.storyKey, a.brokeNow);
    });
    const stories = [...members].map(([key, list]) => ({
      headline: clusterer.story(key)?.headline ?? list[0]!.title,
      language: items.find((x) => x.url === list[0]!.url)?.language ?? '',
      outlets: [...new Set(list.map((m) => m.source))],
      items: list,
      firstSeenAt: list[0]!.at,
      breakingReason: breaking.get(key) ?? null,
    }));
    stories.sort((a, b) => b.outlets.length - a.outlets.length || a.firstSeenAt - b.firstSeenAt);
    if (values.json) {
      for (const s of stories)
        io.stdout.write(
          `${JSON.stringify({ headline: s.headline, language: s.language, outlets: s.outlets, urls: s.items.map((i) => i.url), items: s.items.map((i) => i.id), breaking: s.breakingReason })}\n`,
        );
    } else {
      io.stdout.write(`${stories.length} stories from ${items.length} items${bad ? ` (${bad} lines refused)` : ''}\n`);
      for (const s of stories) {
        io.stdout.write(
          `\n${s.headline}\n  ${s.outlets.length} outlet(s): ${s.outlets.join(', ')}${s.breakingReason ? `  [breaking: ${s.breakingReason}]` : ''}\n`,
        );
        for (const i of s.items) io.stdout.write(`  ${i.url}\n`);
      }
    }
    return bad > 0 ? 1 : 0;
  },
};
