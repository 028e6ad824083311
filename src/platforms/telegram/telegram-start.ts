// Telegram taking updates. With PUBLIC_URL: a webhook whose updates are stored in the inbox
// before they are acknowledged, and handled from it (by any web process). Without: long
// polling. Nothing here waits for Telegram: the bot connects in the background (getMe, the
// command list, the webhook) with capped backoff, says in `health` how that goes, and only
// then handles updates; the webhook route stores them meanwhile.
import { GrammyError } from 'grammy';
import { systemClock } from '../../core/clock.ts';
import { connectInBackground } from '../../core/connect/connect-in-background.ts';
import { InboxProcessor } from '../../core/inbox/inbox-processor.ts';
import { InboxWriter } from '../../core/inbox/inbox-writer.ts';
import type { PlatformServices, RunningPlatform } from '../platform.ts';
import { createTelegramBot, registerCommands, telegramUpdateHandler } from './telegram-bot.ts';
import { translate } from './telegram-messenger.ts';
import { telegramWebhookRoutes } from './telegram-webhook.routes.ts';

const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query', 'my_chat_member'] as const;
/** One try at reaching Telegram gives up after this (a host that drops packets never refuses). */
const CONNECT_TIMEOUT_MS = 15_000;

export function startTelegram({ config, inbox: repo, chat, logger: log, health, redactor }: PlatformServices): RunningPlatform {
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
    if (webhook)
      await bot.api.setWebhook(`${config.publicUrl!.replace(/\/$/, '')}/telegram/webhook`, {
        secret_token: config.telegram.webhookSecret!,
        allowed_updates: [...ALLOWED_UPDATES],
      });
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
    const processor = new InboxProcessor(
      { repo, platform: 'telegram', handle: telegramUpdateHandler(bot, redactor), logger: log, clock: systemClock },
      { concurrency: config.inboxConcurrency },
    );
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
    await bot
      .start({ allowed_updates: [...ALLOWED_UPDATES] })
      .catch((error: unknown) => log.error({ err: translate(error, redactor) }, 'telegram polling stopped'));
  });
  const stopPolling = async () => {
    // grammY confirms the last updates with one more getUpdates: Telegram may be down by then.
    if (bot.isRunning())
      await bot
        .stop()
        .catch((error: unknown) => log.warn({ err: translate(error, redactor) }, 'telegram: the last updates were not confirmed; Telegram sends them again'));
  };
  return { stop: async () => (stopping.abort(), await connected, await stopPolling(), await polling) };
}
