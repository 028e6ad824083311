// The chat adapters, each on the one conversation core: Telegram (webhook through the durable
// inbox, or long polling), Discord (HTTP interactions or the gateway) and the local web chat.
// Each returns the routes it needs on the Hono app and how to stop it.
import type { APIInteraction } from 'discord-api-types/v10';
import { startDiscordBot } from './bots/discord/discord-bot.ts';
import { GrammyError } from 'grammy';
import { createTelegramBot, registerCommands, telegramUpdateHandler } from './bots/telegram/telegram-bot.ts';
import { translate } from './bots/telegram/telegram-messenger.ts';
import { WebChat } from './bots/web/web-chat.ts';
import type { Config } from './config.ts';
import type { Catalog } from './core/catalog/catalog.ts';
import { systemClock } from './core/clock.ts';
import { Conversation } from './core/conversation/conversation.ts';
import { InboxProcessor } from './core/inbox/inbox-processor.ts';
import { InboxWriter } from './core/inbox/inbox-writer.ts';
import { WindowedCounter } from './core/limits/windowed-counter.ts';
import type { Logger } from './core/logger.ts';
import { connectInBackground } from './core/connect/connect-in-background.ts';
import type { Redactor } from './core/redact.ts';
import type { PlatformHealth } from './core/status/platform-health.ts';
import { PreferenceRules } from './core/preferences/preference-rules.ts';
import { PrismaChatLog } from './store/chat-log.store.ts';
import type { Database } from './store/database.ts';
import { PrismaInboxRepository } from './store/inbox.store.ts';
import { PrismaPreferencesRepository } from './store/preferences.store.ts';
import { PrismaStoryRepository } from './store/stories.store.ts';
import { PrismaTargetRepository } from './store/targets.store.ts';
import type { MountedRoutes } from './http/app.ts';
import { discordInteractionRoutes } from './http/discord-interactions.routes.ts';
import { telegramWebhookRoutes } from './http/telegram-webhook.routes.ts';
import { webChatRoutes } from './http/web-chat/web-chat.routes.ts';

export interface Chat {
  conversation: Conversation;
  targets: PrismaTargetRepository;
}

