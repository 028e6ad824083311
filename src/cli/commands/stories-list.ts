// `herald stories list [--since 24h] [--breaking] [--json]`: stored stories, most outlets
// first. Reads only: it works beside a running server.
import { loadConfig } from '../../config.ts';
import { UsageError, type Command } from '../command.ts';
import { withHerald } from '../open-herald.ts';

function parseSince(input: string): number {
  const m = /^(\d+)(m|h|d)$/.exec(input);
  if (!m) throw new UsageError(`--since takes a duration such as 30m, 24h or 7d; got "${input}"`);
  return Number(m[1]) * { m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

export const storiesList: Command = {
  name: 'stories list',
  summary: 'List stored stories (most outlets first)',
  usage: '[--since 24h] [--breaking] [--json]',
  options: { since: { type: 'string', default: '24h' }, breaking: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const since = new Date(Date.now() - parseSince(values.since as string));
    return withHerald(loadConfig(io.env), io, {}, async ({ stores }) => {
      const stories = await stores.stories.list({ since, breakingOnly: values.breaking === true, limit: 200 });
      if (values.json) for (const s of stories) io.stdout.write(`${JSON.stringify(s)}\n`);
      else {
        io.stdout.write(`${stories.length} stories since ${since.toISOString()}${values.breaking ? ' (breaking only)' : ''}\n`);
        for (const s of stories)
          io.stdout.write(
            `\n${s.breakingAt ? '[BREAKING] ' : ''}${s.headline}\n  ${s.outlets.length} outlet(s): ${s.outlets.join(', ')} · ${s.language} · ${s.categories.join(', ') || '-'} · last ${s.lastUpdatedAt.toISOString()}\n${s.urls.map((u) => `  ${u}\n`).join('')}`,
          );
      }
      return 0;
    });
  },
};
