// The Telegram bot on grammY: commands and button presses go to the platform-free
// Conversation; its views come back as HTML with an inline keyboard (a button press edits
// the message in place and answers the callback query). Targets are the chats themselves.
import { Bot, BotError, GrammyError, HttpError, type Context } from 'grammy';
import { DEFAULT_LOCALE, LOCALES, supportedLocale, type Locale } from '../../core/i18n/locales.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { Chat } from 'grammy/types';
import { commandsOn, describeCommand } from '../../core/conversation/commands.ts';
import type { Conversation } from '../../core/conversation/conversation.ts';
import { MessageRejected, TargetGone, TargetMoved } from '../../core/delivery/messenger.ts';
import { PermanentFailure } from '../../core/inbox/inbox.ts';
import { isNetworkError } from '../../core/net-errors.ts';
import { Redactor } from '../../core/redact.ts';
import type { View } from '../../core/message/view.ts';
import type { Logger } from '../../core/logger.ts';
import type { Target, TargetKind, TargetRepository } from '../../core/targets/target.ts';
import { actorIn, channelActor } from './telegram-actor.ts';
import { translate } from './telegram-messenger.ts';
import { telegramCaption, telegramParts, type TelegramPart } from './telegram-render.ts';

/** Telegram's command menu, from the one command catalogue. */
/** The command menu, described in a locale. */
export const telegramCommands = (locale: Locale = DEFAULT_LOCALE): { command: string; description: string }[] =>
  commandsOn('telegram').map((c) => ({ command: c.name, description: describeCommand(c, messagesFor(locale).commands) }));

const KINDS: Record<Chat['type'], TargetKind> = { private: 'private', group: 'group', supergroup: 'supergroup', channel: 'channel' };

export interface TelegramBotDeps {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  targets: TargetRepository;
  logger: Logger;
  /** Told after every Bot API call whether Telegram answered (any answer) or not, and why not. */
  onReach?: (answered: boolean, reason?: string) => void;
  /** Herald's redactor (every configured secret); one that knows the token when not given. */
  redactor?: Redactor;
}

export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot } });
  const redactor = deps.redactor ?? new Redactor([deps.token]);
  // Every call, long polling's included (grammY retries those itself): whether Telegram answers.
  if (deps.onReach) {
    const onReach = deps.onReach;
    bot.api.config.use(async (prev, method, payload, signal) => {
      try {
        const answer = await prev(method, payload, signal);
        onReach(true);
        return answer;
      } catch (error) {
        if (error instanceof HttpError && isNetworkError(error.error)) onReach(false, translate(error, redactor).message);
        throw error;
      }
    });
  }
  // A new chat speaks the language of whoever first talks to Herald there (a group's admins
  // change it with /language).
  /**
   * The target a message is for: its chat, or the forum topic it was sent in (a destination of
   * its own, "<chat id>:<topic id>", which starts from its group's choices).
   */
  const targetOf = async (chat: Chat, from?: { language_code?: string }, topic?: number): Promise<Target> => {
    const locale = supportedLocale(from?.language_code);
    const title = 'title' in chat ? (chat.title ?? null) : null;
    const group = await deps.targets.upsert({
      platform: 'telegram',
      externalId: String(chat.id),
      kind: KINDS[chat.type],
      title,
      ...(locale ? { locale } : {}),
    });
    if (topic === undefined) return group;
    const target = await deps.targets.upsert({ platform: 'telegram', externalId: `${chat.id}:${topic}`, kind: 'topic', title, locale: group.locale });
    await deps.conversation.adoptTopic(target, group);
    return target;
  };
  const options = (keyboard: TelegramPart['keyboard']) => ({
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
  // Every answer goes out in the parts delivery would send it in: none over Telegram's limit.
  const reply = async (ctx: Context, v: View) => {
    for (const part of telegramParts(v)) await ctx.reply(part.text, options(part.keyboard));
  };

  // Commands in chats and in channel posts ("/cmd@botname args").
  bot.on(['message:text', 'channel_post:text'], async (ctx) => {
    const message = ctx.msg;
    const m = /^\/([a-z_]+)(?:@(\w+))?(?:\s+([\s\S]*))?$/i.exec(message.text.trim());
    if (!m) return;
    if (m[2] && m[2].toLowerCase() !== ctx.me.username.toLowerCase()) return; // another bot's command
    const [, command, , args = ''] = m;
    const name = command!.toLowerCase();
    // `/subscribe @channel sports` from a private chat configures the channel.
    const channel = /^(@\w{4,})\s+(.+)$/.exec(args.trim());
    if (ctx.chat.type === 'private' && (name === 'subscribe' || name === 'unsubscribe') && channel) {
      const checked = await channelActor(ctx.api, channel[1]!, ctx.from!, ctx.me.id);
      if ('refusal' in checked) return void (await reply(ctx, { lines: [checked.refusal], buttons: [] }));
      const target = await targetOf(checked.chat as Chat, ctx.from);
      return void (await reply(ctx, await deps.conversation.command(target, checked.actor, name, channel[2]!)));
    }
    const actor = await actorIn(ctx.api, ctx.chat, ctx.from, 'sender_chat' in message ? message.sender_chat : undefined);
    const target = await targetOf(ctx.chat, ctx.from, topicOf(message));
    if (!target.active) await deps.targets.reactivate(target.id); // they are talking to us again
    await reply(ctx, await deps.conversation.command(target, actor, name, args));
  });

  bot.on('callback_query:data', async (ctx) => {
    const chat = ctx.chat;
    if (!chat) return void (await ctx.answerCallbackQuery());
    const actor = await actorIn(ctx.api, chat, ctx.from);
    const pressed = ctx.callbackQuery.message;
    const v = await deps.conversation.action(await targetOf(chat, ctx.from, pressed ? topicOf(pressed) : undefined), actor, ctx.callbackQuery.data);
    if (v.error) return void (await ctx.answerCallbackQuery({ text: v.lines.join('\n').slice(0, 200), show_alert: true }));
    await ctx.answerCallbackQuery();
    await showPressed(ctx, v, options);
  });

  // The bot's own membership: blocked or removed → stop delivering; added back → resume.
  bot.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const target = await targetOf(ctx.chat, ctx.from);
    if (status === 'kicked' || status === 'left')
      await deps.targets.deactivate(target.id, status === 'kicked' ? 'bot was blocked or removed' : 'bot left the chat');
    else await deps.targets.reactivate(target.id);
  });

  bot.catch((error) => deps.logger.error({ err: asPortError(error.error, redactor), update: error.ctx.update.update_id }, 'telegram update failed'));
  return bot;
}

