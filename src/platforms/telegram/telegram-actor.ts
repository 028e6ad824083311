// Who may change a chat's settings on Telegram: anyone in a private chat; in a group, its
// administrators, including anonymous ones (they write as the group itself, through
// GroupAnonymousBot); in a channel, its posts come from admins by definition.
import type { Api } from 'grammy';
import type { Chat, Message, User } from 'grammy/types';
import type { Actor } from '../../core/conversation/conversation.ts';
import { pickLocale } from '../../core/i18n/locales.ts';
import { messagesFor } from '../../core/i18n/messages.ts';

/** The user id Telegram shows for a group's anonymous administrators. */
export const GROUP_ANONYMOUS_BOT = 1087968824;
const ADMIN = new Set(['creator', 'administrator']);

/** Its refusals, from the message catalogue, in the language of whoever is refused. */
const refusalsFor = (languageCode: string | undefined) => messagesFor(pickLocale([languageCode])).telegram;

export async function actorIn(api: Api, chat: Chat, from: User | undefined, senderChat?: Message['sender_chat']): Promise<Actor> {
  const actor = await rightsIn(api, chat, from, senderChat);
  // Who writes: a person, or a chat writing as itself (a channel posting in a group, an
  // anonymous admin), whose `from` is one of Telegram's shared stand-in users.
  const reader = senderChat ? `chat:${senderChat.id}` : from ? String(from.id) : undefined;
  return reader ? { ...actor, reader } : actor;
}

async function rightsIn(api: Api, chat: Chat, from: User | undefined, senderChat?: Message['sender_chat']): Promise<Actor> {
  if (chat.type === 'private' || chat.type === 'channel') return { canConfigure: true };
  if (from?.id === GROUP_ANONYMOUS_BOT && senderChat?.id === chat.id) return { canConfigure: true };
  const refusals = refusalsFor(from?.language_code);
  if (!from) return { canConfigure: false, refusal: refusals.notAdmin };
  const member = await api.getChatMember(chat.id, from.id);
  return ADMIN.has(member.status) ? { canConfigure: true } : { canConfigure: false, refusal: refusals.notAdmin };
}

/** For `/subscribe @channel …` from a private chat: the sender must be an admin there, and the bot able to post. */
export async function channelActor(
  api: Api,
  channel: string,
  who: Pick<User, 'id' | 'language_code'>,
  botId: number,
): Promise<{ chat: Chat; actor: Actor } | { refusal: string }> {
  const refusals = refusalsFor(who.language_code);
  const userId = who.id;
  let chat;
  try {
    chat = await api.getChat(channel);
  } catch {
    return { refusal: refusals.unknownChannel({ name: channel }) };
  }
  const title = 'title' in chat && chat.title ? chat.title : channel;
  const [user, bot] = await Promise.all([api.getChatMember(chat.id, userId), api.getChatMember(chat.id, botId)]);
  if (!ADMIN.has(user.status)) return { refusal: refusals.notChannelAdmin({ title }) };
  const canPost = bot.status === 'administrator' ? (chat.type === 'channel' ? bot.can_post_messages === true : true) : false;
  if (!canPost) return { refusal: refusals.botCannotPost({ title }) };
  return { chat, actor: { canConfigure: true } };
}
