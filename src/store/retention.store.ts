// The RetentionRepository on Prisma: deletes in batches of ids (SQLite holds its one write lock for a
// transaction; a batch keeps ingest and delivery waiting milliseconds, not seconds). Items go
// before stories (an item's story is set null when the story goes), rows before the payloads
// they share.
import type { Pruned, RetentionCutoffs, RetentionRepository } from '../core/retention/retention.ts';
import type { Db } from './prisma-client.ts';

const BATCH = 2000;
const DONE = ['sent', 'dead', 'folded'];

export class PrismaRetentionRepository implements RetentionRepository {
  constructor(private readonly db: Db) {}

  async prune(cutoffs: RetentionCutoffs): Promise<Pruned> {
    const pruned: Pruned = { items: 0, stories: 0, outbox: 0, payloads: 0, webMessages: 0 };
    const { db } = this;
    if (cutoffs.content) {
      const before = cutoffs.content;
      pruned.items = await batches(
        () => db.item.findMany({ where: { firstSeenAt: { lt: before } }, select: { id: true }, take: BATCH }),
        (ids) => db.item.deleteMany({ where: { id: { in: ids } } }),
      );
      pruned.stories = await batches(
        () => db.story.findMany({ where: { lastUpdatedAt: { lt: before }, items: { none: {} } }, select: { id: true }, take: BATCH }),
        (ids) => db.story.deleteMany({ where: { id: { in: ids } } }),
      );
    }
    if (cutoffs.delivered) {
      const before = cutoffs.delivered;
      pruned.outbox = await batches(
        () => db.outbox.findMany({ where: { status: { in: DONE }, updatedAt: { lt: before } }, select: { id: true }, take: BATCH }),
        (ids) => db.outbox.deleteMany({ where: { id: { in: ids } } }),
      );
      // A payload stored again (the same message) has its createdAt renewed, so one in use
      // again is never older than the cutoff.
      pruned.payloads = await batches(
        () => db.outboxPayload.findMany({ where: { createdAt: { lt: before }, rows: { none: {} } }, select: { id: true }, take: BATCH }),
        (ids) => db.outboxPayload.deleteMany({ where: { id: { in: ids } } }),
      );
    }
    if (cutoffs.transcripts) {
      const before = cutoffs.transcripts;
      pruned.webMessages = await batches(
        () => db.webMessage.findMany({ where: { createdAt: { lt: before } }, select: { id: true }, take: BATCH }),
        (ids) => db.webMessage.deleteMany({ where: { id: { in: ids } } }),
      );
    }
    return pruned;
  }
}

async function batches(find: () => Promise<{ id: number }[]>, remove: (ids: number[]) => Promise<{ count: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await find()).map((r) => r.id);
    if (ids.length === 0) return total;
    total += (await remove(ids)).count;
    if (ids.length < BATCH) return total;
  }
}
