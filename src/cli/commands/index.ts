// Every `herald` subcommand: a new one is a file beside these and a line here.
import type { Command } from '../command.ts';
import { catalogCheck } from './catalog-check.ts';
import { discordRegister } from './discord-register.ts';
import { digestPreview, digestSend } from './digest.ts';
import { feedTest } from './feed-test.ts';
import { feedsStatus } from './feeds-status.ts';
import { ingest } from './ingest.ts';
import { migrate } from './migrate.ts';
import { start } from './start.ts';
import { storiesCluster } from './stories-cluster.ts';
import { storiesExplain } from './stories-explain.ts';
import { storiesList } from './stories-list.ts';

export const commands: Command[] = [
  start,
  migrate,
  catalogCheck,
  ingest,
  feedTest,
  feedsStatus,
  storiesCluster,
  storiesExplain,
  storiesList,
  digestPreview,
  digestSend,
  discordRegister,
];
