// Messenger for Telegram, on grammY's Api client: HTML parse mode, long text split at line
// boundaries (buttons on the last part), link previews off. Telegram's answers become the
// port's errors: 429 → RateLimited (retry_after), 403 → TargetGone (blocked, kicked),
// migrate_to_chat_id → TargetMoved, other 400 → MessageRejected, 5xx and network → SendFailed.
import { Api, GrammyError, HttpError } from 'grammy';
import {
  afterParts,
  DeliveryError,
  MessageRejected,
  RateLimited,
  SendFailed,
  TargetGone,
  TargetMoved,
  type Messenger,
  type OutgoingMessage,
  type SendOptions,
  type SentMessage,
} from '../../core/delivery/messenger.ts';
import { telegramParts } from './telegram-render.ts';

export class TelegramMessenger implements Messenger {
  readonly platform = 'telegram';
  /** Chats Telegram told us to leave alone, until when (retry_after is per chat). */
  readonly #holds = new Map<string, number>();
  constructor(
    private readonly api: Api,
    private readonly now: () => number = Date.now,
  ) {}

  static create(token: string, apiRoot: string): TelegramMessenger {
    return new TelegramMessenger(new Api(token, { apiRoot }));
  }

  async send(chatId: string, message: OutgoingMessage, options: SendOptions = {}): Promise<SentMessage> {
    // Honour a 429 for that chat: answer at once with the time left instead of asking again.
    const until = this.#holds.get(chatId);
    if (until !== undefined) {
      if (until > this.now()) throw new RateLimited(until - this.now());
      this.#holds.delete(chatId);
    }
    const parts = telegramParts(message);
    let first: string | undefined;
    const from = Math.min(options.fromPart ?? 0, parts.length - 1);
    for (let i = from; i < parts.length; i++) {
      const { text, keyboard } = parts[i]!;
      try {
        if (i > from) await options.beforePart?.(i);
        const sent = await this.api.sendMessage(chatId, text, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        first ??= String(sent.message_id);
      } catch (error) {
        const translated = error instanceof DeliveryError ? error : translate(error);
        if (translated instanceof RateLimited) this.#holds.set(chatId, this.now() + translated.retryAfterMs);
        throw afterParts(translated, i);
      }
    }
    return { messageId: first!, parts: parts.length };
  }
}

export function translate(error: unknown): DeliveryError {
  if (error instanceof GrammyError) {
    const { error_code: code, description, parameters } = error;
    if (code === 429) return new RateLimited((parameters.retry_after ?? 1) * 1000);
    if (parameters.migrate_to_chat_id !== undefined) return new TargetMoved(String(parameters.migrate_to_chat_id));
    if (code === 403) return new TargetGone(description);
    if (code === 400 && /chat not found|user is deactivated|group chat was deleted/i.test(description)) return new TargetGone(description);
    if (code >= 400 && code < 500) return new MessageRejected(description);
    return new SendFailed(`Telegram ${code}: ${description}`);
  }
  if (error instanceof HttpError) return new SendFailed(`network: ${(error.error as Error)?.message ?? error.message}`, { cause: error });
  return new SendFailed(String((error as Error)?.message ?? error), { cause: error });
}
