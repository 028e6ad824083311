// AdminSessionRepository on Prisma.
import type { AdminSessionRepository } from '../core/status/admin-sessions.ts';
import type { Db } from './prisma-client.ts';

export class PrismaAdminSessionRepository implements AdminSessionRepository {
  constructor(private readonly db: Db) {}

  async create(id: string, expiresAt: Date): Promise<void> {
    await this.db.adminSession.create({ data: { id, expiresAt } });
  }

  async valid(id: string, now: Date): Promise<boolean> {
    return (await this.db.adminSession.count({ where: { id, expiresAt: { gt: now } } })) > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.adminSession.deleteMany({ where: { id } });
  }

  async prune(now: Date): Promise<number> {
    return (await this.db.adminSession.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
