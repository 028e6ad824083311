// A place Herald delivers to: a Telegram user, group or channel; a Discord DM or guild
// channel; the local web chat. Platform-free: the platform is only a name and an id.
import { z } from 'zod';

// A topic is one forum topic of a Telegram supergroup, a destination of its own: its external id
// is "<chat id>:<topic id>".
const TARGET_KINDS = ['private', 'group', 'supergroup', 'channel', 'dm', 'guild_channel', 'topic'] as const;

/** A chat platform's name: each is one folder of src/platforms (telegram, discord, web). */
export const platformSchema = z.string().regex(/^[a-z][a-z0-9-]*$/);
export const targetKindSchema = z.enum(TARGET_KINDS);
export type Platform = string;
export type TargetKind = z.infer<typeof targetKindSchema>;

export interface TargetRef {
  platform: Platform;
  /** The platform's chat or channel id, as a string (Telegram ids exceed 2^53 in places). */
  externalId: string;
}

export interface Target extends TargetRef {
  id: number;
  kind: TargetKind;
  title: string | null;
  /** Its interface language (core/i18n/locales.ts). */
  locale: string;
  active: boolean;
  deactivatedReason: string | null;
  createdAt: Date;
}

export interface TargetRepository {
  /**
   * Finds a target, creating it on first contact, in `locale` (what its platform says of the
   * person or server, when it says); refreshes kind and title. A known target keeps its locale.
   */
  upsert(ref: TargetRef & { kind: TargetKind; title?: string | null; locale?: string }): Promise<Target>;
  /** The interface language it chose (/language). */
  setLocale(id: number, locale: string): Promise<void>;
  find(ref: TargetRef): Promise<Target | null>;
  /** How many targets a platform has (active or not). */
  count(platform: Platform): Promise<number>;
  get(id: number): Promise<Target | null>;
  /** Stop delivering (blocked, kicked, channel gone), keeping preferences for a comeback. */
  deactivate(id: number, reason: string): Promise<void>;
  reactivate(id: number): Promise<void>;
  /** A chat moved (Telegram group → supergroup): same target, new id. */
  moveTo(id: number, externalId: string, kind?: TargetKind): Promise<void>;
  /** Forget the target and everything about it (/stop after confirmation). */
  delete(id: number): Promise<void>;
}
