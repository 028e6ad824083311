// A Messenger that records what it is asked to send, and fails as told: the fake that
// delivery tests use, held to the same contract as the real adapters.
import { RateLimited, TargetGone, type Messenger, type SentMessage } from '../../src/core/delivery/messenger.ts';
import type { OutgoingMessage } from '../../src/core/message/outgoing.ts';

export class RecordingMessenger implements Messenger {
  readonly platform = 'fake';
  readonly sent: { externalId: string; message: OutgoingMessage }[] = [];
  readonly gone = new Set<string>();
  rateLimitNext: number | undefined;

  async send(externalId: string, message: OutgoingMessage): Promise<SentMessage> {
    if (this.gone.has(externalId)) throw new TargetGone('bot was blocked by the user');
    if (this.rateLimitNext !== undefined) {
      const ms = this.rateLimitNext;
      this.rateLimitNext = undefined;
      throw new RateLimited(ms);
    }
    this.sent.push({ externalId, message });
    return { messageId: String(this.sent.length), parts: 1 };
  }
}
