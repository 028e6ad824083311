// A worker thread for the thread tests: echoes, or dies on request (as one that runs out of memory would).
import { serveThread } from '../../src/threads/thread.ts';

serveThread({
  echo: (text: string) => text,
  crash: () => process.exit(3),
});
