// `herald discord register [--guild ID]`: registers the slash commands with Discord, for the
// whole application (they can take up to an hour to show everywhere) or for one server at once.
import { loadCatalog } from '../../core/catalog/catalog-loader.ts';
import { loadConfig } from '../../config.ts';
import { discord } from '../../platforms/discord/index.ts';
import type { Command } from '../command.ts';
import { CommandFailed } from '../open-herald.ts';

export const discordRegister: Command = {
  name: 'discord register',
  summary: 'Register the Discord slash commands (globally, or for one server with --guild)',
  usage: '[--guild ID]',
  options: { guild: { type: 'string' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    if (!config.discord.token || !config.discord.applicationId)
      throw new CommandFailed('DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID must be set to register commands.');
    const guild = typeof values['guild'] === 'string' ? values['guild'] : undefined;
    if (guild !== undefined && !/^\d{15,21}$/.test(guild))
      throw new CommandFailed(`--guild must be a server id (a number of 15 to 21 digits), not "${guild.slice(0, 40)}".`);
    const catalog = await loadCatalog(config.catalogFile);
    const names = await discord.registerCommands!(config, { catalog, ...(guild ? { scope: guild } : {}) });
    io.stdout.write(`registered ${names.length} commands ${guild ? `in server ${guild}` : 'globally'}: ${names.map((n) => `/${n}`).join(' ')}\n`);
    return 0;
  },
};
