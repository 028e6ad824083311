// The local web chat at /try, on the same conversation core as the bots. Chats nobody typed
// in for a while are forgotten, at start and every hour after.
import { WindowedCounter } from '../../core/limits/windowed-counter.ts';
import type { PlatformServices, RunningPlatform } from '../platform.ts';
import { WebChat } from './web-chat.ts';
import { webChatRoutes } from './web-chat.routes.ts';

export function startWebChat({ config, chatLog, chat, logger, demo }: PlatformServices): RunningPlatform {
  const { maxChats, newPerHour, idleMs } = config.webChatLimits;
  const web = new WebChat({
    conversation: chat.conversation,
    targets: chat.targets,
    log: chatLog,
    limits: { newChats: new WindowedCounter({ max: newPerHour, windowMs: 3600_000 }), maxChats },
  });
  const expire = () =>
    web
      .expireIdle(new Date(Date.now() - idleMs))
      .then((n) => n > 0 && logger.info({ chats: n }, 'idle web chats forgotten'))
      .catch((error: unknown) => logger.warn({ err: error }, 'expiring idle web chats failed; next hour again'));
  void expire();
  const timer = setInterval(() => void expire(), 3600_000);
  timer.unref();
  return { routes: { prefix: '/try', app: webChatRoutes({ chat: web, demo, openToAll: config.webChat === 'on' }) }, stop: async () => clearInterval(timer) };
}
