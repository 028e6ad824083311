// A message of the catalogue: an ICU MessageFormat string, with the type of the values it
// takes. The English catalogue (messages.en.ts) declares each one; translations give the same
// keys as strings; messages.ts compiles them for a locale into plain strings and functions.

/** A value a message takes: lists are joined as the locale joins them, booleans select "true" or "false". */
export type MessageValue = string | number | boolean | readonly string[];

export interface MessageDef<P extends Record<string, MessageValue>> {
  readonly icu: string;
  /** Lists joined with "or" (choices), not "and" (the default). */
  readonly or?: readonly string[];
  /** Never set: carries the values' type for the compiled function. */
  readonly params?: P;
}

/** A message that takes values: `m<{ country: string }>('{country} is now your primary country.')`. */
export function m<P extends Record<string, MessageValue>>(icu: string, lists?: { or: readonly (keyof P & string)[] }): MessageDef<P> {
  return lists ? { icu, or: lists.or } : { icu };
}

/** The catalogue as a locale writes it: the same keys, every message an ICU string. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string | { readonly icu: string } ? string : Translation<T[K]> };

/** The catalogue compiled: plain strings stay strings, messages with values become functions. */
export type Compiled<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends MessageDef<infer P> ? (values: P) => string : Compiled<T[K]>;
};
