// Telegram's send limits, for the delivery budgets: in all (30 messages a second, more for
// paid broadcast), per chat (1 a second) and per group (20 a minute). The numbers come from
// the configuration; this says which sends each one holds.
import type { Config } from '../../config.ts';
import type { PlatformRates } from '../../core/delivery/send-budget.ts';

export function telegramRates(rates: Config['telegram']['rates']): PlatformRates {
  return (chat, chatClass) => [
    { key: 'telegram:global', count: rates.perSecond, windowMs: 1000 },
    { key: `telegram:chat:${chat}`, count: rates.perChatPerSecond, windowMs: 1000 },
    ...(chatClass === 'group' ? [{ key: `telegram:group:${chat}`, count: rates.perGroupPerMinute, windowMs: 60_000 }] : []),
  ];
}
