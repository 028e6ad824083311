// The composition root: opens the database, migrates it, syncs the catalog, and starts the
// services of the requested roles, wiring each with only what it uses. Returns a handle
// whose stop() shuts everything down in order.
import type { Config } from './config.ts';
import { loadCatalog } from './core/catalog/catalog-loader.ts';
import type { Catalog } from './core/catalog/catalog.ts';
import type { Logger } from './core/logger.ts';
import { PrismaCatalogRepository } from './core/store/catalog.repository.ts';
import { redactUrl } from './core/store/database-url.ts';
import { openDatabase, type Database } from './core/store/database.ts';
import { createHmac } from 'node:crypto';
import type { Hono } from 'hono';
import { createTelegramBot, registerCommands } from './bots/telegram/telegram-bot.ts';
import { systemClock } from './core/clock.ts';
import { Conversation } from './core/conversation/conversation.ts';
import { PreferenceRules } from './core/preferences/preference-rules.ts';
import { PrismaPreferencesRepository } from './core/store/preferences.repository.ts';
import { PrismaTargetRepository } from './core/store/targets.repository.ts';
import { telegramWebhookRoutes } from './http/telegram-webhook.routes.ts';
import { discordInteractionRoutes } from './http/discord-interactions.routes.ts';
import { startDiscordBot } from './bots/discord/discord-bot.ts';
import type { APIInteraction } from 'discord-api-types/v10';
import { websubRoutes } from './http/websub.routes.ts';
import { StoryClusterer } from './core/stories/story-clusterer.ts';
import { StoryService } from './core/stories/story-service.ts';
import { PrismaStoryRepository } from './core/store/stories.repository.ts';
import { PrismaFeedRepository } from './core/store/feeds.repository.ts';
import { PrismaItemRepository } from './core/store/items.repository.ts';
import { createHttpApp } from './http/app.ts';
import { FeedFetcher } from './ingest/fetch/feed-fetcher.ts';
import { IngestLoop } from './ingest/ingest-loop.ts';
import { Ingester } from './ingest/ingester.ts';
import { WebSubSubscriber } from './ingest/websub/websub-subscriber.ts';
import { PrismaWebSubRepository } from './core/store/websub.repository.ts';
import { startHttpServer } from './http/server.ts';
import { startDelivery } from './delivery.ts';
import { breakingHookRoutes } from './http/breaking-hook.routes.ts';

