// Discord, as Herald's composition root sees it: DMs and server channels; its send limits;
// its messenger on @discordjs/rest; the bot by HTTP interactions or the gateway; slash
// commands; story cards as embeds.
import type { Platform } from '../platform.ts';
import { registerCommands } from './discord-bot.ts';
import { discordRates } from './discord-limits.ts';
import { DiscordMessenger, translate } from './discord-messenger.ts';
import { renderMessages } from './discord-render.ts';
import { startDiscord } from './discord-start.ts';

export const discord: Platform = {
  name: 'discord',
  label: 'Discord',
  targetKinds: ['dm', 'guild_channel'],
  off: (config) => (config.discord.token ? undefined : 'DISCORD_BOT_TOKEN is not set'),
  sendRates: (config) => discordRates(config.discord.rates),
  messenger: (config, { redactor }) => (config.discord.token ? DiscordMessenger.create(config.discord.token, config.discord.apiBase, redactor) : undefined),
  start: startDiscord,
  async registerCommands(config, { catalog, scope }) {
    const { token, applicationId, apiBase } = config.discord;
    if (!token || !applicationId) throw new Error('DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID must be set to register commands');
    return registerCommands({ token, applicationId, apiBase, catalog, ...(scope ? { guildId: scope } : {}) });
  },
  translateError: translate,
  render: (message) => renderMessages(message),
};
