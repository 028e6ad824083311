// Messenger for Discord, on @discordjs/rest: story cards as embeds, split within Discord's
// limits, mentions disabled. The REST client keeps Discord's per-route buckets and the global
// 50/s from the headers; instead of sleeping through a long wait it reports RateLimited, so
// delivery can serve other targets meanwhile. It never retries a send itself (a retried POST
// after a lost answer could post twice); delivery decides. Discord's answers become the
// port's errors: 429 → RateLimited, 403/404 (missing access, unknown channel, cannot DM the
// user) → TargetGone, other 4xx → MessageRejected, 5xx → SendFailed, no answer at all →
// PlatformUnavailable, each message redacted (the token, and interaction tokens in URLs).
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import {
  afterParts,
  DeliveryError,
  MessageRejected,
  PlatformUnavailable,
  RateLimited,
  SendFailed,
  TargetGone,
  type Messenger,
  type SendOptions,
  type SentMessage,
} from '../../core/delivery/messenger.ts';
import type { OutgoingMessage } from '../../core/message/outgoing.ts';
import { isNetworkError } from '../../core/net-errors.ts';
import { Redactor } from '../../core/redact.ts';
import { renderMessages } from './discord-render.ts';

/** Waits up to this long inside the REST client; longer ones come back as RateLimited. */
const MAX_INLINE_WAIT_MS = 1000;

export function createDiscordRest(token: string, apiBase: string, opts: { retries?: number } = {}): REST {
  return new REST({
    api: apiBase,
    version: '10',
    retries: opts.retries ?? 0,
    offset: 0,
    timeout: 15_000,
    rejectOnRateLimit: (data) => data.retryAfter > MAX_INLINE_WAIT_MS || data.timeToReset > MAX_INLINE_WAIT_MS,
  }).setToken(token);
}

export class DiscordMessenger implements Messenger {
  readonly platform = 'discord';
  constructor(
    private readonly rest: REST,
    private readonly redactor: Redactor,
  ) {}

  /** With Herald's own redactor (every configured secret), or one that knows this token. */
  static create(token: string, apiBase: string, redactor = new Redactor([token])): DiscordMessenger {
    return new DiscordMessenger(createDiscordRest(token, apiBase), redactor);
  }

  async send(channelId: string, message: OutgoingMessage, options: SendOptions = {}): Promise<SentMessage> {
    const parts = renderMessages(message);
    // A follow-up goes into its alert's thread (a thread opened from a message has that
    // message's id); without one it answers the alert in the channel.
    let to = options.replyTo && message.inThread ? options.replyTo : channelId;
    const reply = options.replyTo ? { message_reference: { message_id: options.replyTo, fail_if_not_exists: false } } : {};
    let first: string | undefined;
    const from = Math.min(options.fromPart ?? 0, parts.length - 1);
    for (let i = from; i < parts.length; i++) {
      try {
        if (i > from) await options.beforePart?.(i);
        const body = to === channelId && i === from ? { ...parts[i], ...reply } : parts[i];
        const sent = (await this.rest.post(Routes.channelMessages(to), { body })) as APIMessage;
        first ??= sent.id;
      } catch (error) {
        // The thread is gone (deleted, or never opened): the channel, as a reply to the alert.
        if (to !== channelId && threadGone(error)) {
          to = channelId;
          i--;
          continue;
        }
        throw afterParts(error instanceof DeliveryError ? error : translate(error, this.redactor), i);
      }
    }
    const warning = message.openThread && from === 0 ? await this.#openThread(channelId, first!, message.openThread) : undefined;
    return { messageId: first!, parts: parts.length, ...(warning ? { warning } : {}) };
  }

  /**
   * Opens a thread on a sent message; what goes wrong (no permission to create threads, a DM)
   * is a warning, not a failure: the alert is out, and sending it again would repeat it.
   */
  async #openThread(channelId: string, messageId: string, name: string): Promise<string | undefined> {
    try {
      await this.rest.post(Routes.threads(channelId, messageId), { body: { name: threadName(name), auto_archive_duration: 1440 } });
      return undefined;
    } catch (error) {
      return `no thread opened: ${translate(error, this.redactor).message}`;
    }
  }
}

/** A thread's name: 1 to 100 characters, on one line. */
function threadName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '…';
  return flat.length <= 100 ? flat : `${flat.slice(0, 99)}…`;
}

/** Discord said the thread cannot be posted in: unknown, or archived and locked. */
function threadGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.status === 404 || error.code === 10003 || error.code === 50083 || error.code === 50001);
}

/** Discord's JSON error codes that mean the channel or DM is no longer ours to post in. */
const GONE_CODES = new Set([10003, 10013, 50001, 50007, 50013]);

/** A REST failure as the port's error, its message redacted. */
export function translate(error: unknown, redactor: Redactor): DeliveryError {
  if (error instanceof RateLimitError) return new RateLimited(Math.max(error.retryAfter, error.timeToReset, 1));
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const said = `Discord ${error.status}: ${redactor.text(error.message)}`;
    if (error.status === 403 || error.status === 404 || GONE_CODES.has(code)) return new TargetGone(said);
    if (error.status >= 400 && error.status < 500) return new MessageRejected(said);
    return new SendFailed(said);
  }
  if (error instanceof HTTPError) return new SendFailed(`Discord ${error.status}: ${redactor.text(error.message)}`);
  // What fetch threw before any answer: "fetch failed", with the reason in its cause.
  if (isNetworkError(error)) return new PlatformUnavailable(`Discord unreachable: ${redactor.message(error)}`);
  return new SendFailed(redactor.message(error));
}