export const ROLES = ['all', 'web', 'ingest', 'scheduler', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** Something a role runs until shutdown. */
interface Service {
  name: string;
  stop(): Promise<void>;
}

export interface RunningHerald {
  database: Database;
  catalog: Catalog;
  /** The HTTP port, when the web role runs. */
  httpPort: number | undefined;
  stop(): Promise<void>;
}

export async function startHerald(config: Config, logger: Logger, role: Role): Promise<RunningHerald> {
  const database = await openDatabase(config.databaseUrl);
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        logger.error({ err: error, service: service.name }, 'service failed to stop cleanly');
      }
    }
    await database.close();
  };
  try {
    logger.info({ provider: database.target.provider, database: redactUrl(database.target.url) }, 'database');
    const applied = await database.migrate();
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');

    const catalog = await loadCatalog(config.catalogFile);
    const report = await new PrismaCatalogRepository(database.prisma).sync(catalog);
    logger.info({ ...report }, 'catalog synced');

    reportPlatforms(config, logger);

    // One ingest pipeline per process: the ingest role polls with it, the web role takes
    // WebSub pushes into it.
    const pipeline = role === 'all' || role === 'web' || role === 'ingest' ? createIngester(config, database, logger) : undefined;
    if (pipeline) services.push({ name: 'fetcher', stop: pipeline.close });
    if (pipeline?.websub) logger.info({ callbackBase: `${config.publicUrl}/websub/` }, 'websub on');

    // The chat bots take updates in the web role: by webhook when Herald has a public URL,
    // else by long polling (one process must poll: the web role).
    const routes: { prefix: string; app: Hono }[] = [];
    if ((role === 'all' || role === 'web') && (config.telegram.token || config.discord.token)) {
      const chat = createChat(database, catalog);
      if (config.telegram.token) {
        const telegram = await startTelegram(config, chat, logger);
        if (telegram.routes) routes.push(telegram.routes);
        services.push({ name: 'telegram', stop: telegram.stop });
      }
      if (config.discord.token) {
        const discord = await startDiscord(config, chat, catalog, logger);
        if (discord.routes) routes.push(discord.routes);
        services.push({ name: 'discord', stop: discord.stop });
      }
    }

    const delivery = role === 'all' || role === 'scheduler' || role === 'worker' ? startDelivery(config, database, catalog, logger, { schedule: role !== 'worker', work: role !== 'scheduler' }) : undefined;
    if (delivery) services.push({ name: 'delivery', stop: () => delivery.stop() });

    let httpPort: number | undefined;
    if (role === 'all' || role === 'web') {
      if (pipeline?.websub) routes.push({ prefix: '/websub', app: websubRoutes(pipeline.websub, config.ingest.maxBytes) });
      if (config.hookSecret) {
        const stories = new PrismaStoryRepository(database.prisma);
        routes.push({ prefix: '/hooks', app: breakingHookRoutes({ secret: config.hookSecret, catalog, stories, logger, ...(delivery ? { afterPush: delivery.fanOutNow } : {}) }) });
      }
      const app = createHttpApp({ isReady: () => database.ping(), logger, routes });
      const server = await startHttpServer(app, config.http);
      httpPort = server.port;
      services.push({ name: 'http', stop: () => server.close(config.shutdownTimeoutMs) });
      logger.info({ host: config.http.host, port: server.port }, 'http listening');
    }
    if (pipeline && (role === 'all' || role === 'ingest')) {
      const websub = pipeline.websub;
      const stories = createStoryService(config, database, logger);
      const restored = await stories.warmUp();
      logger.info({ items: restored }, 'story window restored');
      const tasks = [
        // In one process, a story that just broke is fanned out at once; else the scheduler finds it.
        { name: 'stories', run: async () => (await stories.sweep(), await delivery?.fanOutNow()) },
        ...(websub ? [{ name: 'websub renewal', run: () => websub.renewDue() }] : []),
      ];
      const loop = new IngestLoop(pipeline.ingester, config.ingest.tickMs, logger, tasks);
      loop.start();
      services.push({ name: 'ingest', stop: () => loop.stop() });
      logger.info({ feeds: catalog.feeds.length, tickMs: config.ingest.tickMs }, 'ingest polling');
    }
    return { database, catalog, httpPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A feed fetcher with the configured timeouts, size cap and User-Agent. */
export function createFetcher(config: Config): FeedFetcher {
  const { timeoutMs, maxBytes, userAgent } = config.ingest;
  return new FeedFetcher({ timeoutMs, connectTimeoutMs: timeoutMs, maxBytes, userAgent });
}

/**
 * The ingest pipeline on this database, with the configured limits; with a WebSub
 * subscriber when Herald has a public URL for hubs to call back.
 */
export function createIngester(
  config: Config,
  database: Database,
  logger: Logger,
): { ingester: Ingester; websub: WebSubSubscriber | undefined; close: () => Promise<void> } {
  let websub: WebSubSubscriber | undefined;
  const feeds = new PrismaFeedRepository(database.prisma);
  const fetcher = createFetcher(config);
  const ingester = new Ingester({
    feeds,
    items: new PrismaItemRepository(database.prisma),
    fetcher,
    logger: logger.child({ role: 'ingest' }),
    onParsed: (feed, parsed) => websub?.onParsed(feed, parsed) ?? Promise.resolve(),
    clock: systemClock,
    options: {
      schedule: { intervalMs: config.ingest.intervalMs, maxIntervalMs: config.ingest.maxIntervalMs, maxBackoffMs: 6 * 60 * 60_000, jitter: 0.1 },
      concurrency: config.ingest.concurrency,
      hostConcurrency: config.ingest.hostConcurrency,
      maxBytes: config.ingest.maxBytes,
      unhealthyAfter: config.ingest.unhealthyAfter,
    },
  });
  if (config.publicUrl) {
    websub = new WebSubSubscriber({
      subscriptions: new PrismaWebSubRepository(database.prisma),
      feeds,
      ingester,
      logger: logger.child({ role: 'websub' }),
      clock: systemClock,
      options: {
        publicUrl: config.publicUrl,
        leaseSeconds: 7 * 24 * 3600,
        renewBeforeMs: 24 * 3600_000,
        timeoutMs: config.ingest.timeoutMs,
        allowPrivateHubs: config.websubAllowPrivateHubs,
      },
    });
  }
  return { ingester, websub, close: () => fetcher.close() };
}

/** Stories kept up to date from stored items, with the configured window and breaking rule. */
export function createStoryService(config: Config, database: Database, logger: Logger): StoryService {
  return new StoryService({
    repo: new PrismaStoryRepository(database.prisma),
    newClusterer: () =>
      new StoryClusterer({
        windowMs: config.stories.windowMs,
        breakingOutlets: config.stories.breakingOutlets,
        breakingWindowMs: config.stories.breakingWindowMs,
      }),
    logger: logger.child({ role: 'stories' }),
    clock: systemClock,
    windowMs: config.stories.windowMs,
  });
}

/** What every chat adapter shares: the conversation core and the target repository. */
function createChat(database: Database, catalog: Catalog): { conversation: Conversation; targets: PrismaTargetRepository } {
  const targets = new PrismaTargetRepository(database.prisma);
  const conversation = new Conversation({
    catalog,
    rules: new PreferenceRules(catalog),
    preferences: new PrismaPreferencesRepository(database.prisma),
    targets,
    digests: new PrismaStoryRepository(database.prisma),
  });
  return { conversation, targets };
}

type ChatAdapter = { routes?: { prefix: string; app: Hono }; stop: () => Promise<void> };

/** The Telegram bot on the conversation core, by webhook (PUBLIC_URL set) or long polling. */
async function startTelegram(config: Config, chat: ReturnType<typeof createChat>, logger: Logger): Promise<ChatAdapter> {
  const log = logger.child({ platform: 'telegram' });
  const bot = createTelegramBot({ token: config.telegram.token!, apiRoot: config.telegram.apiRoot, conversation: chat.conversation, targets: chat.targets, logger: log });
  await bot.init();
  await registerCommands(bot, log);
  if (config.publicUrl) {
    // Without a configured secret, one derived from the token: every web process (and every
    // restart) then agrees on it, whichever called setWebhook last.
    const secret = config.telegram.webhookSecret ?? createHmac('sha256', config.telegram.token!).update('herald telegram webhook secret').digest('hex');
    await bot.api.setWebhook(`${config.publicUrl.replace(/\/$/, '')}/telegram/webhook`, { secret_token: secret, allowed_updates: ['message', 'channel_post', 'callback_query', 'my_chat_member'] });
    log.info({ mode: 'webhook' }, 'telegram on');
    return { routes: { prefix: '/telegram', app: telegramWebhookRoutes({ secret, logger: log, handle: (u) => bot.handleUpdate(u as never) }) }, stop: async () => {} };
  }
  await bot.api.deleteWebhook();
  const polling = bot.start({ allowed_updates: ['message', 'channel_post', 'callback_query', 'my_chat_member'] }).catch((error: unknown) => log.error({ err: error }, 'telegram polling stopped'));
  log.info({ mode: 'polling' }, 'telegram on');
  return { stop: async () => (await bot.stop(), await polling) };
}

/** The Discord bot on the conversation core, by HTTP interactions (DISCORD_PUBLIC_KEY set) or the gateway. */
async function startDiscord(config: Config, chat: ReturnType<typeof createChat>, catalog: Catalog, logger: Logger): Promise<ChatAdapter> {
  const log = logger.child({ platform: 'discord' });
  const { token, applicationId, publicKey, apiBase } = config.discord;
  const bot = await startDiscordBot({ token: token!, applicationId: applicationId!, apiBase, publicKey, catalog, conversation: chat.conversation, targets: chat.targets, logger: log });
  log.info({ mode: bot.mode }, bot.mode === 'http' ? 'discord on: interactions at POST /discord/interactions' : 'discord on');
  if (bot.mode === 'gateway') return { stop: bot.stop };
  const answer = (interaction: unknown, reply: (r: unknown) => Promise<void>) => bot.interactions.answer(interaction as APIInteraction, reply);
  return { routes: { prefix: '/discord', app: discordInteractionRoutes({ publicKey: publicKey!, answer, logger: log }) }, stop: bot.stop };
}

function reportPlatforms(config: Config, logger: Logger): void {
  if (!config.telegram.token) logger.warn({ platform: 'telegram' }, 'Telegram is off: TELEGRAM_BOT_TOKEN is not set');
  if (!config.discord.token) logger.warn({ platform: 'discord' }, 'Discord is off: DISCORD_BOT_TOKEN is not set');
}
