// Tests: unit (pure), integration (real SQLite file and real PostgreSQL), e2e (the herald
// command as a child process on loopback).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
