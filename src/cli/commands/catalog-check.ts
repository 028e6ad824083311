// `herald catalog check [FILE]`: validates a catalog file (HERALD_CATALOG or the shipped
// one by default) and prints every problem at once.
import { CatalogError, loadCatalog, SHIPPED_CATALOG } from '../../core/catalog/catalog-loader.ts';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';

export const catalogCheck: Command = {
  name: 'catalog check',
  summary: 'Validate a catalog file (default: HERALD_CATALOG, else the shipped catalog)',
  usage: '[FILE]',
  async run({ positionals }, io) {
    const file = positionals[0] ?? loadConfig(io.env).catalogFile ?? SHIPPED_CATALOG;
    try {
      const c = await loadCatalog(file);
      io.stdout.write(
        `${file}: ok — ${c.countries.length} countries, ${c.languages.length} languages, ` +
          `${c.categories.length} categories${c.allCategory ? ` (+ ${c.allCategory.name})` : ''}, ` +
          `${c.sources.length} sources, ${c.feeds.length} feeds\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
  },
};
