// Digest benchmark: BENCH_TARGETS (100,000) targets with 1,000 distinct preference profiles,
// all due at the same minute, and 20,000 items (in stories of 1 to 5 outlets) from the last
// 24 hours, on SQLite. Herald's scheduler tick reads the due subscriptions, loads the targets,
// composes once per profile and writes every digest to the outbox. The baseline composes each
// target's digest on its own from the same stories in memory (measured on a sample, scaled
// to all targets). Figures: tick time, composition time, peak memory, ratio to the baseline.
// The data is seeded first; the tick then runs in a fresh process of its own, so that its
// peak memory is the tick's, not the seeding's. A fifth of the targets (BENCH_FILTERING) have
// filters (muted words, some an outlet, some "only" words); the tick runs twice, on two copies
// of the same data, without the filters and with them, and the cost of filters is the ratio.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/core/catalog/catalog-loader.ts';
import { PrismaAudienceRepository } from '../src/store/audience.store.ts';
import { PrismaCatalogRepository } from '../src/store/catalog.store.ts';
import { openDatabase } from '../src/store/database.ts';
import { PrismaOutboxRepository } from '../src/store/outbox.store.ts';
import { PrismaStoryRepository } from '../src/store/stories.store.ts';
import { composeDigest } from '../src/core/digest/digest-composer.ts';
import { DigestScheduler } from '../src/core/digest/digest-scheduler.ts';
import { createLogger } from '../src/logging.ts';
import { seedTargets, type SeedProfile } from '../test/support/seed-targets.ts';
import { defaults } from '../test/support/defaults.ts';