/** A Bot API failure as the port's (redacted) error; Herald's own failures stay as they are, with their stacks. */
function asPortError(error: unknown, redactor: Redactor): unknown {
  return error instanceof GrammyError || error instanceof HttpError ? translate(error, redactor) : error;
}

/**
 * Handles one stored update (the webhook's inbox). grammY wraps a handler's failure in a
 * BotError that carries the whole context (the API with its token): the inbox sees, stores
 * and logs only the failure itself, redacted. Telegram refusing the answer as it is (blocked,
 * a bad request, a chat that moved) is not tried again.
 */
export function telegramUpdateHandler(bot: Bot, redactor: Redactor): (update: unknown) => Promise<void> {
  return (update) =>
    bot.handleUpdate(update as never).catch((error: unknown) => {
      const failure = asPortError(error instanceof BotError ? error.error : error, redactor);
      if (failure instanceof MessageRejected || failure instanceof TargetGone || failure instanceof TargetMoved) throw new PermanentFailure(failure.message);
      throw failure;
    });
}

/** Registers the command list; a failure is logged and the bot runs on. */
export async function registerCommands(bot: Bot, logger: Logger): Promise<void> {
  try {
    // English for everyone, and each other language for users whose Telegram speaks it.
    await bot.api.setMyCommands(telegramCommands());
    for (const locale of LOCALES) if (locale !== DEFAULT_LOCALE) await bot.api.setMyCommands(telegramCommands(locale), { language_code: locale });
  } catch (error) {
    logger.warn({ err: error }, 'telegram setMyCommands failed; commands still work, the menu is not shown');
  }
}

/** The forum topic a message was sent in (not the General topic, which is the group itself). */
const topicOf = (message: { is_topic_message?: boolean; message_thread_id?: number }): number | undefined =>
  message.is_topic_message && message.message_thread_id !== undefined ? message.message_thread_id : undefined;

/** A button's answer where the button was: the pressed message edited, or new messages under it. */
async function showPressed(ctx: Context, v: View, options: (keyboard: TelegramPart['keyboard']) => object): Promise<void> {
  // "message is not modified" when a press changes nothing: harmless.
  const unlessUnchanged = (error: unknown) => {
    if (!/not modified/i.test(String((error as Error).message))) throw error;
  };
  // A photo (a breaking story with its image) has a caption, not a text: that is edited, when
  // the answer fits in a caption; otherwise the answer comes as new messages under it.
  const pressed = ctx.callbackQuery?.message;
  if (pressed && 'photo' in pressed && pressed.photo) {
    const caption = telegramCaption(v);
    if (caption)
      return void (await ctx
        .editMessageCaption({ caption: caption.caption, parse_mode: 'HTML', ...(caption.keyboard ? { reply_markup: caption.keyboard } : {}) })
        .catch(unlessUnchanged));
    for (const part of telegramParts(v)) await ctx.reply(part.text, options(part.keyboard));
    return;
  }
  // The pressed message is edited into the first part; a longer answer goes on in new messages.
  const [first, ...rest] = telegramParts(v);
  await ctx.editMessageText(first!.text, options(first!.keyboard)).catch(unlessUnchanged);
  for (const part of rest) await ctx.reply(part.text, options(part.keyboard));
}
