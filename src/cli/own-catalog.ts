// The operator's own catalog file, where `catalog import-opml` and `suggestions approve` add
// feeds: named by --into or HERALD_CATALOG, never the shipped file (however its path is
// written), and a copy of the shipped catalog until it exists. Written whole, then moved into
// place, so a crash or a full disk never leaves half a catalog.
import { existsSync, realpathSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addFeeds, type FeedAddition } from '../core/catalog/catalog-additions.ts';
import { CatalogError, SHIPPED_CATALOG } from '../core/catalog/catalog-loader.ts';
import { loadConfig } from '../config.ts';
import { UsageError, type CommandIo } from './command.ts';

/** The operator's own catalog file: --into, else HERALD_CATALOG; never the shipped one. */
export function ownCatalogFile(into: unknown, io: CommandIo): string {
  const file = typeof into === 'string' ? into : loadConfig(io.env).catalogFile;
  if (!file) throw new UsageError('name your own catalog file (--into FILE, or HERALD_CATALOG): the shipped catalog is not edited in place');
  const same = (a: string, b: string) => (existsSync(a) && existsSync(b) ? realpathSync(a) === realpathSync(b) : resolve(a) === resolve(b));
  if (same(file, SHIPPED_CATALOG)) throw new UsageError('the shipped catalog is not edited in place: name a file of your own');
  return file;
}

/** Adds feeds to the operator's file (a copy of the shipped catalog at first) and says what happened. */
export async function addToOwnCatalog(file: string, additions: FeedAddition[], io: CommandIo): Promise<number> {
  const text = await readFile(existsSync(file) ? file : SHIPPED_CATALOG, 'utf8');
  try {
    const result = addFeeds(text, file, additions);
    for (const s of result.skipped) io.stdout.write(`skipped ${s.addition.url}: ${s.why}\n`);
    if (result.added.length > 0) {
      await writeFile(`${file}.tmp`, result.text);
      await rename(`${file}.tmp`, file);
    }
    io.stdout.write(
      `${file}: ${result.added.length} feed(s) added${result.newOutlets.length ? `, new outlet(s): ${result.newOutlets.join(', ')}` : ''}; ${result.skipped.length} skipped\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    io.stderr.write(`nothing written: the catalog would not be valid\n${error.message}\n`);
    return 1;
  }
}