const N = Number(process.env.BENCH_TARGETS ?? 100_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const PROFILES = 1000;
const NAIVE_SAMPLE = Math.min(N, 5000);
const FILTERING = Number(process.env.BENCH_FILTERING ?? 0.2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// Headlines and filters draw on the same words, so that filters catch some stories.
const VOCABULARY = Array.from({ length: 200 }, (_, i) => `topic${i}`);
const now = new Date('2026-11-21T08:00:00Z');

const catalog = await loadCatalog();
const phaseDb = process.env.DIGEST_BENCH_DB;
if (!phaseDb) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-digest-bench-'));
  const db = await openDatabase(`file:${join(dir, 'herald.db')}`);
  await db.migrate();
  await new PrismaCatalogRepository(db.prisma).sync(catalog);

  // 1,000 profiles: primary source × two other sources × one of two category sets.
  const sources = catalog.sourcesIn('IN').map((s) => s.id);
  const pairs: [string, string][] = [];
  for (let a = 0; a < sources.length; a++) for (let b = a + 1; b < sources.length; b++) pairs.push([sources[a]!, sources[b]!]);
  const categorySets = [
    ['national', 'international'],
    ['national', 'business', 'sports'],
  ];
  const profiles: SeedProfile[] = [];
  const seen = new Set<string>();
  for (let i = 0; profiles.length < PROFILES && i < 100 * PROFILES; i++) {
    const primary = sources[i % sources.length]!;
    const others = pairs[Math.floor(i / sources.length) % pairs.length]!.filter((s) => s !== primary);
    const profile = {
      country: 'IN',
      language: 'en',
      primarySource: primary,
      otherSources: others,
      categories: categorySets[Math.floor(i / (sources.length * pairs.length)) % 2]!,
      timezone: 'UTC',
      digestTime: '08:00',
    };
    if (seen.has(JSON.stringify(profile))) continue;
    seen.add(JSON.stringify(profile));
    profiles.push(profile);
  }
  const distinct = seen.size;

  let started = Date.now();
  await seedTargets(db.prisma, N, (i) => profiles[i % PROFILES]!);
  const seedTargetsS = (Date.now() - started) / 1000;
  // Filters for a fifth of the targets: one or two muted words each, every third also an
  // outlet, every fourth an "only" word for sports. Most combinations are their own.
  const filtering = Math.round(N * FILTERING);
  const every = filtering > 0 ? N / filtering : Infinity;
  const targetIds = (await db.prisma.target.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((t) => t.id);
  const filterRows: { targetId: number; position: number; kind: string; value: string; categorySlug: string | null }[] = [];
  for (let k = 0; k < filtering; k++) {
    const i = Math.floor(k * every);
    const rows: { kind: string; value: string; categorySlug: string | null }[] = [{ kind: 'mute', value: VOCABULARY[(k * 7) % 200]!, categorySlug: null }];
    if (k % 2 === 0) rows.push({ kind: 'mute', value: `${VOCABULARY[(k * 13) % 200]} ${VOCABULARY[(k * 17) % 200]}`, categorySlug: null });
    if (k % 3 === 0) rows.push({ kind: 'muteSource', value: sources[k % sources.length]!, categorySlug: null });
    if (k % 4 === 0) rows.push({ kind: 'only', value: VOCABULARY[(k * 11) % 200]!, categorySlug: 'sports' });
    filterRows.push(...rows.map((r, position) => ({ targetId: targetIds[i]!, position, ...r })));
  }
  for (let i = 0; i < filterRows.length; i += 5000) await db.prisma.targetFilter.createMany({ data: filterRows.slice(i, i + 5000) });

  // 20,000 items in stories of 1-5 outlets over the last 24 hours.
  started = Date.now();
  const categories = ['national', 'international', 'business', 'entertainment', 'sports', 'special'];
  let items = 0;
  let storyNo = 0;
  while (items < ITEMS) {
    const batch: { key: string; headline: string; at: Date; outlets: string[]; category: string }[] = [];
    for (let k = 0; k < 500 && items < ITEMS; k++) {
      const size = 1 + (storyNo % 5);
      const outlets = Array.from({ length: Math.min(size, ITEMS - items) }, (_, j) => sources[(storyNo * 7 + j * 3) % sources.length]!).filter(
        (s, j, a) => a.indexOf(s) === j,
      );
      batch.push({
        key: `bench-${storyNo}`,
        headline: `Story ${storyNo}: ${VOCABULARY[storyNo % 200]} and ${VOCABULARY[(storyNo * 31) % 200]} in the national capital`,
        at: new Date(now.getTime() - ((storyNo * 9973) % (24 * 3600_000))),
        outlets,
        category: categories[storyNo % categories.length]!,
      });
      items += outlets.length;
      storyNo++;
    }
    await db.prisma.story.createMany({
      data: batch.map((b) => ({
        key: b.key,
        headline: b.headline,
        languageCode: 'en',
        outletCount: b.outlets.length,
        itemCount: b.outlets.length,
        outlets: b.outlets.join(','),
        countries: 'IN',
        categories: b.category,
        firstSeenAt: b.at,
        lastUpdatedAt: b.at,
      })),
    });
    const ids = new Map(
      (await db.prisma.story.findMany({ where: { key: { in: batch.map((b) => b.key) } }, select: { id: true, key: true } })).map((r) => [r.key, r.id]),
    );
    await db.prisma.item.createMany({
      data: batch.flatMap((b) =>
        b.outlets.map((sourceId, j) => ({
          sourceId,
          url: `https://${sourceId}.example/${b.key}`,
          title: b.headline,
          summary: 'A summary of what happened, in a sentence or two.',
          languageCode: 'en',
          contentHash: `${b.key}-${j}`,
          publishedAt: b.at,
          storyId: ids.get(b.key)!,
        })),
      ),
    });
  }
  const seedItemsS = (Date.now() - started) / 1000;
  console.error(
    `seeded ${N.toLocaleString('en')} targets (${distinct} profiles, ${filtering.toLocaleString('en')} of them with ${filterRows.length.toLocaleString('en')} filters) in ${seedTargetsS.toFixed(1)} s; ${items.toLocaleString('en')} items in ${storyNo.toLocaleString('en')} stories in ${seedItemsS.toFixed(1)} s`,
  );

  await db.close();
  // The same data, the tick without filters (deleted in that copy) and with them, alternately,
  // each on a fresh copy: this machine's runs move by ±10 % from one to the next, so each
  // variant runs ROUNDS times and its fastest run counts.
  // BENCH_MEASURE=instructions counts the instructions each tick executes under valgrind's
  // callgrind instead of timing it: a count does not move with what else the machine does
  // (this virtual machine's timed runs move by up to 38 %), and V8 runs single-threaded
  // there so that its compiler threads do not move the count either. A third run that stops
  // just before the tick is subtracted, leaving the tick's own instructions.
  const counting = process.env.BENCH_MEASURE === 'instructions';
  const tick = async (dropFilters: boolean, round: number, phase: 'tick' | 'startup' | 'full' = counting ? 'tick' : 'full') => {
    const file = `round-${round}-${dropFilters ? 'without' : 'with'}.db`;
    copyFileSync(join(dir, 'herald.db'), join(dir, file));
    // The copy without filters loses them here, so that deleting them is no part of what is measured.
    if (dropFilters) {
      const copy = await openDatabase(`file:${join(dir, file)}`);
      await copy.prisma.targetFilter.deleteMany({});
      await copy.close();
    }
    const script = [join(import.meta.dirname, '..', 'bin', 'dev.js'), ...process.argv.slice(1)];
    const log = join(dir, `valgrind-${round}-${phase}-${dropFilters ? 'without' : 'with'}.log`);
    const [command, args] = counting
      ? [
          'valgrind',
          [
            '--tool=callgrind',
            '--smc-check=all-non-file',
            `--log-file=${log}`,
            `--callgrind-out-file=${log}.out`,
            process.execPath,
            '--single-threaded',
            ...script,
          ],
        ]
      : [process.execPath, script];
    const child = spawnSync(command, args, {
      env: { ...process.env, DIGEST_BENCH_DB: join(dir, file), DIGEST_BENCH_PHASE: phase },
      stdio: ['inherit', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
    rmSync(join(dir, file), { force: true });
    process.stdout.write(child.stdout);
    const run = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      tickSeconds: number;
      composeSeconds: number;
      compositions: number;
      peakRssMiB: number;
      instructions?: number;
    };
    if (counting) {
      const collected = /Collected : (\d+)/.exec(readFileSync(log, 'utf8'));
      if (!collected) throw new Error(`valgrind printed no count: see ${log}`);
      run.instructions = Number(collected[1]);
      rmSync(`${log}.out`, { force: true });
    }
    return run;
  };
  type Run = Awaited<ReturnType<typeof tick>>;
  const runs: { without: Run[]; with: Run[] } = { without: [], with: [] };
  let startup: Run | undefined;
  if (counting) {
    console.log('\n### the process up to the tick (subtracted)');
    startup = await tick(false, 0, 'startup');
  }
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`\n### round ${round}, without filters`);
    runs.without.push(await tick(true, round));
    console.log(`\n### round ${round}, with filters`);
    runs.with.push(await tick(false, round));
  }
  rmSync(dir, { recursive: true, force: true });
  const fastest = (list: Run[]) => list.reduce((a, b) => (b.tickSeconds < a.tickSeconds ? b : a));
  const without = fastest(runs.without);
  const withFilters = fastest(runs.with);
  const tickInstructions = (r: Run) => r.instructions! - startup!.instructions!;
  const cost = {
    bench: 'digest-filters',
    measure: counting ? 'instructions (callgrind)' : 'seconds',
    filteringTargets: filtering,
    filters: filterRows.length,
    rounds: ROUNDS,
    ticksWithout: runs.without.map((r) => r.tickSeconds).join(' / '),
    ticksWith: runs.with.map((r) => r.tickSeconds).join(' / '),
    tickWithout: without.tickSeconds,
    tickWith: withFilters.tickSeconds,
    tickRatio: Number((withFilters.tickSeconds / without.tickSeconds).toFixed(3)),
    ...(counting
      ? {
          instructionsBeforeTick: startup!.instructions!,
          tickInstructionsWithout: runs.without.map(tickInstructions).join(' / '),
          tickInstructionsWith: runs.with.map(tickInstructions).join(' / '),
          instructionRatio: Number((Math.min(...runs.with.map(tickInstructions)) / Math.min(...runs.without.map(tickInstructions))).toFixed(3)),
        }
      : {}),
    compositionsWithout: without.compositions,
    compositionsWith: withFilters.compositions,
    peakRssMiBWithout: without.peakRssMiB,
    peakRssMiBWith: withFilters.peakRssMiB,
  };
  console.log('\n### the cost of filters');
  console.log('| figure | value |');
  console.log('| --- | ---: |');
  for (const [k, v] of Object.entries(cost)) if (k !== 'bench') console.log(`| ${k} | ${v} |`);
  console.log(JSON.stringify(cost));
  process.exit(0);
}

// ---------------------------------------------------------------- Herald's tick
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const db = await openDatabase(`file:${phaseDb}`);
const stories = new PrismaStoryRepository(db.prisma);
const scheduler = new DigestScheduler(
  {
    audience: new PrismaAudienceRepository(db.prisma),
    outbox: new PrismaOutboxRepository(db.prisma, () => now),
    stories,
    catalog,
    logger: createLogger('warn'),
    clock: () => now,
  },
  { cap: defaults.delivery.digestCap },
);
const phase = process.env.DIGEST_BENCH_PHASE ?? 'full';
if (phase === 'startup') {
  console.log(JSON.stringify({ tickSeconds: 0, composeSeconds: 0, compositions: 0, peakRssMiB: 0 }));
  process.exit(0);
}
let started = Date.now();
const result = await scheduler.tick();
const composeMs = result.composeMs;
const tickS = (Date.now() - started) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
// The sampler cannot run while SQLite works synchronously: this process's lifetime peak (module loading included) bounds it from above.
const heraldPeakMiB = Math.max(peak / 2 ** 20, process.resourceUsage().maxRSS / 1024);
const queued = await db.prisma.outbox.count();
console.error(
  `Herald: tick ${tickS.toFixed(2)} s (composition ${(composeMs / 1000).toFixed(2)} s), ${result.compositions} compositions, ${queued.toLocaleString('en')} digests queued, peak RSS ≤ ${heraldPeakMiB.toFixed(0)} MiB`,
);

if (phase === 'tick') {
  const figures = { tickSeconds: tickS, composeSeconds: composeMs / 1000, compositions: result.compositions, peakRssMiB: Math.round(heraldPeakMiB) };
  console.log(JSON.stringify(figures));
  process.exit(0);
}

// ---------------------------------------------------------------- naive baseline
const all = await stories.storiesSince(new Date(now.getTime() - 24 * 3600_000), 100_000);
const members = await new PrismaAudienceRepository(db.prisma).members(Array.from({ length: NAIVE_SAMPLE }, (_, i) => i + 1));
started = Date.now();
let naiveDigests = 0;
for (const m of members.values()) {
  const d = composeDigest(catalog, m.prefs, all, 10);
  if (d.total > 0) naiveDigests++;
}
if (naiveDigests === 0) throw new Error('the baseline composed nothing: the benchmark data is wrong');
const naiveSampleS = (Date.now() - started) / 1000;
const naiveComposeS = (naiveSampleS * N) / members.size;
clearInterval(sampler);
console.error(
  `naive: ${members.size.toLocaleString('en')} targets composed one by one in ${naiveSampleS.toFixed(2)} s → ${naiveComposeS.toFixed(1)} s for ${N.toLocaleString('en')}`,
);

const figures = {
  bench: 'digest',
  targets: N,
  profiles: PROFILES,
  items: ITEMS,
  tickSeconds: Number(tickS.toFixed(2)),
  composeSeconds: Number((composeMs / 1000).toFixed(2)),
  compositions: result.compositions,
  digestsQueued: queued,
  peakRssMiB: Math.round(heraldPeakMiB),
  naiveComposeSeconds: Number(naiveComposeS.toFixed(1)),
  naiveOverHeraldCompose: Number((naiveComposeS / Math.max(0.001, composeMs / 1000)).toFixed(1)),
  naiveOverHeraldTick: Number((naiveComposeS / tickS).toFixed(1)),
};
console.log('| figure | value |');
console.log('| --- | ---: |');
for (const [k, v] of Object.entries(figures)) if (k !== 'bench') console.log(`| ${k} | ${v} |`);
console.log(JSON.stringify(figures));
await db.close();
process.exit(0);
