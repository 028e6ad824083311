// Discord taking interactions: by HTTP (DISCORD_PUBLIC_KEY set; the route is mounted on
// Herald's app) or through the gateway. Neither waits for Discord (see discord-bot.ts).
import type { APIInteraction } from 'discord-api-types/v10';
import type { PlatformServices, RunningPlatform } from '../platform.ts';
import { startDiscordBot } from './discord-bot.ts';
import { discordInteractionRoutes } from './discord-interactions.routes.ts';

export function startDiscord({ config, chat, catalog, logger: log, health, redactor }: PlatformServices): RunningPlatform {
  const { token, applicationId, publicKey, apiBase } = config.discord;
  const bot = startDiscordBot({
    token: token!,
    applicationId: applicationId!,
    apiBase,
    publicKey,
    catalog,
    conversation: chat.conversation,
    targets: chat.targets,
    logger: log,
    health,
    redactor,
  });
  if (bot.mode === 'gateway') return { stop: bot.stop };
  log.info({ mode: bot.mode }, 'discord on: interactions at POST /discord/interactions');
  const answer = (interaction: unknown, reply: (r: unknown) => Promise<void>) => bot.interactions.answer(interaction as APIInteraction, reply);
  return { routes: { prefix: '/discord', app: discordInteractionRoutes({ publicKey: publicKey!, answer, logger: log }) }, stop: bot.stop };
}
