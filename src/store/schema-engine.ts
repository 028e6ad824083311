// Prisma's own schema engine, compiled to WebAssembly, so migrations apply (and new ones are
// diffed) with no native binary: Prisma's binary host is unreachable from many deployments.
// The package imports its .wasm as an ES module, which Node 20 refuses without a flag, so it
// is instantiated here by hand (docs/decisions/006-prisma-without-native-engines.md).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
// Node has WebAssembly; @types/node does not declare it (it lives in the DOM typings).
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let bindings: Promise<Bindings> | undefined;

function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const glue: Bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const glueFile = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(join(dirname(glueFile), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

/** The schema engine could not lock the SQLite file: another process has it open. */
export class DatabaseBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseBusy';
  }
}

export type EngineLog = (line: string) => void;

/**
 * Runs `work` with a schema engine on the given database. The engine never closes the
 * connections it opens through the adapter (a SQLite file would stay locked), so they are
 * tracked here and disposed of afterwards.
 */
export async function withSchemaEngine<T>(
  schemaPath: string,
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
  log: EngineLog = () => {},
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => track(await adapterFactory.connect()),
    connectToShadowDb: async () => track(await adapterFactory.connectToShadowDb()),
  };
  // SQLite's "database is locked" reaches the engine as a kind it does not know (SocketTimeout),
  // and comes back as a Wasm stack trace: it is noted here and reported in one line.
  let busy = false;
  const noteBusy =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } catch (error) {
        if (/^SQLITE_BUSY/.test((error as { cause?: { originalCode?: string } }).cause?.originalCode ?? '')) busy = true;
        throw error;
      }
    };
  function track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    opened.push(adapter);
    return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
      queryRaw: noteBusy(adapter.queryRaw.bind(adapter)),
      executeRaw: noteBusy(adapter.executeRaw.bind(adapter)),
      executeScript: noteBusy(adapter.executeScript.bind(adapter)),
    });
  }
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, (line: string) => log(line), bindMigrationAwareSqlAdapterFactory(tracked));
  try {
    return await work(engine);
  } catch (error) {
    if (busy) throw new DatabaseBusy('is in use by another process (a running Herald?): stop it, then try again');
    throw error;
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
