// Telegram, as Herald's composition root sees it: private chats, groups and channels; its send
// limits; its messenger on the Bot API; the bot by webhook (through the durable inbox) or long
// polling; HTML messages with inline keyboards.
import type { Platform } from '../platform.ts';
import { telegramRates } from './telegram-limits.ts';
import { TelegramMessenger, translate } from './telegram-messenger.ts';
import { telegramParts } from './telegram-render.ts';
import { startTelegram } from './telegram-start.ts';

export const telegram: Platform = {
  name: 'telegram',
  label: 'Telegram',
  targetKinds: ['private', 'group', 'supergroup', 'channel', 'topic'],
  off: (config) => (config.telegram.token ? undefined : 'TELEGRAM_BOT_TOKEN is not set'),
  sendRates: (config) => telegramRates(config.telegram.rates),
  messenger: (config, { redactor }) => (config.telegram.token ? TelegramMessenger.create(config.telegram.token, config.telegram.apiRoot, redactor) : undefined),
  start: startTelegram,
  translateError: translate,
  render: (message) => telegramParts(message),
};
