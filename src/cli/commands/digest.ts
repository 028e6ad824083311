// `herald digest preview`: the digest a target with given preferences would get now (the last
// 24 hours), as text or JSON. `herald digest send --target ID`: composes one target's digest
// of its categories now and sends it through the outbox at once.
import { loadConfig } from '../../config.ts';
import { createMessengers, budgetLimits } from '../../delivery.ts';
import { loadCatalog } from '../../core/catalog/catalog-loader.ts';
import { systemClock } from '../../core/clock.ts';
import { Deliverer } from '../../core/delivery/deliverer.ts';
import { MemorySendBudget } from '../../core/delivery/send-budget.ts';
import { composeDigest } from '../../core/digest/digest-composer.ts';
import { DigestScheduler } from '../../core/digest/digest-scheduler.ts';
import { PreferenceRules } from '../../core/preferences/preference-rules.ts';
import { PrismaAudienceRepository } from '../../store/audience.store.ts';
import { openDatabase } from '../../store/database.ts';
import { PrismaOutboxRepository } from '../../store/outbox.store.ts';
import { PrismaStoryRepository } from '../../store/stories.store.ts';
import { PrismaTargetRepository } from '../../store/targets.store.ts';
import { createLogger } from '../../logging.ts';
import { UsageError, type Command } from '../command.ts';

const DAY = 24 * 3600_000;

export const digestPreview: Command = {
  name: 'digest preview',
  summary: 'Print the digest a target with these preferences would get now (last 24 hours)',
  usage: '--country CODE --category SLUG [--language CODE] [--json]',
  options: { country: { type: 'string' }, category: { type: 'string' }, language: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    const catalog = await loadCatalog(config.catalogFile);
    const rules = new PreferenceRules(catalog);
    if (typeof values.country !== 'string' || typeof values.category !== 'string') throw new UsageError('--country and --category are required, e.g. --country IN --category national');
    const known = catalog.findCountry(values.country);
    // An unknown country: the rules' refusal names the valid ones.
    let change = known ? ({ ok: true, value: rules.initial(known.code) } as const) : rules.setPrimaryCountry(rules.initial(), values.country);
    if (change.ok && typeof values.language === 'string') change = rules.setPrimaryLanguage(change.value, values.country, values.language);
    if (change.ok) change = rules.subscribe({ ...change.value, subscriptions: [] }, values.category);
    if (!change.ok) {
      io.stderr.write(`${change.error.message}\n`);
      return 1;
    }
    const prefs = change.value;
    const database = await openDatabase(config.databaseUrl);
    try {
      await database.migrate();
      const since = new Date(Date.now() - DAY);
      const digest = composeDigest(catalog, prefs, await new PrismaStoryRepository(database.prisma).storiesSince(since, 10_000), config.delivery.digestCap);
      const country = prefs.countries[0];
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ country: country.country, language: country.primaryLanguage, source: country.primarySource, categories: prefs.subscriptions.map((s) => s.category), since, ...digest })}\n`);
        return 0;
      }
      const label = `${catalog.country(country.country)?.name} · ${catalog.language(country.primaryLanguage)?.name} · ${prefs.subscriptions.map((s) => catalog.category(s.category)?.name).join(', ')}`;
      if (digest.total === 0) {
        io.stdout.write(`Nothing new in the last 24 hours for ${label}.\n`);
        return 0;
      }
      io.stdout.write(`Digest for ${label} (primary source ${catalog.source(country.primarySource)?.name}): ${digest.total} stories\n`);
      for (const section of digest.sections) {
        io.stdout.write(`\n— ${section.name} —\n`);
        for (const e of section.entries) io.stdout.write(`• ${e.headline} (${e.outlet}${e.moreOutlets > 0 ? `, +${e.moreOutlets} more sources` : ''})\n  ${e.url}\n`);
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};

export const digestSend: Command = {
  name: 'digest send',
  summary: "Compose one target's digest of its categories now and send it",
  usage: '--target ID',
  options: { target: { type: 'string' } },
  async run({ values }, io) {
    const id = Number(values.target);
    if (typeof values.target !== 'string' || !Number.isInteger(id) || id <= 0) throw new UsageError('--target takes a target id (a positive number)');
    const config = loadConfig(io.env);
    const catalog = await loadCatalog(config.catalogFile);
    const database = await openDatabase(config.databaseUrl);
    try {
      await database.migrate();
      const audience = new PrismaAudienceRepository(database.prisma);
      const member = (await audience.members([id])).get(id);
      if (!member) {
        io.stderr.write(`There is no target ${id} with preferences.\n`);
        return 1;
      }
      const categories = member.prefs.subscriptions.map((s) => s.category);
      const outbox = new PrismaOutboxRepository(database.prisma);
      const stories = new PrismaStoryRepository(database.prisma);
      const scheduler = new DigestScheduler({ audience, outbox, stories, catalog, logger: createLogger('silent'), clock: systemClock }, { cap: config.delivery.digestCap });
      const message = scheduler.compose(member, categories, await stories.storiesSince(new Date(Date.now() - DAY), 10_000));
      if (!message) {
        io.stdout.write(`Nothing new in the last 24 hours for target ${id}; nothing sent.\n`);
        return 0;
      }
      const messengers = createMessengers(config, database);
      if (!messengers[member.platform]) {
        io.stderr.write(`Cannot send to a ${member.platform} target: its bot token is not set.\n`);
        return 1;
      }
      const [rowId] = await outbox.add([{ targetId: id, dedupeKey: `digest:manual:${new Date().toISOString().slice(0, 16)}`, kind: 'digest', message }]);
      if (rowId === undefined) {
        io.stderr.write(`A digest was already sent to target ${id} this minute.\n`);
        return 1;
      }
      const deliverer = new Deliverer({ outbox, messengers, targets: new PrismaTargetRepository(database.prisma), budget: new MemorySendBudget(budgetLimits(config)), logger: createLogger('silent'), clock: systemClock, options: { maxAttempts: config.delivery.maxAttempts } });
      const [result] = await deliverer.deliverIds([rowId]);
      const outcome = result?.outcome;
      const row = await database.prisma.outbox.findUnique({ where: { id: rowId } });
      io.stdout.write(`target ${id} (${member.platform}): ${message.cards?.length ?? 0} stories, ${outcome}${row?.lastError ? ` (${row.lastError})` : ''}\n`);
      return outcome === 'sent' ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
