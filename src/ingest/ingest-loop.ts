// The ingest role: runs a cycle of the due feeds now and on every tick after, one cycle at a
// time. A failing cycle is logged and the next tick tries again; stop() waits for the
// cycle in progress.
import type { Logger } from '../core/logger.ts';
import type { Ingester } from './ingester.ts';

export class IngestLoop {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly ingester: Ingester,
    private readonly tickMs: number,
    private readonly logger: Logger,
    /** Other periodic work of the ingest role (e.g. WebSub lease renewal), after each cycle. */
    private readonly tasks: { name: string; run: () => Promise<unknown> }[] = [],
  ) {}

  start(): void {
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), this.tickMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.ingester.abort();
    await this.#running;
  }

  #tick(): void {
    if (this.#running || this.#stopped) return;
    this.#running = (async () => {
      try {
        await this.ingester.runCycle();
      } catch (error) {
        this.logger.error({ err: error }, 'ingest cycle failed');
      }
      for (const task of this.tasks) {
        if (this.#stopped) break;
        await task.run().catch((error: unknown) => this.logger.error({ err: error, task: task.name }, 'ingest task failed'));
      }
    })().finally(() => {
      this.#running = undefined;
    });
  }
}
