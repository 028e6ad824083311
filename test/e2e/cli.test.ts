// The herald command as a newcomer runs it: a child process, a fresh SQLite file, real HTTP
// on loopback, SIGTERM at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const herald = join(root, 'bin', 'herald.js');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  dirs.push(dir);
  return dir;
}

/** The environment of a fresh machine: none of the tester's own Herald settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|PORT|HOST|HERALD_|TELEGRAM_|DISCORD_|REDIS_URL|PUBLIC_URL|LOG_LEVEL)/.test(k)),
  );
  return { ...env, ...extra };
}

function run(args: string[], env: Record<string, string> = {}, cwd = tempDir()) {
  const r = spawnSync(process.execPath, [herald, ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('herald catalog check', () => {
  it('passes on the shipped catalog', () => {
    const r = run(['catalog', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/catalog\.yaml: ok — 7 countries, 6 languages, 6 categories \(\+ All Categories\), 50 sources, \d+ feeds/);
  });

  it('fails with every problem of a broken file, each with its path', () => {
    const file = join(root, 'test', 'fixtures', 'catalogs', 'broken.yaml');
    const r = run(['catalog', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('countries[1].primaryLanguage: missing primary language');
  });

  it('reads HERALD_CATALOG when no file is named', () => {
    const r = run(['catalog', 'check'], { HERALD_CATALOG: join(root, 'test', 'fixtures', 'catalogs', 'small.yaml') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('small.yaml: ok — 2 countries');
  });
});

describe('herald migrate', () => {
  it('applies the migrations once, then says the database is up to date', () => {
    const cwd = tempDir();
    const first = run(['migrate'], {}, cwd);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^sqlite file:.*data\/herald\.db: applied 1 migration\(s\)/);
    const second = run(['migrate'], {}, cwd);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('refuses a bad DATABASE_URL with a one-line reason', () => {
    const r = run(['migrate'], { DATABASE_URL: 'mysql://root:pw@localhost/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL: must start with file: (SQLite) or postgres:// (PostgreSQL)');
    expect(r.stderr).not.toContain('pw@');
  });
});

describe('herald usage', () => {
  it('lists the commands, and refuses unknown ones and bad options', () => {
    expect(run(['--help']).stdout).toContain('catalog check [FILE]');
    const unknown = run(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    const badRole = run(['start', '--role', 'chef']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of all, web, ingest, scheduler, worker; got "chef"');
  });
});

describe('herald start', () => {
  it('serves /healthz and /readyz on a fresh SQLite file with no tokens, and stops on SIGTERM', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [herald, 'start'], { cwd, env: cleanEnv({ PORT: '0', HOST: '127.0.0.1' }) });
    const lines: { msg: string; port?: number; platform?: string }[] = [];
    let buffer = '';
    const listening = new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
          lines.push(line);
          if (line.msg === 'http listening') resolve(line.port);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const port = await listening;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(lines.filter((l) => l.platform).map((l) => l.msg)).toEqual([
      'Telegram is off: TELEGRAM_BOT_TOKEN is not set',
      'Discord is off: DISCORD_BOT_TOKEN is not set',
    ]);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['migrations applied', 'catalog synced']));

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.at(-1)?.msg).toBe('stopped');
  });
});
