// A reader's suggestion of an outlet or a feed (/suggest), and where suggestions are kept.
// Operators see them on /status and with `herald suggestions list`, and approve or reject each.

export type SuggestionStatus = 'pending' | 'approved' | 'rejected';

export interface Suggestion {
  id: number;
  url: string;
  /** The address however written (sameAddress): one reader suggests one address once. */
  urlKey: string;
  /** "<platform>:<user id>", or "<platform>:chat:<target id>" when the platform names no user. */
  reader: string;
  targetId: number | null;
  status: SuggestionStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

/** An address as operators see it: how many readers asked for it, first and last. */
export interface SuggestedAddress {
  /** The first suggestion's id: the one to approve or reject (all of the address's go with it). */
  id: number;
  url: string;
  readers: number;
  first: Date;
  last: Date;
  status: SuggestionStatus;
}

export interface SuggestionRepository {
  add(s: { url: string; urlKey: string; reader: string; targetId: number | null; at: Date }): Promise<void>;
  /** The reader's suggestion of this address, if any. */
  find(urlKey: string, reader: string): Promise<Suggestion | undefined>;
  /** How the operators decided on this address, if they did (any reader's suggestion of it). */
  decision(urlKey: string): Promise<Exclude<SuggestionStatus, 'pending'> | undefined>;
  /** Addresses awaiting a decision. */
  pendingCount(): Promise<number>;
  /** Takes back the reader's suggestion of this address (one past the limit). */
  remove(urlKey: string, reader: string): Promise<void>;
  /** How many suggestions the reader made since `since`. */
  countSince(reader: string, since: Date): Promise<number>;
  /** Addresses, newest last suggestion first; pending only unless `all`. */
  addresses(options: { all?: boolean; limit: number }): Promise<SuggestedAddress[]>;
  /** Every suggestion of the address suggestion `id` names, or [] when there is none. */
  byAddressOf(id: number): Promise<Suggestion[]>;
  /** Marks every suggestion of the address `id` names. */
  decide(id: number, status: Exclude<SuggestionStatus, 'pending'>, at: Date): Promise<number>;
}
