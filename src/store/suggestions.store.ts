// SuggestionRepository on Prisma: readers' /suggest rows, one per reader and address, and the
// addresses grouped for operators (how many readers, first and last time).
import type { SuggestedAddress, Suggestion, SuggestionRepository, SuggestionStatus } from '../core/suggestions/suggestion.ts';
import type { Db } from './prisma-client.ts';

type Row = { id: number; url: string; urlKey: string; reader: string; targetId: number | null; status: string; createdAt: Date; decidedAt: Date | null };
const toSuggestion = (r: Row): Suggestion => ({ ...r, status: r.status as SuggestionStatus });

export class PrismaSuggestionRepository implements SuggestionRepository {
  constructor(private readonly prisma: Db) {}

  async add(s: { url: string; urlKey: string; reader: string; targetId: number | null; at: Date }): Promise<void> {
    // A second /suggest racing the first for the same address is the same suggestion.
    await this.prisma.suggestion.upsert({
      where: { urlKey_reader: { urlKey: s.urlKey, reader: s.reader } },
      create: { url: s.url, urlKey: s.urlKey, reader: s.reader, targetId: s.targetId, createdAt: s.at },
      update: {},
    });
  }

  async find(urlKey: string, reader: string): Promise<Suggestion | undefined> {
    const row = await this.prisma.suggestion.findUnique({ where: { urlKey_reader: { urlKey, reader } } });
    return row ? toSuggestion(row) : undefined;
  }

  async decision(urlKey: string): Promise<Exclude<SuggestionStatus, 'pending'> | undefined> {
    const row = await this.prisma.suggestion.findFirst({ where: { urlKey, status: { not: 'pending' } }, select: { status: true } });
    return row ? (row.status as Exclude<SuggestionStatus, 'pending'>) : undefined;
  }

  async pendingCount(): Promise<number> {
    return (await this.prisma.suggestion.groupBy({ by: ['urlKey'], where: { status: 'pending' } })).length;
  }

  async remove(urlKey: string, reader: string): Promise<void> {
    await this.prisma.suggestion.deleteMany({ where: { urlKey, reader } });
  }

  countSince(reader: string, since: Date): Promise<number> {
    return this.prisma.suggestion.count({ where: { reader, createdAt: { gte: since } } });
  }

  async addresses(options: { all?: boolean; limit: number }): Promise<SuggestedAddress[]> {
    const groups = await this.prisma.suggestion.groupBy({
      by: ['urlKey'],
      where: options.all ? {} : { status: 'pending' },
      _count: { _all: true },
      _min: { id: true, createdAt: true },
      _max: { createdAt: true },
      orderBy: { _max: { createdAt: 'desc' } },
      take: options.limit,
    });
    const keys = groups.map((g) => g.urlKey);
    const [firsts, pending] = await Promise.all([
      this.prisma.suggestion.findMany({ where: { id: { in: groups.map((g) => g._min.id!) } } }),
      this.prisma.suggestion.findMany({ where: { urlKey: { in: keys }, status: 'pending' }, select: { urlKey: true }, distinct: ['urlKey'] }),
    ]);
    const byId = new Map(firsts.map((r) => [r.id, r] as const));
    const waiting = new Set(pending.map((r) => r.urlKey));
    // An address is pending while any reader's suggestion of it is; else as its first was decided.
    return groups.map((g) => {
      const first = byId.get(g._min.id!)!;
      const status = waiting.has(g.urlKey) ? 'pending' : (first.status as SuggestionStatus);
      return { id: first.id, url: first.url, readers: g._count._all, first: g._min.createdAt!, last: g._max.createdAt!, status };
    });
  }

  async byAddressOf(id: number): Promise<Suggestion[]> {
    const one = await this.prisma.suggestion.findUnique({ where: { id } });
    if (!one) return [];
    return (await this.prisma.suggestion.findMany({ where: { urlKey: one.urlKey }, orderBy: { id: 'asc' } })).map(toSuggestion);
  }

  async decide(id: number, status: Exclude<SuggestionStatus, 'pending'>, at: Date): Promise<number> {
    const one = await this.prisma.suggestion.findUnique({ where: { id } });
    if (!one) return 0;
    return (await this.prisma.suggestion.updateMany({ where: { urlKey: one.urlKey }, data: { status, decidedAt: at } })).count;
  }
}
