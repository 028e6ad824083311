// pino, with every field that could carry a secret redacted, whatever the caller logs, and
// every line it writes run through the Redactor (the configured secrets, and credentials
// recognisable by their shape, in messages and stacks alike): the second line of defence
// behind the redaction where platform errors are translated.
import { pino, type DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Logger } from './core/logger.ts';
import { shapesOnly, type Redactor } from './core/redact.ts';

const REDACT = [
  'token',
  'secret',
  'password',
  '*.token',
  '*.secret',
  '*.password',
  '*.webhookSecret',
  '*.publicKey',
  '*.*.token',
  '*.*.*.token',
  // A grammY BotError carries the whole context: the API (with the token) and the user's update.
  'err.ctx',
  '*.err.ctx',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  '*.headers["x-telegram-bot-api-secret-token"]',
];

export function createLogger(level: Config['logLevel'], options: { destination?: DestinationStream; redactor?: Redactor } = {}): Logger {
  const redactor = options.redactor ?? shapesOnly;
  return pino(
    { level, base: { app: 'herald' }, redact: { paths: REDACT, censor: '[redacted]' }, hooks: { streamWrite: (line) => redactor.text(line) } },
    options.destination,
  );
}
