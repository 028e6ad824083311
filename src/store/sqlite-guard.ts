// The SQLite driver adapter, made fit to share one connection and one thread. better-sqlite3
// runs every query synchronously, so Prisma's awaits resolve at once and a transaction's run
// of queries (a 12,000-item store, a story save) never gives the event loop a turn; and a
// query from another task that lands between two queries of an open transaction runs inside
// it, on the same connection, and is rolled back with it. So: a query outside a transaction
// waits while one is open, and a transaction's queries give the loop a turn every ~15 ms
// (loop-turns.ts). Plain queries do not: they are one-offs of many tasks (a sender's marks),
// which a turn before each would queue behind whatever holds the loop, a fan-out's writes say
// (the fan-out benchmark's first seconds dropped from 880 to 140 sends/s when they did).
import type { SqlDriverAdapter, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { yieldIfBusy } from './loop-turns.ts';

export function guardSqlite(adapter: SqlDriverAdapter): SqlDriverAdapter {
  /** Resolves when the open transaction ends; undefined when none is open. */
  let open: Promise<void> | undefined;
  const outside = async () => {
    // The query runs in the same turn as this check: no transaction can begin in between.
    while (open) await open;
  };
  const inTransaction = (tx: Transaction, ended: () => void): Transaction => {
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      ended();
    };
    return Object.assign(Object.create(tx) as Transaction, {
      queryRaw: async (q: SqlQuery) => (await yieldIfBusy(), tx.queryRaw(q)),
      executeRaw: async (q: SqlQuery) => (await yieldIfBusy(), tx.executeRaw(q)),
      commit: async () => {
        try {
          await tx.commit();
        } finally {
          end();
        }
      },
      rollback: async () => {
        try {
          await tx.rollback();
        } finally {
          end();
        }
      },
    });
  };
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    queryRaw: async (q: SqlQuery) => (await outside(), adapter.queryRaw(q)),
    executeRaw: async (q: SqlQuery) => (await outside(), adapter.executeRaw(q)),
    executeScript: async (script: string) => (await outside(), adapter.executeScript(script)),
    startTransaction: async (isolation?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
      await yieldIfBusy();
      // The adapter's own mutex lines transactions up; once this one has begun, plain queries wait.
      const tx = await adapter.startTransaction(isolation);
      let ended!: () => void;
      const ending = new Promise<void>((resolve) => (ended = resolve));
      open = ending;
      void ending.then(() => {
        if (open === ending) open = undefined;
      });
      return inTransaction(tx, ended);
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  });
}
