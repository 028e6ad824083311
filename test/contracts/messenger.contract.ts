// The contract every Messenger keeps (Telegram, Discord, the test fake): a message is sent
// and identified; a blocked target is TargetGone; a rate limit is RateLimited with its wait.
import { describe, expect, it } from 'vitest';
import { RateLimited, TargetGone, type Messenger } from '../../src/core/delivery/messenger.ts';

export interface MessengerHarness {
  messenger: Messenger;
  /** A target that accepts messages. */
  reachable: string;
  /** Makes the next send to `target` fail as blocked by the user. */
  blockNext(target: string): void;
  /** Makes the next send fail with a rate limit of `seconds`. */
  rateLimitNext(seconds: number): void;
}

export function messengerContract(name: string, setup: () => Promise<MessengerHarness>): void {
  describe(`Messenger contract: ${name}`, () => {
    it('sends a message with a title, lines and buttons, and returns its id', async () => {
      const h = await setup();
      const sent = await h.messenger.send(h.reachable, {
        title: 'Breaking',
        lines: ['Quake <7.1> & tsunami'],
        buttons: [[{ label: 'More', action: { kind: 'category', category: 'sports' } }]],
      });
      expect(sent.messageId).toMatch(/\S/);
      expect(sent.parts).toBeGreaterThanOrEqual(1);
    });

    it('reports a blocked target as TargetGone', async () => {
      const h = await setup();
      h.blockNext('1001');
      await expect(h.messenger.send('1001', { lines: ['hi'] })).rejects.toBeInstanceOf(TargetGone);
    });

    it('reports a rate limit as RateLimited with the wait it was told', async () => {
      const h = await setup();
      h.rateLimitNext(9);
      const error = await h.messenger.send(h.reachable, { lines: ['hi'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimited);
      expect((error as RateLimited).retryAfterMs).toBe(9000);
    });
  });
}
