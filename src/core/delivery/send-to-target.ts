// Sending to a target through its platform's Messenger, with what the platform's answer
// means for the target: gone (blocked, kicked, deleted) deactivates it, keeping its
// preferences for a comeback; moved (a group became a supergroup) re-points it and sends
// again at the new id. Rate limits and transient failures go back to the caller to retry.
import type { Logger } from '../logger.ts';
import type { Target, TargetRepository } from '../targets/target.ts';
import { TargetGone, TargetMoved, type Messenger, type SendOptions, type SentMessage } from './messenger.ts';
import type { OutgoingMessage } from '../message/outgoing.ts';

export type SendOutcome = { status: 'sent'; sent: SentMessage } | { status: 'gone'; reason: string };

export async function sendToTarget(
  deps: { messenger: Messenger; targets: TargetRepository; logger: Logger },
  target: Pick<Target, 'id' | 'externalId'>,
  message: OutgoingMessage,
  options?: SendOptions,
): Promise<SendOutcome> {
  let externalId = target.externalId;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return { status: 'sent', sent: await deps.messenger.send(externalId, message, options) };
    } catch (error) {
      if (error instanceof TargetGone) {
        await deps.targets.deactivate(target.id, error.reason);
        deps.logger.info({ target: target.id, reason: error.reason }, 'target deactivated');
        return { status: 'gone', reason: error.reason };
      }
      if (error instanceof TargetMoved && attempt === 0) {
        await deps.targets.moveTo(target.id, error.newExternalId, 'supergroup');
        deps.logger.info({ target: target.id }, 'target moved to its new chat id');
        externalId = error.newExternalId;
        continue;
      }
      throw error;
    }
  }
  throw new Error('unreachable');
}
