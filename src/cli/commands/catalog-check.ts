// `herald catalog check [FILE] [--strict]`: validates a catalog file (HERALD_CATALOG or the
// shipped one by default) and prints every problem at once; then what it covers: per country,
// each of its languages × category with the number of feeds, the empty cells, and any feed
// address filed twice; empty cells the catalog explains (its `gaps`) and outlets it marks
// unavailable are listed with their reasons. With --strict, unexplained empty cells and
// duplicates fail the check too.
import { CatalogError, loadCatalog, SHIPPED_CATALOG } from '../../core/catalog/catalog-loader.ts';
import { catalogCoverage } from '../../core/catalog/coverage.ts';
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';

export const catalogCheck: Command = {
  name: 'catalog check',
  summary: 'Validate a catalog file (default: HERALD_CATALOG, else the shipped catalog) and report its coverage',
  usage: '[FILE] [--strict]',
  options: { strict: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const file = positionals[0] ?? loadConfig(io.env).catalogFile ?? SHIPPED_CATALOG;
    try {
      const c = await loadCatalog(file);
      io.stdout.write(
        `${file}: ok — ${c.countries.length} countries, ${c.languages.length} languages, ` +
          `${c.categories.length} categories${c.allCategory ? ` (+ ${c.allCategory.name})` : ''}, ` +
          `${c.sources.length} sources, ${c.feeds.length} feeds\n`,
      );
      const coverage = catalogCoverage(c);
      const slugs = c.categories.map((k) => k.slug);
      io.stdout.write(`\ncoverage (feeds per country × language × category: ${slugs.join(', ')}):\n`);
      for (const country of c.countries)
        for (const language of country.languages) {
          const row = coverage.cells.filter((x) => x.country === country.code && x.language === language);
          io.stdout.write(`  ${country.code.padEnd(5)} ${language.padEnd(3)} ${row.map((x) => String(x.feeds).padStart(3)).join(' ')}\n`);
        }
      for (const e of coverage.explained) io.stdout.write(`empty, explained: ${e.country} × ${e.language} × ${e.category}: ${e.reason}\n`);
      for (const u of coverage.unavailable) io.stdout.write(`unavailable: ${u.source} (${u.reason} since ${u.since})\n`);
      for (const e of coverage.empty) io.stdout.write(`warning: no feed for ${e.country} × ${e.language} × ${e.category}\n`);
      for (const d of coverage.duplicates) io.stdout.write(`warning: ${d.url} is filed ${d.feeds.length} times: ${d.feeds.join(', ')}\n`);
      const warnings = coverage.empty.length + coverage.duplicates.length;
      io.stdout.write(
        `${coverage.empty.length + coverage.explained.length} of ${coverage.cells.length} cells empty (${coverage.explained.length} explained); ` +
          `${coverage.unavailable.length} outlet(s) unavailable; ${coverage.duplicates.length} feed address(es) filed twice\n`,
      );
      return values['strict'] && warnings > 0 ? 1 : 0;
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
  },
};
