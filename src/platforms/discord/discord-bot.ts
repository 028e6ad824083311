// The Discord bot, assembled: one REST client, the interaction handler on the conversation
// core, and the mode: HTTP interactions when the application's public key is configured (the
// caller mounts the route), else the gateway. Neither waits for Discord: HTTP mode checks in
// the background that Discord answers and takes the token; the gateway logs in in the
// background. Both say in `health` how it stands. Also registers the slash commands.
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { connectInBackground, type BackgroundConnection } from '../../core/connect/connect-in-background.ts';
import { Redactor } from '../../core/redact.ts';
import type { PlatformHealth } from '../../core/status/platform-health.ts';
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
  health: PlatformHealth;
  /** Herald's redactor (every configured secret); one that knows the token when not given. */
  redactor?: Redactor;
}

export interface RunningDiscordBot {
  mode: 'http' | 'gateway';
  interactions: DiscordInteractions;
  stop: () => Promise<void>;
}

export function startDiscordBot(deps: DiscordBotDeps): RunningDiscordBot {
  // Interaction answers may be retried on a 5xx: they are idempotent for Discord (one answer per token).
  const rest = createDiscordRest(deps.token, deps.apiBase, { retries: 2 });
  const redactor = deps.redactor ?? new Redactor([deps.token]);
  const interactions = new DiscordInteractions({
    conversation: deps.conversation,
    targets: deps.targets,
    catalog: deps.catalog,
    rest,
    applicationId: deps.applicationId,
    logger: deps.logger,
  });
  if (deps.publicKey) {
    const stopping = new AbortController();
    // Any answer but a refused token means Discord is there; only no answer at all is "down".
    const probe = () =>
      rest.get(Routes.user('@me'), { signal: stopping.signal }).catch((error: unknown) => {
        const status = (error as { status?: unknown }).status;
        if (typeof status === 'number' && status !== 401) return;
        throw error;
      });
    const checked = connectInBackground(probe, { ...connection(deps, redactor), signal: stopping.signal });
    return {
      mode: 'http',
      interactions,
      stop: async () => {
        stopping.abort();
        await checked;
      },
    };
  }
  const gateway = startDiscordGateway({
    token: deps.token,
    apiBase: deps.apiBase,
    rest,
    interactions,
    targets: deps.targets,
    logger: deps.logger,
    health: deps.health,
    connection: (signal) => ({ ...connection(deps, redactor), signal }),
  });
  return { mode: 'gateway', interactions, stop: gateway.stop };
}

/** How Discord's connection is made in the background, in either mode. */
function connection(deps: DiscordBotDeps, redactor: Redactor): Omit<BackgroundConnection, 'signal'> {
  return {
    platform: 'discord',
    tokenKey: 'DISCORD_BOT_TOKEN',
    health: deps.health,
    logger: deps.logger,
    describe: (error) => redactor.message(error),
    // discord.js's own refusal of the token, or Discord's 401.
    refusedToken: (error) => (error as { code?: unknown }).code === 'TokenInvalid' || (error as { status?: unknown }).status === 401,
  };
}

/** Registers (overwrites) the slash commands, globally or in one guild; returns their names. */
export async function registerCommands(opts: { token: string; applicationId: string; apiBase: string; catalog: Catalog; guildId?: string }): Promise<string[]> {
  const rest = createDiscordRest(opts.token, opts.apiBase, { retries: 2 });
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions(opts.catalog) })) as RESTPutAPIApplicationCommandsResult;
  return registered.map((c) => c.name);
}
