// Discord's send limits, for the delivery budgets: requests a second in all, and messages per
// channel in 5 s (its usual bucket; the REST client also honours the buckets its headers
// announce). The numbers come from the configuration.
import type { Config } from '../../config.ts';
import type { PlatformRates } from '../../core/delivery/send-budget.ts';

export function discordRates(rates: Config['discord']['rates']): PlatformRates {
  return (chat) => [
    { key: 'discord:global', count: rates.perSecond, windowMs: 1000 },
    { key: `discord:chat:${chat}`, count: rates.perChannelPer5s, windowMs: 5000 },
  ];
}
