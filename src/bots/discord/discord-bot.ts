// The Discord bot, assembled: one REST client, the interaction handler on the conversation
// core, and the mode: HTTP interactions when the application's public key is configured (the
// caller mounts the route), else the gateway. Neither waits for Discord: HTTP mode checks in
// the background that Discord answers and takes the token; the gateway logs in in the
// background. Both say in `health` how it stands. Also registers the slash commands.
import { Routes, type RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { keepTrying, Stopped } from '../../core/connect/keep-trying.ts';
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
}

export interface RunningDiscordBot {
  mode: 'http' | 'gateway';
  interactions: DiscordInteractions;
  stop: () => Promise<void>;
}

export function startDiscordBot(deps: DiscordBotDeps): RunningDiscordBot {
  // Interaction answers may be retried on a 5xx: they are idempotent for Discord (one answer per token).
  const rest = createDiscordRest(deps.token, deps.apiBase, { retries: 2 });
  const redactor = new Redactor([deps.token]);
  const interactions = new DiscordInteractions({ conversation: deps.conversation, targets: deps.targets, catalog: deps.catalog, rest, applicationId: deps.applicationId, logger: deps.logger });
  if (deps.publicKey) {
    const stopping = new AbortController();
    deps.health.set('discord', 'connecting');
    // Any answer but a refused token means Discord is there; only no answer at all is "down".
    const probe = () =>
      rest.get(Routes.user('@me'), { signal: stopping.signal }).catch((error: unknown) => {
        const status = (error as { status?: unknown }).status;
        if (typeof status === 'number' && status !== 401) return;
        throw error;
      });
    const checked = keepTrying(probe, {
      what: 'discord',
      logger: deps.logger,
      signal: stopping.signal,
      maxDelayMs: 60_000,
      describe: (error) => redactor.message(error),
      onFailure: (reason) => deps.health.set('discord', 'down', reason),
      isFatal: (error) => (error as { status?: unknown }).status === 401,
    }).then(
      () => deps.health.set('discord', 'up'),
      (error: unknown) => {
        if (error instanceof Stopped) return;
        deps.health.set('discord', 'down', `Discord refused the bot token: ${redactor.message(error)}`);
        deps.logger.error({ reason: redactor.message(error) }, 'discord refused the bot token: check DISCORD_BOT_TOKEN');
      },
    );
    return { mode: 'http', interactions, stop: async () => (stopping.abort(), await checked) };
  }
  const gateway = startDiscordGateway({ token: deps.token, apiBase: deps.apiBase, rest, interactions, targets: deps.targets, logger: deps.logger, health: deps.health, redactor });
  return { mode: 'gateway', interactions, stop: gateway.stop };
}

/** Registers (overwrites) the slash commands, globally or in one guild; returns their names. */
export async function registerCommands(opts: { token: string; applicationId: string; apiBase: string; catalog: Catalog; guildId?: string }): Promise<string[]> {
  const rest = createDiscordRest(opts.token, opts.apiBase, { retries: 2 });
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions(opts.catalog) })) as RESTPutAPIApplicationCommandsResult;
  return registered.map((c) => c.name);
}
