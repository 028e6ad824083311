// `herald ingest --once [--all] [--json]`: one cycle of the due feeds (or all of them), new
// items put into stories, and a summary with failures grouped by cause. Without --once it keeps
// polling until SIGTERM, like `start --role ingest` without the web server.
import { loadConfig } from '../../config.ts';
import { groupFailures, offlineHint } from '../../ingest/failure-causes.ts';
import { IngestLoop } from '../../ingest/ingest-loop.ts';
import type { CycleSummary } from '../../ingest/ingester.ts';
import { createLogger } from '../../logging.ts';
import type { Command } from '../command.ts';
import { withHerald } from '../open-herald.ts';

export const ingest: Command = {
  name: 'ingest',
  summary: 'Fetch due feeds and store new items (--once: one cycle; --all: every feed)',
  usage: '[--once] [--all] [--json]',
  options: { once: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    // With --once, the summary says what happened: per-feed log lines would drown it.
    const logger = createLogger(values.once ? 'silent' : config.logLevel);
    return withHerald(config, io, { write: true, logger }, async (herald) => {
      const { ingester, websub } = herald.ingest();
      const stories = herald.stories();
      if (values.once) {
        if (!values.json) io.stderr.write(`fetching ${values.all ? 'every feed' : 'the due feeds'}…\n`);
        const summary = await ingester.runCycle({ all: values.all === true });
        const swept = await stories.sweep();
        const groups = groupFailures(summary.failures);
        const hint = offlineHint(summary.feeds, groups);
        const report = {
          ...summary,
          failureCauses: groups.map((g) => ({ cause: g.cause, feeds: g.feeds.length, example: g.example })),
          stories: { items: swept.items, new: swept.newStories, breaking: swept.breaking.length },
          ...(hint ? { hint } : {}),
        };
        io.stdout.write(
          values.json
            ? `${JSON.stringify(report)}\n`
            : formatSummary(summary, groups, hint) + `stories: ${swept.newStories} new, ${swept.breaking.length} breaking, from ${swept.items} items\n`,
        );
        return summary.feeds > 0 && summary.failed === summary.feeds ? 1 : 0;
      }
      const tasks = [{ name: 'stories', run: () => stories.sweep() }, ...(websub ? [{ name: 'websub renewal', run: () => websub.renewDue() }] : [])];
      const loop = new IngestLoop(ingester, config.ingest.tickMs, logger, tasks);
      loop.start();
      await new Promise((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await loop.stop();
      return 0;
    });
  },
};

function formatSummary(s: CycleSummary, groups: ReturnType<typeof groupFailures>, hint: string | undefined): string {
  const lines = [
    `feeds ${s.feeds}  fetched ${s.fetched}  not modified ${s.notModified}  failed ${s.failed}  new items ${s.newItems}  ${(s.durationMs / 1000).toFixed(1)} s`,
    ...groups.map(
      (g) =>
        `  ${g.feeds.length} failed: ${g.cause} — ${g.feeds.slice(0, 3).join(', ')}${g.feeds.length > 3 ? ` and ${g.feeds.length - 3} more` : ''} (e.g. "${g.example}")`,
    ),
    ...(hint ? [`hint: ${hint}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