export interface ChatAdapter {
  routes?: MountedRoutes;
  stop: () => Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query', 'my_chat_member'] as const;
/** One try at reaching a platform gives up after this (a host that drops packets never refuses). */
const CONNECT_TIMEOUT_MS = 15_000;

/** What every chat adapter shares: the conversation core and the target repository. */
export function createChat(database: Database, catalog: Catalog): Chat {
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

/**
 * The Telegram bot on the conversation core. With PUBLIC_URL: a webhook whose updates are
 * stored in the inbox before they are acknowledged, and handled from it (by any web process).
 * Without: long polling. Nothing here waits for Telegram: the bot connects in the background
 * (getMe, the command list, the webhook) with capped backoff, says in `health` how that goes,
 * and only then handles updates; the webhook route stores them meanwhile.
 */
export function startTelegram(config: Config, database: Database, chat: Chat, logger: Logger, health: PlatformHealth, redactor: Redactor): ChatAdapter {
  const log = logger.child({ platform: 'telegram' });
  const token = config.telegram.token!;
  const bot = createTelegramBot({
    token,
    redactor,
    apiRoot: config.telegram.apiRoot,
    conversation: chat.conversation,
    targets: chat.targets,
    logger: log,
    onReach: (answered, reason) => health.set('telegram', answered ? 'up' : 'down', reason),
  });
  const webhook = config.publicUrl !== undefined;
  const stopping = new AbortController();
  const connect = async () => {
    // grammY types its signal as the abort-controller shim's; node-fetch takes Node's own.
    bot.botInfo = await bot.api.getMe(AbortSignal.any([stopping.signal, AbortSignal.timeout(CONNECT_TIMEOUT_MS)]) as never);
    await registerCommands(bot, log);
    if (webhook) await bot.api.setWebhook(`${config.publicUrl!.replace(/\/$/, '')}/telegram/webhook`, { secret_token: config.telegram.webhookSecret!, allowed_updates: [...ALLOWED_UPDATES] });
    else await bot.api.deleteWebhook();
  };
  const connected = connectInBackground(connect, {
    platform: 'telegram',
    tokenKey: 'TELEGRAM_BOT_TOKEN',
    health,
    logger: log,
    signal: stopping.signal,
    describe: (error) => translate(error, redactor).message,
    refusedToken: (error) => error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404),
  });

  if (webhook) {
    const repo = new PrismaInboxRepository(database.prisma);
    const processor = new InboxProcessor({ repo, platform: 'telegram', handle: telegramUpdateHandler(bot, redactor), logger: log, clock: systemClock }, { concurrency: config.inboxConcurrency });
    const inbox = new InboxWriter(repo, 'telegram', { maxBatch: 500, onStored: () => processor.wake() });
    void connected.then((up) => {
      if (!up) return;
      processor.start();
      log.info({ mode: 'webhook' }, 'telegram on');
    });
    return {
      routes: { prefix: '/telegram', app: telegramWebhookRoutes({ secret: config.telegram.webhookSecret!, inbox, logger: log }) },
      // After the HTTP server stopped: every acknowledged update is stored; what is not handled yet waits for the next start.
      stop: async () => (stopping.abort(), await connected, await inbox.flush(), await processor.stop()),
    };
  }
  const polling = connected.then(async (up) => {
    if (!up || stopping.signal.aborted) return;
    log.info({ mode: 'polling' }, 'telegram on');
    await bot.start({ allowed_updates: [...ALLOWED_UPDATES] }).catch((error: unknown) => log.error({ err: translate(error, redactor) }, 'telegram polling stopped'));
  });
  const stopPolling = async () => {
    // grammY confirms the last updates with one more getUpdates: Telegram may be down by then.
    if (bot.isRunning()) await bot.stop().catch((error: unknown) => log.warn({ err: translate(error, redactor) }, 'telegram: the last updates were not confirmed; Telegram sends them again'));
  };
  return { stop: async () => (stopping.abort(), await connected, await stopPolling(), await polling) };
}

/** The Discord bot on the conversation core, by HTTP interactions (DISCORD_PUBLIC_KEY set) or the gateway. */
export function startDiscord(config: Config, chat: Chat, catalog: Catalog, logger: Logger, health: PlatformHealth, redactor: Redactor): ChatAdapter {
  const log = logger.child({ platform: 'discord' });
  const { token, applicationId, publicKey, apiBase } = config.discord;
  const bot = startDiscordBot({ token: token!, applicationId: applicationId!, apiBase, publicKey, catalog, conversation: chat.conversation, targets: chat.targets, logger: log, health, redactor });
  if (bot.mode === 'gateway') return { stop: bot.stop };
  log.info({ mode: bot.mode }, 'discord on: interactions at POST /discord/interactions');
  const answer = (interaction: unknown, reply: (r: unknown) => Promise<void>) => bot.interactions.answer(interaction as APIInteraction, reply);
  return { routes: { prefix: '/discord', app: discordInteractionRoutes({ publicKey: publicKey!, answer, logger: log }) }, stop: bot.stop };
}

/**
 * The local web chat at /try, on the same conversation core. Chats nobody typed in for a
 * while are forgotten, at start and every hour after.
 */
export function startWebChat(config: Config, database: Database, chat: Chat, logger: Logger, options: { demo: boolean }): ChatAdapter {
  const { maxChats, newPerHour, idleMs } = config.webChatLimits;
  const web = new WebChat({
    conversation: chat.conversation,
    targets: chat.targets,
    log: new PrismaChatLog(database.prisma),
    limits: { newChats: new WindowedCounter({ max: newPerHour, windowMs: 3600_000 }), maxChats },
  });
  const expire = () =>
    web
      .expireIdle(new Date(Date.now() - idleMs))
      .then((n) => n > 0 && logger.info({ chats: n }, 'idle web chats forgotten'))
      .catch((error: unknown) => logger.warn({ err: error }, 'expiring idle web chats failed; next hour again'));
  void expire();
  const timer = setInterval(expire, 3600_000);
  timer.unref();
  return { routes: { prefix: '/try', app: webChatRoutes({ chat: web, demo: options.demo, openToAll: config.webChat === 'on' }) }, stop: async () => clearInterval(timer) };
}

export function reportPlatforms(config: Config, logger: Logger): void {
  if (!config.telegram.token) logger.warn({ platform: 'telegram' }, 'Telegram is off: TELEGRAM_BOT_TOKEN is not set');
  if (!config.discord.token) logger.warn({ platform: 'discord' }, 'Discord is off: DISCORD_BOT_TOKEN is not set');
}
