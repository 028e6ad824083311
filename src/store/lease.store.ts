// LeaseRepository on Prisma: one INSERT … ON CONFLICT DO UPDATE … WHERE, the same on SQLite
// and PostgreSQL, that takes a lease nobody has, renews one the holder has, and takes over
// one that has ended; it returns a row only when `holder` has the lease afterwards. On
// PostgreSQL two processes taking at once are serialised by the row lock.
import type { LeaseRepository } from '../core/coordination/lease.ts';
import type { Db } from './prisma-client.ts';

export class PrismaLeaseRepository implements LeaseRepository {
  constructor(private readonly db: Db) {}

  async take(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ holder: string }[]>`
      INSERT INTO "Lease" ("name", "holder", "expiresAt", "updatedAt") VALUES (${name}, ${holder}, ${until}, ${now})
      ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt", "updatedAt" = excluded."updatedAt"
      WHERE "Lease"."holder" = excluded."holder" OR "Lease"."expiresAt" <= ${now}
      RETURNING "holder"`;
    return rows.length === 1 && rows[0]!.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.lease.deleteMany({ where: { name, holder } });
  }
}
