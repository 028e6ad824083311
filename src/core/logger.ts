// The logger core code receives: structured, leveled, with child loggers for context.
// Implemented by pino in src/logging.ts; tests may pass a recording one.
export interface LogFn {
  (message: string): void;
  (fields: object, message?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
