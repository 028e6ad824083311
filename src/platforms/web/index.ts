// The local web chat, as Herald's composition root sees it: one kind of chat (a browser's),
// no send limits (a delivery is a row in the chat's log, which any process can write), and
// the /try page. It takes messages when HERALD_WEB_CHAT says so, or, left to itself, when no
// platform token is set (someone trying Herald).
import { SendFailed } from '../../core/delivery/messenger.ts';
import type { Platform } from '../platform.ts';
import { WebMessenger } from './web-messenger.ts';
import { startWebChat } from './web-start.ts';

export const web: Platform = {
  name: 'web',
  label: 'the web chat',
  targetKinds: ['private'],
  off(config) {
    if (config.webChat === 'off') return 'HERALD_WEB_CHAT is off';
    if (config.webChat === 'auto' && (config.telegram.token || config.discord.token)) return 'a platform token is set (HERALD_WEB_CHAT=1 turns it on)';
    return undefined;
  },
  sendRates: () => undefined,
  messenger: (_config, { chatLog }) => new WebMessenger(chatLog),
  start: startWebChat,
  translateError: (error, redactor) => new SendFailed(`web chat log: ${redactor.message(error)}`),
  render: (message) => [{ ...message, buttons: [] }],
};
