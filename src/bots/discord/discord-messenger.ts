// Messenger for Discord, on @discordjs/rest: story cards as embeds, split within Discord's
// limits, mentions disabled. The REST client keeps Discord's per-route buckets and the global
// 50/s from the headers; instead of sleeping through a long wait it reports RateLimited, so
// delivery can serve other targets meanwhile. It never retries a send itself (a retried POST
// after a lost answer could post twice); delivery decides. Discord's answers become the
// port's errors: 429 → RateLimited, 403/404 (missing access, unknown channel, cannot DM the
// user) → TargetGone, other 4xx → MessageRejected, 5xx and network → SendFailed.
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { en } from '../../core/i18n/messages.en.ts';
import { afterParts, DeliveryError, MessageRejected, RateLimited, SendFailed, TargetGone, type Messenger, type OutgoingMessage, type SendOptions, type SentMessage } from '../../core/delivery/messenger.ts';
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
  constructor(private readonly rest: REST) {}

  static create(token: string, apiBase: string): DiscordMessenger {
    return new DiscordMessenger(createDiscordRest(token, apiBase));
  }

  async send(channelId: string, message: OutgoingMessage, options: SendOptions = {}): Promise<SentMessage> {
    const parts = renderMessages(message, (n) => en.conversation.moreSources({ count: n }));
    let first: string | undefined;
    const from = Math.min(options.fromPart ?? 0, parts.length - 1);
    for (let i = from; i < parts.length; i++) {
      try {
        if (i > from) await options.beforePart?.(i);
        const sent = (await this.rest.post(Routes.channelMessages(channelId), { body: parts[i] })) as APIMessage;
        first ??= sent.id;
      } catch (error) {
        throw afterParts(error instanceof DeliveryError ? error : translate(error), i);
      }
    }
    return { messageId: first!, parts: parts.length };
  }
}

/** Discord's JSON error codes that mean the channel or DM is no longer ours to post in. */
const GONE_CODES = new Set([10003, 10013, 50001, 50007, 50013]);

export function translate(error: unknown): DeliveryError {
  if (error instanceof RateLimitError) return new RateLimited(Math.max(error.retryAfter, error.timeToReset, 1));
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (error.status === 403 || error.status === 404 || GONE_CODES.has(code)) return new TargetGone(`Discord ${error.status}: ${error.message}`);
    if (error.status >= 400 && error.status < 500) return new MessageRejected(`Discord ${error.status}: ${error.message}`);
    return new SendFailed(`Discord ${error.status}: ${error.message}`, { cause: error });
  }
  if (error instanceof HTTPError) return new SendFailed(`Discord ${error.status}: ${error.message}`, { cause: error });
  return new SendFailed(`network: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
