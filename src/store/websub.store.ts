// WebSubRepository on Prisma.
import { WEBSUB_STATES, type WebSubRepository, type WebSubState, type WebSubSubscription } from '../core/feeds/websub.ts';
import type { WebSubSubscription as Row } from './generated/sqlite/client.ts';
import type { Db } from './prisma-client.ts';

const toSubscription = (r: Row): WebSubSubscription => ({
  feedId: r.feedId,
  hubUrl: r.hubUrl,
  topicUrl: r.topicUrl,
  secret: r.secret,
  state: (WEBSUB_STATES as readonly string[]).includes(r.state) ? (r.state as WebSubState) : 'failed',
  leaseExpiresAt: r.leaseExpiresAt,
  requestedAt: r.requestedAt,
  verifiedAt: r.verifiedAt,
});

export class PrismaWebSubRepository implements WebSubRepository {
  constructor(private readonly db: Db) {}

  async get(feedId: string): Promise<WebSubSubscription | null> {
    const row = await this.db.webSubSubscription.findUnique({ where: { feedId } });
    return row && toSubscription(row);
  }

  async requested(feedId: string, s: { hubUrl: string; topicUrl: string; secret: string }, at: Date): Promise<void> {
    const data = { ...s, state: 'pending', requestedAt: at, lastError: null };
    await this.db.webSubSubscription.upsert({ where: { feedId }, create: { feedId, ...data }, update: data });
  }

  async verified(feedId: string, leaseExpiresAt: Date | null, at: Date): Promise<void> {
    await this.db.webSubSubscription.update({ where: { feedId }, data: { state: 'active', leaseExpiresAt, verifiedAt: at, lastError: null } });
  }

  async setState(feedId: string, state: 'denied' | 'failed', reason: string): Promise<void> {
    await this.db.webSubSubscription.update({ where: { feedId }, data: { state, lastError: reason.slice(0, 500) } });
  }

  async needingRenewal(before: Date, stalePending: Date): Promise<WebSubSubscription[]> {
    const rows = await this.db.webSubSubscription.findMany({
      where: {
        feed: { enabled: true },
        OR: [
          { state: 'active', leaseExpiresAt: { lt: before } },
          { state: { in: ['pending', 'failed'] }, requestedAt: { lt: stalePending } },
        ],
      },
    });
    return rows.map(toSubscription);
  }
}
