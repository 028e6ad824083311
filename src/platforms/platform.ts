// What a chat platform is to Herald: one folder of src/platforms exports one of these, and the
// composition root (src/app) iterates the list in src/platforms/index.ts. A new platform is one
// folder, one line in that list, and its keys in src/config.ts.
import type { Config } from '../config.ts';
import type { Catalog } from '../core/catalog/catalog.ts';
import type { ChatLog } from '../core/chatlog/chat-log.ts';
import type { Conversation } from '../core/conversation/conversation.ts';
import type { DeliveryError, Messenger } from '../core/delivery/messenger.ts';
import type { InboxRepository } from '../core/inbox/inbox.ts';
import type { OutgoingMessage } from '../core/message/outgoing.ts';
import type { PlatformRates } from '../core/delivery/send-budget.ts';
import type { Logger } from '../core/logger.ts';
import type { Redactor } from '../core/redact.ts';
import type { PlatformHealth } from '../core/status/platform-health.ts';
import type { TargetKind, TargetRepository } from '../core/targets/target.ts';
import type { MountedRoutes } from '../http/app.ts';

/** What every platform's bot shares: the conversation core and the targets. */
export interface Chat {
  conversation: Conversation;
  targets: TargetRepository;
}

/** What a platform is started with, in a process that takes people's updates (the web role). */
export interface PlatformServices {
  config: Config;
  /** The web chat's transcripts. */
  chatLog: ChatLog;
  /** Where webhook updates are stored before they are acknowledged. */
  inbox: InboxRepository;
  catalog: Catalog;
  chat: Chat;
  /** A child logger named after the platform. */
  logger: Logger;
  health: PlatformHealth;
  /** Every configured secret, for the errors this platform stores or logs. */
  redactor: Redactor;
  /** The demo feeds are on (the web chat says so). */
  demo: boolean;
}

/** A started platform: the routes it answers on Herald's HTTP app, and how to stop it. */
export interface RunningPlatform {
  routes?: MountedRoutes;
  stop(): Promise<void>;
}

export interface Platform {
  /** Its name in targets, budgets, logs and health: "telegram". */
  readonly name: string;
  /** How people call it: "Telegram". */
  readonly label: string;
  /** The kinds of chat it delivers to. */
  readonly targetKinds: readonly TargetKind[];
  /** Why it does not take updates in this configuration (its token is not set), or undefined when it does. */
  off(config: Config): string | undefined;
  /** Its send limits, for the delivery budgets (none: sends go at once). */
  sendRates(config: Config): PlatformRates | undefined;
  /** Its messenger, in any process that delivers; undefined when it cannot send here (no token). */
  messenger(config: Config, deps: { chatLog: ChatLog; redactor: Redactor }): Messenger | undefined;
  /** Starts taking people's updates; never waits for the platform itself. */
  start(services: PlatformServices): RunningPlatform;
  /** Registers the command catalogue with the platform, where it shows one; returns the names. */
  registerCommands?(config: Config, options: { catalog: Catalog; scope?: string }): Promise<string[]>;
  /** One of its API's failures as Herald's delivery error, redacted. */
  translateError(error: unknown, redactor: Redactor): DeliveryError;
  /** A message as it would show it: the payloads it would send, in order. */
  render(message: OutgoingMessage): unknown[];
}
