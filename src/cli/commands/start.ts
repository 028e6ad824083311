// `herald start [--role …]`: runs Herald until SIGTERM or SIGINT, then shuts down cleanly.
import { loadConfig, secretsOf } from '../../config.ts';
import { Stopped } from '../../core/connect/keep-trying.ts';
import { Redactor } from '../../core/redact.ts';
import { createLogger } from '../../logging.ts';
import { ROLES, isRole } from '../../app/roles.ts';
import { startHerald } from '../../app/start.ts';
import { UsageError, type Command } from '../command.ts';

export const start: Command = {
  name: 'start',
  summary: 'Run Herald (migrates, syncs the catalog, serves HTTP on PORT)',
  usage: `[--role ${ROLES.join('|')}]`,
  options: { role: { type: 'string', default: 'all' } },
  async run({ values }, io) {
    const role = values.role as string;
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}; got "${role}"`);
    const config = loadConfig(io.env);
    const logger = createLogger(config.logLevel, { redactor: new Redactor(secretsOf(config)) });
    // Listening from the first moment: a signal while Herald still waits for its database ends the wait.
    const stopping = new AbortController();
    const signal = new Promise<NodeJS.Signals>((resolve) => {
      const on = (s: NodeJS.Signals) => () => (stopping.abort(), resolve(s));
      process.once('SIGTERM', on('SIGTERM'));
      process.once('SIGINT', on('SIGINT'));
    });
    let herald;
    try {
      herald = await startHerald(config, logger, role, { signal: stopping.signal });
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      logger.info({ signal: await signal }, 'stopped while starting');
      return 0;
    }
    logger.info({ role }, 'herald started');
    logger.info({ signal: await signal }, 'shutting down');
    // Bounded: a server that went away meanwhile (Redis, a platform) must not hold the stop up.
    const limit = config.shutdownTimeoutMs + 5000;
    const stopped = await Promise.race([herald.stop().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), limit).unref())]);
    if (stopped) logger.info('stopped');
    else logger.error({ afterMs: limit }, 'stopping took too long; exiting anyway');
    // Libraries may keep timers of their own (a Discord gateway's reconnect): they do not keep Herald running.
    setTimeout(() => process.exit(stopped ? 0 : 1), 500).unref();
    return stopped ? 0 : 1;
  },
};
