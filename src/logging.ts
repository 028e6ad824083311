// pino, with every field that could carry a secret redacted, whatever the caller logs.
import { pino, type DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Logger } from './core/logger.ts';

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

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'herald' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
