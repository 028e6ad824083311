// `herald suggestions list [--all] [--json]`: the addresses readers suggested with /suggest,
// how many readers each, first and last time. `herald suggestions approve ID --country XX
// --language xx --category slug [--name NAME] [--into CATALOG] [--allow-private]` runs feed
// discovery on the address and adds the feeds that work to the operator's own catalog file;
// `herald suggestions reject ID` sets it aside. Either decides every reader's suggestion of
// that address at once.
import { createFetcher } from '../../app/compose.ts';
import type { FeedAddition } from '../../core/catalog/catalog-additions.ts';
import { loadConfig } from '../../config.ts';
import { catalogEntries, discoverFeeds } from '../../ingest/discover/feed-discovery.ts';
import { isPublicUrl } from '../../ingest/fetch/public-address.ts';
import { UsageError, type Command, type CommandArgs } from '../command.ts';
import { withHerald } from '../open-herald.ts';
import { addToOwnCatalog, ownCatalogFile } from '../own-catalog.ts';

const idOf = (args: CommandArgs) => {
  const id = Number(args.positionals[0]);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('give the number `herald suggestions list` shows');
  return id;
};

export const suggestionsList: Command = {
  name: 'suggestions list',
  summary: "Readers' suggested outlets and feeds (pending; --all for decided ones too)",
  usage: '[--all] [--json]',
  options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withHerald({ ...loadConfig(io.env), catalogFile: undefined }, io, {}, async ({ stores }) => {
      const list = await stores.suggestions.addresses({ all: values.all === true, limit: 500 });
      if (values.json) for (const a of list) io.stdout.write(`${JSON.stringify(a)}\n`);
      else {
        io.stdout.write(`${list.length} ${values.all ? '' : 'pending '}suggestion(s)\n`);
        for (const a of list)
          io.stdout.write(
            `  #${a.id}  ${a.url}  ${a.readers} reader(s), first ${a.first.toISOString().slice(0, 16)}Z, last ${a.last.toISOString().slice(0, 16)}Z${a.status === 'pending' ? '' : `  [${a.status}]`}\n`,
          );
        if (list.some((a) => a.status === 'pending'))
          io.stdout.write('approve one: herald suggestions approve ID --country XX --language xx --category slug (it is tested first)\n');
      }
      return 0;
    });
  },
};

export const suggestionsApprove: Command = {
  name: 'suggestions approve',
  summary: "Test a suggestion's feeds and add the working ones to your own catalog file",
  usage: 'ID --country XX --language xx [--category slug] [--name NAME] [--into CATALOG] [--allow-private]',
  options: {
    country: { type: 'string' },
    language: { type: 'string' },
    category: { type: 'string' },
    name: { type: 'string' },
    into: { type: 'string' },
    'allow-private': { type: 'boolean' },
  },
  async run(args, io) {
    const id = idOf(args);
    const { country, language, category } = args.values;
    if (typeof country !== 'string' || typeof language !== 'string')
      throw new UsageError('give --country and --language (and --category unless each feed says)');
    const into = ownCatalogFile(args.values['into'], io);
    const config = loadConfig(io.env);
    // The suggestions are all this reads: the operator's catalog file may not exist yet (approve makes it).
    return withHerald({ ...config, catalogFile: undefined }, io, {}, async ({ stores }) => {
      const suggestions = await stores.suggestions.byAddressOf(id);
      if (suggestions.length === 0) {
        io.stderr.write(`herald suggestions approve: there is no suggestion #${id}\n`);
        return 1;
      }
      const url = suggestions[0]!.url;
      const allowPrivate = args.values['allow-private'] === true;
      if (!allowPrivate && !isPublicUrl(url)) {
        io.stderr.write(`herald suggestions approve: ${url} is not a public address; pass --allow-private to look there\n`);
        return 1;
      }
      const fetcher = createFetcher(config, { publicOnly: !allowPrivate });
      const now = new Date();
      try {
        const found = await discoverFeeds(url, { fetcher, maxBytes: config.ingest.maxBytes, now });
        const entries = catalogEntries(found, now);
        if (entries.length === 0) {
          io.stderr.write(`herald suggestions approve: no working feed at ${url}${found.pageError ? ` (${found.pageError})` : ''}; nothing approved\n`);
          return 1;
        }
        const title = found.feeds.find((f) => f.ok)?.title;
        const outlet = typeof args.values['name'] === 'string' ? args.values['name'] : (title ?? new URL(url).hostname);
        const additions: FeedAddition[] = entries.map((e) => ({
          url: e.url!,
          outlet,
          homepage: `${new URL(url).origin}/`,
          country: country.toUpperCase(),
          language: language.toLowerCase(),
          category: typeof category === 'string' ? category.toLowerCase() : e.category!,
          ref: `suggested by ${suggestions.length} reader(s), #${id}; ${e.ref}`,
        }));
        const code = await addToOwnCatalog(into, additions, io);
        if (code === 0) {
          await stores.suggestions.decide(id, 'approved', now);
          io.stdout.write(`#${id} approved; restart Herald (or its ingest role) to read the new feeds\n`);
        }
        return code;
      } finally {
        await fetcher.close();
      }
    });
  },
};

export const suggestionsReject: Command = {
  name: 'suggestions reject',
  summary: 'Set a suggestion aside',
  usage: 'ID',
  async run(args, io) {
    const id = idOf(args);
    return withHerald({ ...loadConfig(io.env), catalogFile: undefined }, io, {}, async ({ stores }) => {
      const count = await stores.suggestions.decide(id, 'rejected', new Date());
      if (count === 0) {
        io.stderr.write(`herald suggestions reject: there is no suggestion #${id}\n`);
        return 1;
      }
      io.stdout.write(`#${id} rejected (${count} reader suggestion(s))\n`);
      return 0;
    });
  },
};
