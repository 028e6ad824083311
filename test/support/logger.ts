// A Logger that records its lines, for tests that check what was logged.
import type { Logger } from '../../src/core/logger.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string | undefined;
  fields: object;
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: object): Logger => {
    const at =
      (level: LogLine['level']) =>
      (a: string | object, b?: string): void => {
        if (typeof a === 'string') lines.push({ level, message: a, fields: bindings });
        else lines.push({ level, message: b, fields: { ...bindings, ...a } });
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return { logger: make({}), lines };
}
