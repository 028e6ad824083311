// `herald digest preview`: the digest a target with given preferences would get now (the last
// 24 hours), as text or JSON. `herald digest send --target ID`: composes one target's digest
// of its categories now and sends it through the outbox at once.
import { createDeliverer, createDigests } from '../../app/delivery.ts';
import { loadConfig } from '../../config.ts';
import { composeDigest } from '../../core/digest/digest-composer.ts';
import { PreferenceRules } from '../../core/preferences/preference-rules.ts';
import { UsageError, type Command } from '../command.ts';
import { CommandFailed, withHerald } from '../open-herald.ts';

const DAY = 24 * 3600_000;

export const digestPreview: Command = {
  name: 'digest preview',
  summary: 'Print the digest a target with these preferences would get now (last 24 hours)',
  usage: '--country CODE --category SLUG [--language CODE] [--json]',
  options: { country: { type: 'string' }, category: { type: 'string' }, language: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    if (typeof values.country !== 'string' || typeof values.category !== 'string')
      throw new UsageError('--country and --category are required, e.g. --country IN --category national');
    const { country: code, category, language } = values;
    const config = loadConfig(io.env);
    return withHerald(config, io, {}, async ({ stores, catalog }) => {
      const rules = new PreferenceRules(catalog);
      const known = catalog.findCountry(code);
      // An unknown country: the rules' refusal names the valid ones.
      let change = known ? ({ ok: true, value: rules.initial(known.code) } as const) : rules.setPrimaryCountry(rules.initial(), code);
      if (change.ok && typeof language === 'string') change = rules.setPrimaryLanguage(change.value, code, language);
      if (change.ok) change = rules.subscribe({ ...change.value, subscriptions: [] }, category);
      if (!change.ok) throw new CommandFailed(change.error.message);
      const prefs = change.value;
      const since = new Date(Date.now() - DAY);
      const digest = composeDigest(catalog, prefs, await stores.stories.storiesSince(since, 10_000), config.delivery.digestCap);
      const country = prefs.countries[0];
      if (values.json) {
        io.stdout.write(
          `${JSON.stringify({ country: country.country, language: country.primaryLanguage, source: country.primarySource, categories: prefs.subscriptions.map((s) => s.category), since, ...digest })}\n`,
        );
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
        for (const e of section.entries)
          io.stdout.write(`• ${e.headline} (${e.outlet}${e.moreOutlets > 0 ? `, +${e.moreOutlets} more sources` : ''})\n  ${e.url}\n`);
      }
      return 0;
    });
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
    return withHerald(loadConfig(io.env), io, { write: true }, async (herald) => {
      const { stores } = herald;
      const member = (await stores.audience.members([id])).get(id);
      if (!member) throw new CommandFailed(`There is no target ${id} with preferences.`);
      const categories = member.prefs.subscriptions.map((s) => s.category);
      const log = herald.logger;
      const message = createDigests(herald, log, () => undefined).compose(
        member,
        categories,
        await stores.stories.storiesSince(new Date(Date.now() - DAY), 10_000),
      );
      if (!message) {
        io.stdout.write(`Nothing new in the last 24 hours for target ${id}; nothing sent.\n`);
        return 0;
      }
      if (!herald.messengers()[member.platform]) throw new CommandFailed(`Cannot send to a ${member.platform} target: its bot token is not set.`);
      const [rowId] = await stores.outbox.add([{ targetId: id, dedupeKey: `digest:manual:${new Date().toISOString().slice(0, 16)}`, kind: 'digest', message }]);
      if (rowId === undefined) throw new CommandFailed(`A digest was already sent to target ${id} this minute.`);
      const { deliverer } = createDeliverer(herald, log, { local: true });
      const [result] = await deliverer.deliverIds([rowId]);
      const outcome = result?.outcome;
      const row = await herald.database.prisma.outbox.findUnique({ where: { id: rowId } });
      io.stdout.write(`target ${id} (${member.platform}): ${message.cards?.length ?? 0} stories, ${outcome}${row?.lastError ? ` (${row.lastError})` : ''}\n`);
      return outcome === 'sent' ? 0 : 1;
    });
  },
};
