// Which database a DATABASE_URL names. SQLite (`file:…`) is the embedded default; PostgreSQL
// (`postgres://…` or `postgresql://…`) is for scale-out. Anything else is refused here so a
// typo fails at start with a clear message rather than deep inside a driver.
import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget = { provider: 'sqlite'; file: string; url: string } | { provider: 'postgres'; url: string };

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path =
      url
        .slice('file:'.length)
        .replace(/^\/\/(?=\/)/, '')
        .split('?')[0] ?? '';
    if (path === '') throw new Error('DATABASE_URL "file:" names no file');
    const file = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(cwd, path);
    return { provider: 'sqlite', file, url: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgres', url };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${redactUrl(url)}"`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
