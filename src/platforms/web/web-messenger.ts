// Delivery to the local web chat: a digest or breaking story is appended to the chat's log,
// where the open page picks it up within a few seconds. Nothing to rate-limit, and it cannot
// fail short of the database failing (then the outbox retries, as for any platform).
import type { ChatLog } from '../../core/chatlog/chat-log.ts';
import { SendFailed, type Messenger, type SentMessage } from '../../core/delivery/messenger.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';

export class WebMessenger implements Messenger {
  readonly platform = 'web';
  constructor(private readonly log: ChatLog) {}

  async send(chatId: string, message: OutgoingMessage): Promise<SentMessage> {
    try {
      const entry = await this.log.append(chatId, 'bot', 'delivery', { ...message, buttons: [] });
      return { messageId: String(entry.id), parts: 1 };
    } catch (error) {
      throw new SendFailed(`web chat log: ${(error as Error).message}`);
    }
  }
}
