// A chat's history as Herald keeps it, for a platform that does not keep it itself (the local
// web chat): what the person typed, the bot's answers (edited in place when a button is
// pressed, as on Telegram) and the digests and breaking stories delivered.
import type { View } from '../message/view.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';

export type ChatRole = 'user' | 'bot';
export type ChatEntryKind = 'reply' | 'delivery';

export interface ChatEntry {
  id: number;
  role: ChatRole;
  kind: ChatEntryKind;
  /** The person's text (role user), a view (a reply) or a delivered message. */
  body: { text: string } | View | OutgoingMessage;
  at: Date;
}

export interface ChatLog {
  append(chatId: string, role: ChatRole, kind: ChatEntryKind, body: ChatEntry['body']): Promise<ChatEntry>;
  /** Replaces a bot entry's body (a button press edits its message); null when it is not this chat's. */
  replace(chatId: string, id: number, body: ChatEntry['body']): Promise<ChatEntry | null>;
  /** Entries after `afterId`, oldest first; the latest `limit` when there are more. */
  since(chatId: string, afterId: number, limit: number): Promise<ChatEntry[]>;
  clear(chatId: string): Promise<void>;
  /**
   * Forgets the chats whose person has typed nothing since `before`: their transcript and
   * their web target, preferences and pending deliveries with it. Returns how many.
   */
  expireIdle(before: Date): Promise<number>;
}
