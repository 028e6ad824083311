// `herald feeds status [--json]`: feed health at a glance, with every failing or unhealthy
// feed and its last error, so no failing feed goes unnoticed. Reads only: it works beside a
// running server.
import { loadConfig } from '../../config.ts';
import type { Command } from '../command.ts';
import { withHerald } from '../open-herald.ts';

export const feedsStatus: Command = {
  name: 'feeds status',
  summary: 'Feed health: counts by status, and each failing or unhealthy feed with its last error',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    return withHerald(loadConfig(io.env), io, {}, async ({ database }) => {
      const feeds = database.prisma.feed;
      const counts = await feeds.groupBy({ by: ['status'], where: { enabled: true }, _count: { _all: true } });
      const failing = await feeds.findMany({
        where: { enabled: true, status: { in: ['failing', 'unhealthy'] } },
        orderBy: [{ status: 'desc' }, { failures: 'desc' }, { id: 'asc' }],
        select: { id: true, url: true, status: true, failures: true, lastError: true, lastSuccessAt: true, nextFetchAt: true },
      });
      const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ byStatus, failing })}\n`);
        return 0;
      }
      io.stdout.write(`${['new', 'ok', 'failing', 'unhealthy'].map((s) => `${s} ${byStatus[s] ?? 0}`).join('  ')}\n`);
      for (const f of failing) {
        const since = f.lastSuccessAt ? `last ok ${f.lastSuccessAt.toISOString()}` : 'never fetched';
        io.stdout.write(
          `  ${f.status.padEnd(9)} ${f.id}  ${f.failures}× ${f.lastError ?? ''}  (${since}; next ${f.nextFetchAt?.toISOString() ?? 'now'})\n    ${f.url}\n`,
        );
      }
      return 0;
    });
  },
};
