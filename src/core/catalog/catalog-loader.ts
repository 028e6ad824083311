// Reads a catalog file (YAML, or JSON, which YAML reads too) and validates it. Every problem
// is thrown at once as a CatalogError, each line naming the file and the path in it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { projectRoot } from '../project-root.ts';
import type { Catalog } from './catalog.ts';
import { validateCatalog, type CatalogIssue } from './catalog-validate.ts';

export const SHIPPED_CATALOG = join(projectRoot, 'catalog', 'catalog.yaml');

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly issues: CatalogIssue[],
  ) {
    super(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n` + issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'));
    this.name = 'CatalogError';
  }
}

export function parseCatalogText(text: string, file: string): Catalog {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CatalogError(
      file,
      doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const result = validateCatalog(doc.toJS());
  if (!result.ok) throw new CatalogError(file, result.issues);
  return result.catalog;
}

export async function loadCatalog(file: string = SHIPPED_CATALOG): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CatalogError(file, [{ path: '(file)', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return parseCatalogText(text, file);
}
