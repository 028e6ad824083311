// `herald start [--role …]`: runs Herald until SIGTERM or SIGINT, then shuts down cleanly.
import { loadConfig, secretsOf } from '../../config.ts';
import { Redactor } from '../../core/redact.ts';
import { createLogger } from '../../logging.ts';
import { ROLES, startHerald, type Role } from '../../main.ts';
import { UsageError, type Command } from '../command.ts';

export const start: Command = {
  name: 'start',
  summary: 'Run Herald (migrates, syncs the catalog, serves HTTP on PORT)',
  usage: `[--role ${ROLES.join('|')}]`,
  options: { role: { type: 'string', default: 'all' } },
  async run({ values }, io) {
    const role = values.role as string;
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
    const config = loadConfig(io.env);
    const logger = createLogger(config.logLevel, { redactor: new Redactor(secretsOf(config)) });
    const herald = await startHerald(config, logger, role as Role);
    logger.info({ role }, 'herald started');
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    logger.info({ signal }, 'shutting down');
    await herald.stop();
    logger.info('stopped');
    return 0;
  },
};
