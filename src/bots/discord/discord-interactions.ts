// Discord interactions → the platform-free Conversation, for both modes (HTTP interactions and
// the gateway): slash commands, button presses and menu choices, and autocomplete. Targets:
// a user's DM for personal preferences; a guild text or announcement channel (or thread) for
// a channel's, configured by members with Manage Channels or Manage Server, in channels the
// bot can view, send and embed in. In a guild, answers are ephemeral.
//
// Discord wants the first answer within 3 s. `answer` gives the handler until `deferAfterMs`;
// if it is slower, it defers (type 5, or 6 for a component) and edits the original message
// with the result when it is ready.
import type { REST } from '@discordjs/rest';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionResponseType as R,
  InteractionType as T,
  MessageFlags,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIChannel,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { Catalog } from '../../core/catalog/catalog.ts';
import type { Actor, Conversation } from '../../core/conversation/conversation.ts';
import { en } from '../../core/i18n/messages.en.ts';
import type { Logger } from '../../core/logger.ts';
import type { Target, TargetRepository } from '../../core/targets/target.ts';
import { autocomplete, toConversation } from './discord-commands.ts';
import { botPermissionsIn, memberActor, missingForBot, POSTABLE_TYPES, refusals } from './discord-permissions.ts';
import { NO_MENTIONS, renderView } from './discord-render.ts';

const READ_ONLY = new Set(['help', 'settings']);
export const FAILED = 'Something went wrong on my side. Please try again in a moment.';

export interface DiscordInteractionsDeps {
  conversation: Conversation;
  targets: TargetRepository;
  catalog: Catalog;
  /** For deferred answers and for looking up another channel's permissions. */
  rest: REST;
  applicationId: string;
  logger: Logger;
  /** How long to work on an answer before deferring it (Discord allows 3 s in all). */
  deferAfterMs?: number;
}

type Reply = (response: APIInteractionResponse) => Promise<void>;
type Where = { target: Target; actor: Actor; ephemeral: boolean } | { refusal: string };

export class DiscordInteractions {
  constructor(private readonly deps: DiscordInteractionsDeps) {}

