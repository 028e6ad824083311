// Who may change what a Discord channel receives, and whether Herald can post there.
// A member needs Manage Channels or Manage Server (Administrator implies both) in that
// channel. The bot needs View Channel, Send Messages (in threads: Send Messages in Threads)
// and Embed Links. For the channel a command is used in, Discord sends both permission sets
// with the interaction; for another channel named in /subscribe, the bot's are computed from
// the guild's roles and the channel's overwrites (a thread takes its parent's), the way
// Discord documents it.
import type { REST } from '@discordjs/rest';
import {
  ChannelType,
  OverwriteType,
  PermissionFlagsBits as P,
  Routes,
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
} from 'discord-api-types/v10';
import type { Actor } from '../../core/conversation/conversation.ts';
import type { Messages } from '../../core/i18n/messages.ts';

const THREAD_TYPES = new Set<number>([ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread]);
/** Channels that can receive digests: text and announcement channels and their threads. */
export const POSTABLE_TYPES = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ...THREAD_TYPES]);

/** Its refusals, from the message catalogue (in the language of whoever is refused). */
export type Refusals = Messages['discord'];

const has = (permissions: bigint, flag: bigint) => (permissions & P.Administrator) === P.Administrator || (permissions & flag) === flag;

/** Whether a member with these permissions (in the channel) may configure it. */
export function memberActor(permissions: string | undefined, channel: string, refusals: Refusals): Actor {
  const p = BigInt(permissions ?? '0');
  return has(p, P.ManageChannels) || has(p, P.ManageGuild) ? { canConfigure: true } : { canConfigure: false, refusal: refusals.notManager({ channel }) };
}

/** What the bot lacks to deliver into a channel of this type, named as Discord names them in `refusals`' language ([] when nothing). */
export function missingForBot(permissions: string | bigint | undefined, channelType: number, refusals: Refusals): string[] {
  const p = BigInt(permissions ?? '0');
  const named = refusals.permissions;
  const needed: [bigint, string][] = [
    [P.ViewChannel, named.viewChannel],
    THREAD_TYPES.has(channelType) ? [P.SendMessagesInThreads, named.sendMessagesInThreads] : [P.SendMessages, named.sendMessages],
    [P.EmbedLinks, named.embedLinks],
  ];
  return needed.filter(([flag]) => !has(p, flag)).map(([, name]) => name);
}

/** The bot's permissions in a channel of a guild, from roles and overwrites. */
function computePermissions(
  guild: Pick<APIGuild, 'id' | 'owner_id'>,
  roles: Pick<APIRole, 'id' | 'permissions'>[],
  member: { userId: string; roles: string[] },
  overwrites: NonNullable<Extract<APIChannel, { permission_overwrites?: unknown }>['permission_overwrites']>,
): bigint {
  if (guild.owner_id === member.userId) return ~0n;
  const byId = new Map(roles.map((r) => [r.id, BigInt(r.permissions)]));
  let p = byId.get(guild.id) ?? 0n; // @everyone has the guild's id
  for (const role of member.roles) p |= byId.get(role) ?? 0n;
  if ((p & P.Administrator) === P.Administrator) return ~0n;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) p = (p & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  p = (p & ~deny) | allow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === member.userId);
  if (own) p = (p & ~BigInt(own.deny)) | BigInt(own.allow);
  return p;
}

/** Fetches what is needed and computes the bot's permissions in a channel (a thread: its parent). */
export async function botPermissionsIn(rest: REST, channel: APIChannel, botId: string): Promise<bigint> {
  const source =
    THREAD_TYPES.has(channel.type) && 'parent_id' in channel && channel.parent_id
      ? ((await rest.get(Routes.channel(channel.parent_id))) as APIChannel)
      : channel;
  const guildId = 'guild_id' in source ? source.guild_id : undefined;
  if (!guildId) return 0n;
  const [guild, member] = await Promise.all([
    rest.get(Routes.guild(guildId)) as Promise<APIGuild>,
    rest.get(Routes.guildMember(guildId, botId)) as Promise<APIGuildMember>,
  ]);
  const overwrites = 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
  return computePermissions(guild, guild.roles, { userId: botId, roles: member.roles }, overwrites);
}
