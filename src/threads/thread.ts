// Long CPU work off the main thread: a worker thread that answers calls by method name. The
// main thread keeps its event loop for HTTP, timers and I/O; the worker parses feeds or
// clusters stories. A call may stream parts of its answer before the result (a large list
// in pieces, so that no single message takes long to read back). A worker that dies fails
// the calls it had, and the next call starts a new one: the caller decides what state to
// rebuild. Workers run the TypeScript sources through tsx, as the main thread does.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

type Message = { id: number; part: unknown } | { id: number; result: unknown } | { id: number; error: ThreadFailure };

/** An error as it crosses from the worker: what the caller needs to rebuild it. */
export interface ThreadFailure {
  name: string;
  message: string;
  kind?: string;
}

/** The worker ended (a crash, or it ran out of memory) before answering. */
export class ThreadDied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadDied';
  }
}

// tsx's ESM API (its CommonJS entry would not load the ESM hooks in a worker).
const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onPart?: (part: never) => void;
}

export class Thread {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  #closed = false;

  constructor(
    /** The worker's module (a .ts file that calls serveThread). */
    private readonly entry: URL,
    /** How errors from the worker are made into errors again (a FeedParseError, say). */
    private readonly revive: (failure: ThreadFailure) => Error = (f) => Object.assign(new Error(f.message), { name: f.name }),
  ) {}

  /** Calls `method` in the worker; `onPart` gets the parts it streams before its result. */
  call<T, P = never>(method: string, args: unknown, onPart?: (part: P) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new ThreadDied('the thread is closed'));
    const worker = this.#start();
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onPart ? { onPart: onPart as (part: never) => void } : {}) });
      // A worker with calls in flight keeps the process alive; an idle one does not.
      worker.ref();
      worker.postMessage({ id, method, args });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const code = `import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(this.entry.href)});\n`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    worker.unref();
    worker.on('message', (m: Message) => {
      const pending = this.#pending.get(m.id);
      if (!pending) return;
      if ('part' in m) return pending.onPart?.(m.part as never);
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) worker.unref();
      if ('error' in m) pending.reject(this.revive(m.error));
      else pending.resolve(m.result);
    });
    const fail = (why: string) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const [id, p] of this.#pending) {
        this.#pending.delete(id);
        p.reject(new ThreadDied(why));
      }
    };
    worker.on('error', (error) => fail(`the worker thread failed: ${error.message}`));
    worker.on('exit', (code) => fail(`the worker thread exited (code ${code})`));
    this.#worker = worker;
    return worker;
  }
}

export type Handler = (args: never, part: (p: unknown) => void) => Promise<unknown> | unknown;

/** In the worker: answers the main thread's calls with these handlers, one call at a time. */
export function serveThread(handlers: Record<string, Handler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveThread runs in a worker thread');
  let queue = Promise.resolve();
  port.on('message', ({ id, method, args }: { id: number; method: string; args: unknown }) => {
    queue = queue.then(async () => {
      try {
        const handler = handlers[method];
        if (!handler) throw new Error(`no method ${method} in this thread`);
        const result = await handler(args as never, (part) => port.postMessage({ id, part }));
        port.postMessage({ id, result });
      } catch (error) {
        const e = error as Error & { kind?: string };
        port.postMessage({
          id,
          error: { name: e?.name ?? 'Error', message: e?.message ?? String(error), ...(typeof e?.kind === 'string' ? { kind: e.kind } : {}) },
        });
      }
    });
  });
}
