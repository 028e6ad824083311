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
import { pickLocale, supportedLocale } from '../../core/i18n/locales.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { Logger } from '../../core/logger.ts';
import type { Target, TargetRepository } from '../../core/targets/target.ts';
import { autocomplete, toConversation } from './discord-commands.ts';
import { botPermissionsIn, memberActor, missingForBot, POSTABLE_TYPES } from './discord-permissions.ts';
import { NO_MENTIONS, renderAnswer } from './discord-render.ts';
import { decodeAction } from '../../core/message/action.ts';
import { READ_ONLY_COMMANDS } from '../../core/conversation/commands.ts';

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
/** The answer to an interaction, and the messages that follow it up when it is longer than one. */
export interface Answer {
  response: APIInteractionResponse;
  followUps: APIInteractionResponseCallbackData[];
}
type Where = { target: Target; actor: Actor; ephemeral: boolean } | { refusal: string };

export class DiscordInteractions {
  constructor(private readonly deps: DiscordInteractionsDeps) {}

  /** Answers an interaction through `reply` (the HTTP response, or the callback route). */
  async answer(interaction: APIInteraction, reply: Reply): Promise<void> {
    const work = this.respond(interaction).catch((error: unknown): Answer => {
      this.deps.logger.error({ err: error, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
      return {
        response:
          interaction.type === T.ApplicationCommandAutocomplete
            ? { type: R.ApplicationCommandAutocompleteResult, data: { choices: [] } }
            : { type: R.ChannelMessageWithSource, data: { content: words(interaction).conversation.failed, flags: 64, allowed_mentions: NO_MENTIONS } },
        followUps: [],
      };
    });
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), this.deps.deferAfterMs ?? 2000)));
    const first = await Promise.race([work, slow]);
    clearTimeout(timer);
    if (first !== 'slow') {
      await reply(first.response);
      return this.#followUp(interaction, first.followUps);
    }

    if (interaction.type === T.ApplicationCommandAutocomplete) return reply({ type: R.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    const component = interaction.type === T.MessageComponent;
    await reply(
      component
        ? { type: R.DeferredMessageUpdate }
        : { type: R.DeferredChannelMessageWithSource, ...(interaction.guild_id ? { data: { flags: MessageFlags.Ephemeral } } : {}) },
    );
    const late = await work;
    const data = 'data' in late.response ? (late.response.data as APIInteractionResponseCallbackData) : undefined;
    if (!data) return;
    // A refusal after a deferred button press is a new ephemeral message, not an edit.
    if (component && late.response.type === R.ChannelMessageWithSource) await this.#webhook(interaction, 'post', data);
    else await this.#webhook(interaction, 'patch', data);
    await this.#followUp(interaction, late.followUps);
  }

  /** The rest of a long answer, in order, as follow-up messages. */
  async #followUp(interaction: APIInteraction, parts: APIInteractionResponseCallbackData[]): Promise<void> {
    for (const part of parts) await this.#webhook(interaction, 'post', part);
  }

  /**
   * Posts a follow-up or edits the original answer. Over HTTP, the answer is the response to
   * Discord's request and may reach Discord after this call; one that finds no message yet
   * (404) is tried again shortly.
   */
  async #webhook(interaction: APIInteraction, how: 'post' | 'patch', body: APIInteractionResponseCallbackData): Promise<void> {
    const route =
      how === 'post' ? Routes.webhook(this.deps.applicationId, interaction.token) : Routes.webhookMessage(this.deps.applicationId, interaction.token);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.rest[how](route, { body, auth: false });
        return;
      } catch (error) {
        if (attempt >= 3 || (error as { status?: number }).status !== 404) throw error;
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      }
    }
  }

  /** The answer to one interaction. */
  async respond(interaction: APIInteraction): Promise<Answer> {
    const only = (response: APIInteractionResponse): Answer => ({ response, followUps: [] });
    switch (interaction.type) {
      case T.Ping:
        return only({ type: R.Pong });
      case T.ApplicationCommandAutocomplete: {
        const focused = findFocused(interaction.data.options);
        return only({
          type: R.ApplicationCommandAutocompleteResult,
          data: { choices: focused ? autocomplete(this.deps.catalog, focused.name, focused.value, pickLocale([interaction.locale])) : [] },
        });
      }
      case T.ApplicationCommand: {
        if (interaction.data.type !== ApplicationCommandType.ChatInput) return only(refuse(words(interaction).discord.noSuchCommand));
        const { name, args, channelId } = toConversation(interaction.data.name, interaction.data.options);
        const where = channelId ? await this.#otherChannel(interaction, channelId) : await this.#here(interaction, READ_ONLY_COMMANDS.has(name));
        if ('refusal' in where) return only(refuse(where.refusal));
        const v = await this.deps.conversation.command(where.target, where.actor, name, args);
        const [first, ...followUps] = renderAnswer(v, where.ephemeral || v.error === true, chooseIn(interaction));
        return { response: { type: R.ChannelMessageWithSource, data: first! }, followUps };
      }
      case T.MessageComponent: {
        const data = interaction.data;
        const action = data.component_type === ComponentType.Button ? data.custom_id : 'values' in data ? data.values[0] : undefined;
        if (!action) return only(refuse(words(interaction).conversation.expired));
        const where = await this.#here(interaction, false);
        if ('refusal' in where) return only(refuse(where.refusal));
        const v = await this.deps.conversation.action(where.target, where.actor, action);
        if (v.error) {
          const [first, ...followUps] = renderAnswer(v, true, chooseIn(interaction));
          return { response: { type: R.ChannelMessageWithSource, data: first! }, followUps };
        }
        const ephemeral = (interaction.message.flags ?? 0) & MessageFlags.Ephemeral ? true : false;
        // A story's sources, asked from a message the channel sees: shown to whoever pressed, as
        // a message of their own; the story stays as it was for everyone else.
        if (!ephemeral && decodeAction(action)?.kind === 'sources') {
          const [first, ...followUps] = renderAnswer(v, true, chooseIn(interaction));
          return { response: { type: R.ChannelMessageWithSource, data: first! }, followUps };
        }
        // The pressed message is updated in place (an update cannot change who sees it); a longer
        // answer goes on in follow-ups, seen by the same people.
        const [first, ...followUps] = renderAnswer(v, ephemeral, chooseIn(interaction));
        const { flags: _ephemeralCannotChange, ...update } = first!;
        return { response: { type: R.UpdateMessage, data: update }, followUps };
      }
      default:
        return only(refuse(words(interaction).discord.unhandledInteraction));
    }
  }

  /** The channel (or DM) the interaction came from, and whether the sender may configure it. */
  async #here(interaction: APIInteraction, readOnly: boolean): Promise<Where> {
    const where = await this.#where(interaction, readOnly);
    const reader = (interaction.member?.user ?? interaction.user)?.id;
    return 'actor' in where && reader ? { ...where, actor: { ...where.actor, reader } } : where;
  }

  async #where(interaction: APIInteraction, readOnly: boolean): Promise<Where> {
    const channel = interaction.channel;
    const refusals = words(interaction).discord;
    if (!channel) return { refusal: refusals.noChannel };
    if (!interaction.guild_id && channel.type !== ChannelType.DM) return { refusal: refusals.serversAndDms };
    if (!interaction.guild_id) {
      const user = interaction.user;
      const target = await this.#target(channel.id, 'dm', user ? (user.global_name ?? user.username) : null, (interaction as { locale?: string }).locale);
      return { target, actor: { canConfigure: true }, ephemeral: false };
    }
    const label = 'name' in channel && channel.name ? `#${channel.name}` : refusals.thisChannel;
    const target = await this.#target(channel.id, 'guild_channel', 'name' in channel ? (channel.name ?? null) : null, interaction.guild_locale);
    if (readOnly) return { target, actor: { canConfigure: false }, ephemeral: true };
    const actor = memberActor(interaction.member?.permissions, label, refusals);
    if (!actor.canConfigure) return { target, actor, ephemeral: true };
    if (!POSTABLE_TYPES.has(channel.type)) return { refusal: refusals.notPostable({ channel: label }) };
    const missing = missingForBot(interaction.app_permissions, channel.type, refusals);
    if (missing.length > 0) return { refusal: refusals.botMissing({ channel: label, missing, count: missing.length }) };
    return { target, actor, ephemeral: true };
  }

  /** `/subscribe category channel:#other`: the member's rights there, and the bot's. */
  async #otherChannel(interaction: APIInteraction, channelId: string): Promise<Where> {
    const refusals = words(interaction).discord;
    if (!interaction.guild_id) return { refusal: refusals.subscribeFromServer };
    const data = interaction.data as { resolved?: { channels?: Record<string, { id: string; type: number; name?: string | null; permissions?: string }> } };
    const resolved = data.resolved?.channels?.[channelId];
    const label = resolved?.name ? `#${resolved.name}` : `<#${channelId}>`;
    if (!resolved) return { refusal: refusals.unknownChannel({ channel: label }) };
    if (!POSTABLE_TYPES.has(resolved.type)) return { refusal: refusals.notPostable({ channel: label }) };
    // Discord sends the member's permissions in that channel with the resolved channel.
    const actor = memberActor(resolved.permissions, label, refusals);
    if (!actor.canConfigure) return { refusal: actor.refusal! };
    let channel: APIChannel;
    try {
      channel = (await this.deps.rest.get(Routes.channel(channelId))) as APIChannel;
    } catch {
      return { refusal: refusals.unknownChannel({ channel: label }) };
    }
    if (!('guild_id' in channel) || channel.guild_id !== interaction.guild_id) return { refusal: refusals.unknownChannel({ channel: label }) };
    const missing = missingForBot(await botPermissionsIn(this.deps.rest, channel, this.deps.applicationId), channel.type, refusals);
    if (missing.length > 0) return { refusal: refusals.botMissing({ channel: label, missing, count: missing.length }) };
    return { target: await this.#target(channelId, 'guild_channel', resolved.name ?? null, interaction.guild_locale), actor, ephemeral: true };
  }

  /** A new DM speaks its user's language; a new server channel its server's. */
  async #target(channelId: string, kind: 'dm' | 'guild_channel', title: string | null, discordLocale: string | undefined): Promise<Target> {
    const locale = supportedLocale(discordLocale);
    const target = await this.deps.targets.upsert({ platform: 'discord', externalId: channelId, kind, title, ...(locale ? { locale } : {}) });
    if (!target.active) await this.deps.targets.reactivate(target.id); // they are talking to us again
    return target;
  }
}

/** A menu's placeholder in the language of whoever sent the interaction. */
const chooseIn = (interaction: APIInteraction) => words(interaction).conversation.choose;
const refuse = (text: string): APIInteractionResponse => ({
  type: R.ChannelMessageWithSource,
  data: { content: text, flags: 64, allowed_mentions: NO_MENTIONS },
});

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

/** The catalogue in the language of whoever sent the interaction (Discord's `locale`). */
const words = (interaction: APIInteraction) => messagesFor(pickLocale([(interaction as { locale?: string }).locale]));
