// Messenger for Telegram, on grammY's Api client: HTML parse mode, long text split at line
// boundaries (buttons on the last part); a story with an image as a photo (text when Telegram
// refuses the image); the preview of a breaking story's link, none otherwise; digests silent. Telegram's answers become the
// port's errors: 429 → RateLimited (retry_after), 403 → TargetGone (blocked, kicked),
// migrate_to_chat_id → TargetMoved, other 400 → MessageRejected, 5xx → SendFailed, no answer
// at all → PlatformUnavailable. Every message is redacted there: a network error from the Bot
// API quotes the request URL, and the URL holds the bot token.
import { Api, GrammyError, HttpError } from 'grammy';
import { systemClock, type Clock } from '../../core/clock.ts';
import { isNetworkError } from '../../core/net-errors.ts';
import { Redactor } from '../../core/redact.ts';
import {
  afterParts,
  DeliveryError,
  MessageRejected,
  PlatformUnavailable,
  RateLimited,
  SendFailed,
  TargetGone,
  TargetMoved,
  type Messenger,
  type SendOptions,
  type SentMessage,
} from '../../core/delivery/messenger.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';
import { telegramParts, telegramPhoto } from './telegram-render.ts';

export class TelegramMessenger implements Messenger {
  readonly platform = 'telegram';
  /** Chats Telegram told us to leave alone, until when (retry_after is per chat). */
  readonly #holds = new Map<string, number>();
  constructor(
    private readonly api: Api,
    private readonly redactor: Redactor,
    private readonly clock: Clock = systemClock,
  ) {}

  /** With Herald's own redactor (every configured secret), or one that knows this token. */
  static create(token: string, apiRoot: string, redactor = new Redactor([token])): TelegramMessenger {
    return new TelegramMessenger(new Api(token, { apiRoot }), redactor);
  }

  async send(chatId: string, message: OutgoingMessage, options: SendOptions = {}): Promise<SentMessage> {
    // A forum topic is "<chat id>:<topic id>": the chat, and the topic within it.
    const [chat, topic] = destination(chatId);
    const where = topic !== undefined ? { message_thread_id: topic } : {};
    // Honour a 429 for that chat (all its topics): answer at once with the time left instead of asking again.
    const until = this.#holds.get(chat);
    if (until !== undefined) {
      if (until > this.clock().getTime()) throw new RateLimited(until - this.clock().getTime());
      this.#holds.delete(chat);
    }
    const sound = message.silent ? { disable_notification: true } : {};
    // A follow-up quotes its alert; should the alert be gone (deleted in the chat), it goes alone.
    const reply =
      options.replyTo && /^\d+$/.test(options.replyTo) ? { reply_parameters: { message_id: Number(options.replyTo), allow_sending_without_reply: true } } : {};
    // A story with an image goes as a photo; one Telegram cannot fetch or take goes as text.
    const photo = (options.fromPart ?? 0) === 0 ? telegramPhoto(message) : undefined;
    if (photo) {
      try {
        const sent = await this.api.sendPhoto(chat, photo.photo, {
          caption: photo.caption,
          parse_mode: 'HTML',
          ...where,
          ...sound,
          ...reply,
          ...(photo.keyboard ? { reply_markup: photo.keyboard } : {}),
        });
        return { messageId: String(sent.message_id), parts: 1 };
      } catch (error) {
        if (!photoRefused(error)) {
          const translated = translate(error, this.redactor);
          if (translated instanceof RateLimited) this.#holds.set(chat, this.clock().getTime() + translated.retryAfterMs);
          throw afterParts(translated, 0);
        }
      }
    }
    const parts = telegramParts(message);
    let first: string | undefined;
    const from = Math.min(options.fromPart ?? 0, parts.length - 1);
    for (let i = from; i < parts.length; i++) {
      const { text, keyboard } = parts[i]!;
      try {
        if (i > from) await options.beforePart?.(i);
        const sent = await this.api.sendMessage(chat, text, {
          parse_mode: 'HTML',
          ...where,
          // The preview of the story's own link, above the text, on its first part only.
          link_preview_options: message.preview && i === 0 ? { url: message.preview, show_above_text: false } : { is_disabled: true },
          ...sound,
          ...(i === 0 ? reply : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        first ??= String(sent.message_id);
      } catch (error) {
        const translated = error instanceof DeliveryError ? error : translate(error, this.redactor);
        if (translated instanceof RateLimited) this.#holds.set(chat, this.clock().getTime() + translated.retryAfterMs);
        throw afterParts(translated, i);
      }
    }
    return { messageId: first!, parts: parts.length };
  }
}

/** A target's chat id and, for a forum topic ("-100123:45"), its topic. */
function destination(externalId: string): [string, number | undefined] {
  const m = /^(-?\d+):(\d+)$/.exec(externalId);
  return m ? [m[1]!, Number(m[2])] : [externalId, undefined];
}

/**
 * Telegram refused the photo itself (it could not fetch the URL, the file is not an image it
 * takes, or too large: WEBPAGE_CURL_FAILED, "wrong file identifier", IMAGE_PROCESS_FAILED,
 * 413), not the chat: the story still goes, as text. A chat that is gone or moved is not this.
 */
function photoRefused(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  if (error.parameters.migrate_to_chat_id !== undefined) return false;
  if (error.error_code === 413) return true;
  return error.error_code === 400 && !/chat not found|user is deactivated|group chat was deleted|message thread not found/i.test(error.description);
}

/** A Bot API failure as the port's error, its message redacted. */
export function translate(error: unknown, redactor: Redactor): DeliveryError {
  if (error instanceof GrammyError) {
    const { error_code: code, parameters } = error;
    const description = redactor.text(error.description);
    if (code === 429) return new RateLimited((parameters.retry_after ?? 1) * 1000);
    if (parameters.migrate_to_chat_id !== undefined) return new TargetMoved(String(parameters.migrate_to_chat_id));
    if (code === 403) return new TargetGone(description);
    if (code === 400 && /chat not found|user is deactivated|group chat was deleted/i.test(description)) return new TargetGone(description);
    // A forum topic deleted (or closed to the bot): that topic is gone, not its group.
    if (code === 400 && /message thread not found|TOPIC_DELETED|TOPIC_CLOSED/i.test(description)) return new TargetGone(`forum topic gone: ${description}`);
    if (code >= 400 && code < 500) return new MessageRejected(description);
    return new SendFailed(`Telegram ${code}: ${description}`);
  }
  // grammY's HttpError wraps what fetch threw (its message names the URL, token included), or
  // an answer that was not the Bot API's JSON (a proxy's 502 page).
  if (error instanceof HttpError) {
    if (isNetworkError(error.error)) return new PlatformUnavailable(`Telegram unreachable: ${redactor.message(error.error)}`);
    return new SendFailed(`Telegram: ${redactor.message(error)}`);
  }
  return new SendFailed(redactor.message(error));
}