  /** Answers an interaction through `reply` (the HTTP response, or the callback route). */
  async answer(interaction: APIInteraction, reply: Reply): Promise<void> {
    const work = this.respond(interaction).catch((error: unknown): APIInteractionResponse => {
      this.deps.logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
      return interaction.type === T.ApplicationCommandAutocomplete
        ? { type: R.ApplicationCommandAutocompleteResult, data: { choices: [] } }
        : { type: R.ChannelMessageWithSource, data: { content: FAILED, flags: 64, allowed_mentions: NO_MENTIONS } };
    });
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), this.deps.deferAfterMs ?? 2000)));
    const first = await Promise.race([work, slow]);
    clearTimeout(timer);
    if (first !== 'slow') return reply(first);

    if (interaction.type === T.ApplicationCommandAutocomplete) return reply({ type: R.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    const component = interaction.type === T.MessageComponent;
    await reply(component ? { type: R.DeferredMessageUpdate } : { type: R.DeferredChannelMessageWithSource, ...(interaction.guild_id ? { data: { flags: MessageFlags.Ephemeral } } : {}) });
    const late = await work;
    const data = 'data' in late ? (late.data as APIInteractionResponseCallbackData) : undefined;
    if (!data) return;
    // A refusal after a deferred button press is a new ephemeral message, not an edit.
    // Over HTTP, the deferral is the response to Discord's request and may reach Discord after
    // this edit; an edit that finds no message yet (404) is tried again shortly.
    for (let attempt = 0; ; attempt++) {
      try {
        if (component && late.type === R.ChannelMessageWithSource) await this.deps.rest.post(Routes.webhook(this.deps.applicationId, interaction.token), { body: data, auth: false });
        else await this.deps.rest.patch(Routes.webhookMessage(this.deps.applicationId, interaction.token), { body: data, auth: false });
        return;
      } catch (error) {
        if (attempt >= 3 || (error as { status?: number }).status !== 404) throw error;
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      }
    }
  }

  /** The answer to one interaction. */
  async respond(interaction: APIInteraction): Promise<APIInteractionResponse> {
    switch (interaction.type) {
      case T.Ping:
        return { type: R.Pong };
      case T.ApplicationCommandAutocomplete: {
        const focused = findFocused(interaction.data.options);
        return { type: R.ApplicationCommandAutocompleteResult, data: { choices: focused ? autocomplete(this.deps.catalog, focused.name, focused.value) : [] } };
      }
      case T.ApplicationCommand: {
        if (interaction.data.type !== ApplicationCommandType.ChatInput) return refuse('Herald has no such command.');
        const { name, args, channelId } = toConversation(interaction.data.name, interaction.data.options);
        const where = channelId ? await this.#otherChannel(interaction, channelId) : await this.#here(interaction, READ_ONLY.has(name));
        if ('refusal' in where) return refuse(where.refusal);
        const v = await this.deps.conversation.command(where.target, where.actor, name, args);
        return { type: R.ChannelMessageWithSource, data: renderView(v, where.ephemeral || v.error === true) };
      }
      case T.MessageComponent: {
        const data = interaction.data;
        const action = data.component_type === ComponentType.Button ? data.custom_id : 'values' in data ? data.values[0] : undefined;
        if (!action) return refuse(en.conversation.expired);
        const where = await this.#here(interaction, false);
        if ('refusal' in where) return refuse(where.refusal);
        const v = await this.deps.conversation.action(where.target, where.actor, action);
        if (v.error) return { type: R.ChannelMessageWithSource, data: renderView(v, true) };
        const { flags: _ephemeralCannotChange, ...update } = renderView(v, false);
        return { type: R.UpdateMessage, data: update };
      }
      default:
        return refuse('Herald does not handle that kind of interaction.');
    }
  }

  /** The channel (or DM) the interaction came from, and whether the sender may configure it. */
  async #here(interaction: APIInteraction, readOnly: boolean): Promise<Where> {
    const channel = interaction.channel;
    if (!channel) return { refusal: 'Discord did not say which channel this is.' };
    if (!interaction.guild_id && channel.type !== ChannelType.DM) return { refusal: 'Herald works in servers and in a direct message with the bot.' };
    if (!interaction.guild_id) {
      const user = interaction.user;
      const target = await this.#target(channel.id, 'dm', user ? (user.global_name ?? user.username) : null);
      return { target, actor: { canConfigure: true }, ephemeral: false };
    }
    const label = 'name' in channel && channel.name ? `#${channel.name}` : 'this channel';
    const target = await this.#target(channel.id, 'guild_channel', 'name' in channel ? (channel.name ?? null) : null);
    if (readOnly) return { target, actor: { canConfigure: false }, ephemeral: true };
    const actor = memberActor(interaction.member?.permissions, label);
    if (!actor.canConfigure) return { target, actor, ephemeral: true };
    if (!POSTABLE_TYPES.has(channel.type)) return { refusal: refusals.notPostable(label) };
    const missing = missingForBot(interaction.app_permissions, channel.type);
    if (missing.length > 0) return { refusal: refusals.botMissing(label, missing) };
    return { target, actor, ephemeral: true };
  }

  /** `/subscribe category channel:#other`: the member's rights there, and the bot's. */
  async #otherChannel(interaction: APIInteraction, channelId: string): Promise<Where> {
    if (!interaction.guild_id) return { refusal: 'Channels can be subscribed from within their server only.' };
    const data = interaction.data as { resolved?: { channels?: Record<string, { id: string; type: number; name?: string | null; permissions?: string }> } };
    const resolved = data.resolved?.channels?.[channelId];
    const label = resolved?.name ? `#${resolved.name}` : `<#${channelId}>`;
    if (!resolved) return { refusal: refusals.unknownChannel(label) };
    if (!POSTABLE_TYPES.has(resolved.type)) return { refusal: refusals.notPostable(label) };
    // Discord sends the member's permissions in that channel with the resolved channel.
    const actor = memberActor(resolved.permissions, label);
    if (!actor.canConfigure) return { refusal: actor.refusal! };
    let channel: APIChannel;
    try {
      channel = (await this.deps.rest.get(Routes.channel(channelId))) as APIChannel;
    } catch {
      return { refusal: refusals.unknownChannel(label) };
    }
    if (!('guild_id' in channel) || channel.guild_id !== interaction.guild_id) return { refusal: refusals.unknownChannel(label) };
    const missing = missingForBot(await botPermissionsIn(this.deps.rest, channel, this.deps.applicationId), channel.type);
    if (missing.length > 0) return { refusal: refusals.botMissing(label, missing) };
    return { target: await this.#target(channelId, 'guild_channel', resolved.name ?? null), actor, ephemeral: true };
  }

  async #target(channelId: string, kind: 'dm' | 'guild_channel', title: string | null): Promise<Target> {
    const target = await this.deps.targets.upsert({ platform: 'discord', externalId: channelId, kind, title });
    if (!target.active) await this.deps.targets.reactivate(target.id); // they are talking to us again
    return target;
  }
}

const refuse = (text: string): APIInteractionResponse => ({ type: R.ChannelMessageWithSource, data: { content: text, flags: 64, allowed_mentions: NO_MENTIONS } });

function findFocused(options: APIApplicationCommandInteractionDataOption[] | undefined): { name: string; value: string } | undefined {
  for (const o of options ?? []) {
    if ('focused' in o && o.focused) return { name: o.name, value: String(o.value) };
    if ('options' in o) {
      const inner = findFocused(o.options);
      if (inner) return inner;
    }
  }
  return undefined;
}
