// The folder Herald is installed in, for the files it ships (migrations, catalog), whatever
// the current directory is.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
