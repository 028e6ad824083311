// Why a body is not a usable feed, in a few kinds a person can act on.
export type FeedParseErrorKind = 'not-a-feed' | 'not-well-formed' | 'too-large';

export class FeedParseError extends Error {
  constructor(
    readonly kind: FeedParseErrorKind,
    detail: string,
  ) {
    super(`${kind.replace(/-/g, ' ')}: ${detail}`);
    this.name = 'FeedParseError';
  }
}
