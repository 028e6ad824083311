// `herald ingest --once [--all] [--json]`: one cycle of the due feeds (or all of them), new
// items put into stories, and a summary. Without --once it keeps polling until SIGTERM, like
// `start --role ingest` without the web server.
import { loadConfig } from '../../config.ts';
import { loadCatalog } from '../../core/catalog/catalog-loader.ts';
import { PrismaCatalogRepository } from '../../store/catalog.store.ts';
import { openDatabase } from '../../store/database.ts';
import { IngestLoop } from '../../ingest/ingest-loop.ts';
import type { CycleSummary } from '../../ingest/ingester.ts';
import { createLogger } from '../../logging.ts';
import { createIngester, createStoryService } from '../../main.ts';
import type { Command } from '../command.ts';

export const ingest: Command = {
  name: 'ingest',
  summary: 'Fetch due feeds and store new items (--once: one cycle; --all: every feed)',
  usage: '[--once] [--all] [--json]',
  options: { once: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    // Cycle logs would drown the summary on stdout; warnings and errors still go to stderr.
    const logger = createLogger(values.once ? 'silent' : config.logLevel);
    const database = await openDatabase(config.databaseUrl);
    const { ingester, websub, close } = createIngester(config, database, logger);
    let closeStories: (() => Promise<void>) | undefined;
    try {
      await database.migrate();
      await new PrismaCatalogRepository(database.prisma).sync(await loadCatalog(config.catalogFile));
      const service = createStoryService(config, database, logger);
      closeStories = service.close;
      const stories = service.stories;
      if (values.once) {
        const summary = await ingester.runCycle({ all: values.all === true });
        const swept = await stories.sweep();
        const report = { ...summary, stories: { items: swept.items, new: swept.newStories, breaking: swept.breaking.length } };
        io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatSummary(summary) + `stories: ${swept.newStories} new, ${swept.breaking.length} breaking, from ${swept.items} items\n`);
        return 0;
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
    } finally {
      await closeStories?.();
      await close();
      await database.close();
    }
  },
};

function formatSummary(s: CycleSummary): string {
  const lines = [
    `feeds ${s.feeds}  fetched ${s.fetched}  not modified ${s.notModified}  failed ${s.failed}  new items ${s.newItems}  ${(s.durationMs / 1000).toFixed(1)} s`,
    ...s.failures.map((f) => `  failed ${f.feedId}: ${f.error}`),
  ];
  return `${lines.join('\n')}\n`;
}
