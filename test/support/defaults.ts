// The configuration's defaults, as tests use them (src/config.ts is the one source of every
// default), and the platforms' send limits built from them.
import { loadConfig, type Config } from '../../src/config.ts';
import { DEFAULT_MARGIN, type BudgetLimits } from '../../src/core/delivery/send-budget.ts';
import { discordRates } from '../../src/platforms/discord/discord-limits.ts';
import { telegramRates } from '../../src/platforms/telegram/telegram-limits.ts';

export const defaults: Config = loadConfig({});

/** Telegram's and Discord's limits, with Telegram's changed where given. */
export function budgetLimits(telegram: Partial<Config['telegram']['rates']> = {}): BudgetLimits {
  return {
    platforms: { telegram: telegramRates({ ...defaults.telegram.rates, ...telegram }), discord: discordRates(defaults.discord.rates) },
    margin: DEFAULT_MARGIN,
  };
}

/** The deliverer's configured attempts, backoff and lease. */
export const deliveryOptions = { maxAttempts: defaults.delivery.maxAttempts, baseBackoffMs: defaults.delivery.retryBaseMs, leaseMs: defaults.delivery.leaseMs };

/** The fetcher's configured size cap and User-Agent (timeouts are each caller's). */
export const fetcherOptions = { maxBytes: defaults.ingest.maxBytes, userAgent: defaults.ingest.userAgent };
