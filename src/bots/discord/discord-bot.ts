// The Discord bot, assembled: one REST client, the interaction handler on the conversation
// core, and the mode: HTTP interactions when the application's public key is configured (the
// caller mounts the route), else the gateway. Also registers the slash commands.
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import type { Conversation } from '../../core/conversation/conversation.ts';
import type { Logger } from '../../core/logger.ts';
import type { TargetRepository } from '../../core/targets/target.ts';
import { commandDefinitions } from './discord-commands.ts';
import { startDiscordGateway } from './discord-gateway.ts';
import { DiscordInteractions } from './discord-interactions.ts';
import { createDiscordRest } from './discord-messenger.ts';

export interface DiscordBotDeps {
  token: string;
  applicationId: string;
  apiBase: string;
  /** Set: HTTP interactions; unset: the gateway. */
  publicKey: string | undefined;
  catalog: Catalog;
  conversation: Conversation;
  targets: TargetRepository;
  logger: Logger;
}

export interface RunningDiscordBot {
  mode: 'http' | 'gateway';
  interactions: DiscordInteractions;
  stop: () => Promise<void>;
}

export async function startDiscordBot(deps: DiscordBotDeps): Promise<RunningDiscordBot> {
  // Interaction answers may be retried on a 5xx: they are idempotent for Discord (one answer per token).
  const rest = createDiscordRest(deps.token, deps.apiBase, { retries: 2 });
  const interactions = new DiscordInteractions({ conversation: deps.conversation, targets: deps.targets, catalog: deps.catalog, rest, applicationId: deps.applicationId, logger: deps.logger });
  if (deps.publicKey) return { mode: 'http', interactions, stop: async () => {} };
  const gateway = await startDiscordGateway({ token: deps.token, apiBase: deps.apiBase, rest, interactions, targets: deps.targets, logger: deps.logger });
  return { mode: 'gateway', interactions, stop: gateway.stop };
}

/** Registers (overwrites) the slash commands, globally or in one guild; returns their names. */
export async function registerCommands(opts: { token: string; applicationId: string; apiBase: string; catalog: Catalog; guildId?: string }): Promise<string[]> {
  const rest = createDiscordRest(opts.token, opts.apiBase, { retries: 2 });
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions(opts.catalog) })) as RESTPutAPIApplicationCommandsResult;
  return registered.map((c) => c.name);
}
