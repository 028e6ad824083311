// Gives the event loop a turn during long runs of synchronous work. A loop that is free
// fires a 10-ms heartbeat; work that notices the heartbeat is older than `budgetMs` has been
// holding the loop that long, and yields (setImmediate) so that timers and sockets are
// served: HTTP answers, Discord's 3-second deadline, cron. The heartbeat is unref'd: it keeps
// no process alive.

const BEAT_MS = 10;
let lastTurn = performance.now();
let beating = false;

function beat(): void {
  lastTurn = performance.now();
  setTimeout(beat, BEAT_MS).unref();
}

/** Resolves at once when the loop had a turn lately, or after giving it one. */
export function yieldIfBusy(budgetMs = 15): Promise<void> | undefined {
  if (!beating) {
    beating = true;
    beat();
  }
  if (performance.now() - lastTurn <= budgetMs) return undefined;
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      lastTurn = performance.now();
      resolve();
    }),
  );
}
