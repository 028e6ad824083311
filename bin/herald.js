#!/usr/bin/env node
// The `herald` command. Herald runs its TypeScript sources directly through tsx (no build
// step to forget); this file only registers the loader and hands over to src/cli.ts.
import { register } from 'tsx/esm/api';

register();
// `herald … | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
