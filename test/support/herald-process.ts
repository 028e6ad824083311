// Runs `herald` as a child process on a clean environment; starts `herald start --role web` in a fresh directory, with only the
// given platform settings (the test runner's own HERALD_/TELEGRAM_/DISCORD_ variables are
// dropped), and resolves with its HTTP port. Cleanups stop it and remove the directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const herald = join(root, 'bin', 'herald.js');

/** The environment of a fresh machine: none of the tester's own Herald settings. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|PORT|HOST|HERALD_|TELEGRAM_|DISCORD_|REDIS_URL|PUBLIC_URL|LOG_LEVEL)/.test(k)),
  );
  return { ...env, ...extra };
}

/**
 * Runs herald as a child process, with `input` on stdin if given; asynchronous, so fakes in
 * the test process keep answering.
 */
export function runHerald(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [herald, ...args], { cwd, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export async function startHeraldProcess(
  cleanups: (() => Promise<void> | void)[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  const child = spawn(process.execPath, [herald, 'start', '--role', 'web'], { cwd: dir, env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }) });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))));
  let buffer = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const m = /"port":(\d+),"msg":"http listening"/.exec(buffer);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, port, output: () => buffer };
}
