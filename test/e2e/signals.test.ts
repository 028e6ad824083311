// Signals reach the server: SIGTERM to the `npm start` process stops Herald itself (it finishes
// what is in flight and closes its port), rather than ending npm and leaving the server behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv } from '../support/herald-process.ts';
import { SMALL_CATALOG } from '../support/ingest-harness.ts';

const root = join(import.meta.dirname, '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );

describe('npm start', () => {
  it('hands SIGTERM to the server, which stops and frees its port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-signal-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // The catalog's feeds are unreachable here; nothing in this test needs them.
    const env = cleanEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'herald.db')}`, HERALD_CATALOG: SMALL_CATALOG, HERALD_DEMO: '0' });
    const npm = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => npm.kill('SIGKILL'));
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /"port":(\d+),"msg":"http listening"/.exec(out);
        if (m && out.includes('"msg":"herald started"')) resolve(Number(m[1]));
      }, 50);
      npm.once('exit', (code) => reject(new Error(`npm exited with ${code}: ${out}`)));
      cleanups.push(() => clearInterval(timer));
    });
    expect(await answers(port)).toBe(true);

    npm.kill('SIGTERM');
    await new Promise((resolve) => (npm.exitCode !== null ? resolve(undefined) : npm.once('exit', resolve)));
    // The server went down with npm: its port no longer answers.
    let serving = true;
    for (let i = 0; i < 50 && serving; i++) {
      serving = await answers(port);
      if (serving) await new Promise((r) => setTimeout(r, 100));
    }
    expect(serving, 'the server outlived npm').toBe(false);
    expect(out).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(out).toContain('"msg":"stopped"');
  });
});
