// Every `herald` subcommand: a new one is a file beside these and a line here.
import type { Command } from '../command.ts';
import { catalogCheck } from './catalog-check.ts';
import { catalogExportOpml, catalogImportOpml } from './catalog-opml.ts';
import { discordRegister } from './discord-register.ts';
import { digestPreview, digestSend } from './digest.ts';
import { feedDiscover } from './feed-discover.ts';
import { feedTest } from './feed-test.ts';
import { feedsStatus } from './feeds-status.ts';
import { ingest } from './ingest.ts';
import { migrate } from './migrate.ts';
import { start } from './start.ts';
import { storiesCluster } from './stories-cluster.ts';
import { storiesExplain } from './stories-explain.ts';
import { storiesList } from './stories-list.ts';
import { suggestionsApprove, suggestionsList, suggestionsReject } from './suggestions.ts';

export const commands: Command[] = [
  start,
  migrate,
  catalogCheck,
  catalogExportOpml,
  catalogImportOpml,
  ingest,
  feedTest,
  feedDiscover,
  feedsStatus,
  storiesCluster,
  storiesExplain,
  storiesList,
  suggestionsList,
  suggestionsApprove,
  suggestionsReject,
  digestPreview,
  digestSend,
  discordRegister,
];
