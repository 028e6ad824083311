// The one port through which Herald sends anything to a chat platform. A message is
// neutral (text lines, optional title, links, buttons); each adapter renders its own format.
// Failures are split by what the caller should do: wait (rate limited), stop (the target is
// gone), move (the chat has a new id), retry later (anything transient), or wait for the
// platform (unreachable). Their messages are redacted where the adapter translates them: no
// token or secret is in a DeliveryError, and none carries the raw error as its cause.
import type { OutgoingMessage } from '../message/outgoing.ts';

export interface SentMessage {
  /** The platform's id of the (first) message sent. */
  messageId: string;
  /** How many platform messages it took (long text is split). */
  parts: number;
  /** What did not work out but did not stop the message (a thread that could not be opened), for the log. */
  warning?: string;
}

export interface SendOptions {
  /** Skip the platform messages an earlier attempt already sent (a long message is split). */
  fromPart?: number;
  /** Called before each further platform message of this send (to take a budget slot for it). */
  beforePart?: (index: number) => Promise<void>;
  /** The platform's id of the message this one follows up (a breaking alert): a reply to it, or its thread. */
  replyTo?: string;
}

export interface Messenger {
  readonly platform: string;
  send(externalId: string, message: OutgoingMessage, options?: SendOptions): Promise<SentMessage>;
}

/** Every failure a messenger reports; `partsSent` says how many parts of a split message went out first. */
export class DeliveryError extends Error {
  partsSent = 0;
}

/** The error, as the port's, marked with the parts sent before it. */
export function afterParts(error: DeliveryError, partsSent: number): DeliveryError {
  error.partsSent = partsSent;
  return error;
}

export class RateLimited extends DeliveryError {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited: retry after ${Math.round(retryAfterMs / 1000)} s`);
    this.name = 'RateLimited';
  }
}

/** The bot was blocked, kicked, or the chat no longer exists: stop sending there. */
export class TargetGone extends DeliveryError {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TargetGone';
  }
}

/** The chat now lives under another id (a Telegram group became a supergroup). */
export class TargetMoved extends DeliveryError {
  constructor(readonly newExternalId: string) {
    super(`chat moved to ${newExternalId}`);
    this.name = 'TargetMoved';
  }
}

/** The platform refused this message as it is (a bad request): retrying will not help. */
export class MessageRejected extends DeliveryError {
  constructor(message: string) {
    super(message);
    this.name = 'MessageRejected';
  }
}

/** Worth retrying later (a 5xx, a network failure). */
export class SendFailed extends DeliveryError {
  constructor(message: string) {
    super(message);
    this.name = 'SendFailed';
  }
}

/**
 * The platform could not be reached at all (connection refused, DNS, a timeout): not this
 * message's fault. Delivery waits for the platform to answer again, counting no attempt.
 */
export class PlatformUnavailable extends SendFailed {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformUnavailable';
  }
}
