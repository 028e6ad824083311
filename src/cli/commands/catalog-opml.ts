// `herald catalog export-opml [--out FILE]` writes the catalog (HERALD_CATALOG or the shipped
// one) as OPML, grouped by country and category, for feed readers. `herald catalog import-opml
// FILE --country XX --language xx --category slug [--into CATALOG]` adds an OPML file's feeds
// to the operator's own catalog file (HERALD_CATALOG, or --into), which starts as a copy of
// the shipped catalog when it does not exist yet. The shipped file itself is never edited.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeedAddition } from '../../core/catalog/catalog-additions.ts';
import { loadCatalog, SHIPPED_CATALOG } from '../../core/catalog/catalog-loader.ts';
import { catalogToOpml, opmlFeeds } from '../../core/catalog/catalog-opml.ts';
import { loadConfig } from '../../config.ts';
import { UsageError, type Command } from '../command.ts';
import { addToOwnCatalog, ownCatalogFile } from '../own-catalog.ts';

export const catalogExportOpml: Command = {
  name: 'catalog export-opml',
  summary: 'Write the catalog as OPML (grouped by country and category), to stdout or --out FILE',
  usage: '[--out FILE]',
  options: { out: { type: 'string' } },
  async run({ values }, io) {
    const file = loadConfig(io.env).catalogFile ?? SHIPPED_CATALOG;
    const opml = catalogToOpml(await loadCatalog(file), new Date());
    if (typeof values['out'] === 'string') {
      await writeFile(values['out'], opml);
      io.stderr.write(`wrote ${values['out']}\n`);
    } else io.stdout.write(opml);
    return 0;
  },
};

export const catalogImportOpml: Command = {
  name: 'catalog import-opml',
  summary: "Add an OPML file's feeds to your own catalog file, validated like the rest",
  usage: 'FILE --country XX --language xx --category slug [--into CATALOG]',
  options: { country: { type: 'string' }, language: { type: 'string' }, category: { type: 'string' }, into: { type: 'string' } },
  async run({ positionals, values }, io) {
    const opmlFile = positionals[0];
    const [country, language, category] = [values['country'], values['language'], values['category']];
    if (!opmlFile || typeof country !== 'string' || typeof language !== 'string' || typeof category !== 'string')
      throw new UsageError('give the OPML file, --country, --language and --category');
    const into = ownCatalogFile(values['into'], io);
    let feeds;
    try {
      feeds = opmlFeeds(await readFile(opmlFile, 'utf8'));
    } catch (error) {
      io.stderr.write(`herald catalog import-opml: ${opmlFile} is not an OPML file Herald can read: ${(error as Error).message}\n`);
      return 1;
    }
    if (feeds.length === 0) {
      io.stderr.write(`herald catalog import-opml: ${opmlFile} lists no feeds (no outline with an xmlUrl)\n`);
      return 1;
    }
    const today = new Date().toISOString().slice(0, 10);
    const additions: FeedAddition[] = [];
    for (const f of feeds) {
      if (!/^https?:\/\//i.test(f.xmlUrl) || !URL.canParse(f.xmlUrl)) {
        io.stdout.write(`skipped ${f.xmlUrl}: not an http(s) address\n`);
        continue;
      }
      additions.push({
        url: f.xmlUrl,
        outlet: f.name,
        ...(f.htmlUrl && URL.canParse(f.htmlUrl) ? { homepage: f.htmlUrl } : { homepage: `${new URL(f.xmlUrl).origin}/`, homepageGuessed: true }),
        country: country.toUpperCase(),
        language: language.toLowerCase(),
        category: category.toLowerCase(),
        ref: `imported from ${basename(opmlFile)} on ${today}${f.folders.length ? ` (folder ${f.folders.join(' / ')})` : ''}`,
      });
    }
    return addToOwnCatalog(into, additions, io);
  },
};
