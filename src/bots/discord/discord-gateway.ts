// Gateway mode (no public URL for HTTP interactions): a discord.js Client receives
// interactions over the WebSocket and hands each raw payload to the same handler as HTTP
// mode, answering through the interaction callback route. With the Guilds intent it also
// learns when a channel Herald posts in is deleted, and stops delivering there.
import type { REST } from '@discordjs/rest';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Routes, type APIInteraction } from 'discord-api-types/v10';
import type { Logger } from '../../core/logger.ts';
import type { TargetRepository } from '../../core/targets/target.ts';
import type { DiscordInteractions } from './discord-interactions.ts';

export interface DiscordGatewayDeps {
  token: string;
  apiBase: string;
  rest: REST;
  interactions: DiscordInteractions;
  targets: TargetRepository;
  logger: Logger;
}

export async function startDiscordGateway(deps: DiscordGatewayDeps): Promise<{ client: Client; stop: () => Promise<void> }> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: deps.apiBase } });
  client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const interaction = packet.d as APIInteraction;
    deps.interactions
      .answer(interaction, async (response) => {
        await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, auth: false });
      })
      .catch((error: unknown) => deps.logger.error({ err: error, interaction: interaction.id }, 'discord interaction failed'));
  });
  client.on(Events.ChannelDelete, (channel) => {
    void (async () => {
      const target = await deps.targets.find({ platform: 'discord', externalId: channel.id });
      if (target?.active) await deps.targets.deactivate(target.id, 'channel deleted');
    })().catch((error: unknown) => deps.logger.error({ err: error }, 'discord channel delete not recorded'));
  });
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord gateway error'));
  await client.login(deps.token);
  return { client, stop: () => client.destroy() };
}
