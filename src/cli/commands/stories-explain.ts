// `herald stories explain <url-a> <url-b>`: why two stored items would or would not be one
// story: the terms they share and their weights, the score, the bar and the margin. The term
// weights come from the stored window, as the running clusterer sees it. With --stdin, two
// items as JSON lines instead (weighted by those two alone). Reads only.
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config.ts';
import { StoryClusterer, type PairExplanation } from '../../core/stories/story-clusterer.ts';
import type { StoryItemInput } from '../../core/stories/story.ts';
import { UsageError, type Command, type CommandIo } from '../command.ts';
import { parseItemLine } from '../item-line.ts';
import { CommandFailed, withHerald } from '../open-herald.ts';

const PAGE = 5000;
const f = (x: number) => x.toFixed(3);

function report(a: StoryItemInput, b: StoryItemInput, e: PairExplanation, io: CommandIo, weights: string): void {
  const line = (tag: string, i: StoryItemInput) =>
    `${tag}  ${i.source} · ${i.language} · ${i.publishedAt.toISOString().slice(0, 16).replace('T', ' ')}  ${i.title}\n`;
  io.stdout.write(line('A', a) + line('B', b));
  io.stdout.write(`\nshared terms (${e.shared.length}), what each adds to the cosine:\n`);
  for (const s of e.shared.slice(0, 20)) io.stdout.write(`  ${s.term.padEnd(24)} ${f(s.contribution)}  idf ${s.idf.toFixed(2)}${s.name ? '  (name)' : ''}\n`);
  if (e.shared.length > 20) io.stdout.write(`  … ${e.shared.length - 20} more\n`);
  const names = e.unmatchedNames.length > 0 ? ` (${e.unmatchedNames.slice(0, 8).join(', ')})` : '';
  io.stdout.write(
    `\ncosine ${f(e.cosine)} − bar ${f(e.bar)} (${e.gapDays.toFixed(1)} days apart) − names of B that A never mentions ${f(e.penalty)}${names} = margin ${e.margin >= 0 ? '+' : ''}${f(e.margin)}\n`,
  );
  if (e.across) {
    const x = e.across;
    io.stdout.write(`\nin different languages: figures, countries and names they share (${x.shared.length}), what each adds:\n`);
    for (const s of x.shared.slice(0, 20)) io.stdout.write(`  ${s.key.padEnd(24)} ${f(s.contribution)}\n`);
    io.stdout.write(`score ${f(x.score)} against bar ${f(x.bar)}${x.figuresDisagree ? '; their figures disagree' : ''}\n`);
  }
  const why = {
    language: e.across ? 'different languages, with too little in common across them' : 'different languages',
    'shared-terms': 'fewer than two distinctive shared terms',
    margin: 'the margin is below 0',
  };
  io.stdout.write(`→ ${e.joins ? 'one story: B would join A' : `apart: ${why[e.apart!]}`}\n(term weights from ${weights})\n`);
}

async function readTwo(): Promise<[StoryItemInput, StoryItemInput]> {
  const items: StoryItemInput[] = [];
  let n = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    const parsed = parseItemLine(line);
    if ('error' in parsed) throw new CommandFailed(`line ${n}: ${parsed.error}`);
    const { item } = parsed;
    items.push({ ...item, id: String(item.id ?? `line-${n}`), publishedAt: new Date(item.publishedAt) });
  }
  if (items.length !== 2) throw new CommandFailed(`--stdin takes exactly two items as JSON lines; got ${items.length}`);
  return [items[0]!, items[1]!];
}

export const storiesExplain: Command = {
  name: 'stories explain',
  summary: 'Why two items would or would not be one story: shared terms and weights, score, bar',
  usage: '<url-a> <url-b> [--json] | --stdin [--json] < two-items.jsonl',
  options: { json: { type: 'boolean' }, stdin: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const config = loadConfig(io.env);
    const rules = { windowMs: config.stories.windowMs, breakingOutlets: config.stories.breakingOutlets, breakingWindowMs: config.stories.breakingWindowMs };
    const print = (a: StoryItemInput, b: StoryItemInput, e: PairExplanation, weights: string) => {
      if (values.json) io.stdout.write(`${JSON.stringify({ a: a.url, b: b.url, ...e })}\n`);
      else report(a, b, e, io, weights);
      return 0;
    };
    if (values.stdin) {
      if (positionals.length > 0) throw new UsageError('give two URLs or --stdin, not both');
      const [a, b] = await readTwo();
      return print(a, b, new StoryClusterer(rules).explain(a, b), 'these two items alone');
    }
    if (positionals.length !== 2) throw new UsageError('give the URLs of two stored items (or --stdin)');
    return withHerald(config, io, {}, async ({ stores }) => {
      const [a, b] = await Promise.all(positionals.map((url) => stores.stories.itemByUrl(url)));
      const missing = positionals.filter((_, i) => ![a, b][i]);
      if (missing.length > 0) throw new CommandFailed(`no stored item has the URL ${missing.join(' or ')}`);
      // The window the clusterer would have held when the later one arrived.
      const later = Math.max(a!.publishedAt.getTime(), b!.publishedAt.getTime());
      const clusterer = new StoryClusterer(rules);
      let after: { publishedAt: Date; id: string } | undefined;
      let held = 0;
      for (;;) {
        const page = await stores.stories.clustered(new Date(later - rules.windowMs), { limit: PAGE, ...(after ? { after } : {}) });
        for (const s of page) if (s.item.publishedAt.getTime() <= later) clusterer.restore(s.item, s.storyKey, s.breaking);
        held += page.length;
        if (page.length < PAGE) break;
        after = { publishedAt: page.at(-1)!.item.publishedAt, id: page.at(-1)!.item.id };
      }
      const [first, second] = a!.publishedAt <= b!.publishedAt ? [a!, b!] : [b!, a!];
      return print(first, second, clusterer.explain(first, second), `${clusterer.size.items.toLocaleString('en')} stored items in the window (${held} read)`);
    });
  },
};
