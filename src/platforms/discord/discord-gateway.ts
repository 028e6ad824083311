// Gateway mode (no public URL for HTTP interactions): a discord.js Client receives
// interactions over the WebSocket and hands each raw payload to the same handler as HTTP
// mode, answering through the interaction callback route. With the Guilds intent it also
// learns when a channel Herald posts in is deleted, and stops delivering there. It logs in in
// the background, again and again with capped backoff while Discord cannot be reached, and
// says in `health` how the connection stands (discord.js reconnects by itself after that).
import type { REST } from '@discordjs/rest';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Routes, type APIInteraction } from 'discord-api-types/v10';
import { connectInBackground, type BackgroundConnection } from '../../core/connect/connect-in-background.ts';
import type { Logger } from '../../core/logger.ts';
import type { PlatformHealth } from '../../core/status/platform-health.ts';
import type { TargetRepository } from '../../core/targets/target.ts';
import type { DiscordInteractions } from './discord-interactions.ts';

export interface DiscordGatewayDeps {
  token: string;
  apiBase: string;
  rest: REST;
  interactions: DiscordInteractions;
  targets: TargetRepository;
  logger: Logger;
  health: PlatformHealth;
  /** How the login is tried in the background (the same as HTTP mode's check). */
  connection: (signal: AbortSignal) => BackgroundConnection;
}

export function startDiscordGateway(deps: DiscordGatewayDeps): { stop: () => Promise<void> } {
  const stopping = new AbortController();
  let client: Client | undefined;
  const login = async () => {
    const c = newClient(deps);
    client = c;
    try {
      await c.login(deps.token);
    } catch (error) {
      await c.destroy();
      throw error;
    }
  };
  const running = connectInBackground(login, deps.connection(stopping.signal)).then((up) => up && deps.logger.info({ mode: 'gateway' }, 'discord on'));
  return {
    async stop() {
      stopping.abort();
      await running;
      await client?.destroy();
    },
  };
}

function newClient(deps: DiscordGatewayDeps): Client {
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
  client.on(Events.ShardReady, () => deps.health.set('discord', 'up'));
  client.on(Events.ShardResume, () => deps.health.set('discord', 'up'));
  client.on(Events.ShardReconnecting, () => deps.health.set('discord', 'connecting', 'the gateway connection dropped; reconnecting'));
  client.on(Events.ShardDisconnect, (event) => deps.health.set('discord', 'down', `the gateway closed the connection (code ${event.code})`));
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord gateway error'));
  return client;
}
