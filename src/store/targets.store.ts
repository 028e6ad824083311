// TargetRepository on Prisma.
import { platformSchema, targetKindSchema, type Target, type TargetRepository } from '../core/targets/target.ts';
import type { Db } from './prisma-client.ts';
import type { Target as TargetRow } from './generated/sqlite/client.ts';

function toTarget(row: TargetRow): Target {
  return {
    id: row.id,
    platform: platformSchema.parse(row.platform),
    externalId: row.externalId,
    kind: targetKindSchema.parse(row.kind),
    title: row.title,
    locale: row.locale,
    active: row.active,
    deactivatedReason: row.deactivatedReason,
    createdAt: row.createdAt,
  };
}

export class PrismaTargetRepository implements TargetRepository {
  constructor(private readonly db: Db) {}

  async upsert(input: Parameters<TargetRepository['upsert']>[0]): Promise<Target> {
    const { platform, externalId, kind } = input;
    const title = input.title ?? null;
    // Called on every incoming update: read first, write only what is new or changed.
    const found = await this.db.target.findUnique({ where: { platform_externalId: { platform, externalId } } });
    if (found && found.kind === kind && (input.title === undefined || found.title === title)) return toTarget(found);
    const row = await this.db.target.upsert({
      where: { platform_externalId: { platform, externalId } },
      create: { platform, externalId, kind, title, ...(input.locale ? { locale: input.locale } : {}) },
      update: { kind, ...(input.title !== undefined ? { title } : {}) },
    });
    return toTarget(row);
  }

  async setLocale(id: number, locale: string): Promise<void> {
    await this.db.target.update({ where: { id }, data: { locale } });
  }

  async find(ref: { platform: string; externalId: string }): Promise<Target | null> {
    const row = await this.db.target.findUnique({ where: { platform_externalId: ref } });
    return row && toTarget(row);
  }

  async count(platform: Target['platform']): Promise<number> {
    return this.db.target.count({ where: { platform } });
  }

  async get(id: number): Promise<Target | null> {
    const row = await this.db.target.findUnique({ where: { id } });
    return row && toTarget(row);
  }

  async deactivate(id: number, reason: string): Promise<void> {
    await this.db.target.update({
      where: { id },
      data: { active: false, deactivatedReason: reason },
    });
  }

  async reactivate(id: number): Promise<void> {
    await this.db.target.update({ where: { id }, data: { active: true, deactivatedReason: null } });
  }

  async moveTo(id: number, externalId: string, kind?: Target['kind']): Promise<void> {
    await this.db.target.update({ where: { id }, data: { externalId, ...(kind ? { kind } : {}) } });
  }

  async delete(id: number): Promise<void> {
    // Preferences, subscriptions and outbox rows go with it (ON DELETE CASCADE).
    await this.db.target.deleteMany({ where: { id } });
  }
}
