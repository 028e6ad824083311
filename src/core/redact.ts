// Secrets out of every error text before it is stored, rendered or logged. Two kinds go:
// the values Herald was configured with (bot tokens, webhook and hook secrets, the admin token,
// passwords in DATABASE_URL and REDIS_URL), wherever they appear and however they are encoded;
// and credentials recognisable by their shape even when nobody said them (a Telegram token in a
// Bot API URL, a password in any URL, a Discord interaction token in a webhook path, an
// Authorization value). Platform errors are redacted where they are translated; the logger
// runs every line through the same redactor as a second line of defence.

const REDACTED = '[redacted]';

const SHAPES: [RegExp, string][] = [
  // https://api.telegram.org/bot<token>/sendMessage (whatever the token looks like), and a
  // token quoted anywhere.
  [/\/bot[^/\s"']+\//g, `/bot${REDACTED}/`],
  [/\bbot\d{3,}:[A-Za-z0-9_-]{5,}/g, `bot${REDACTED}`],
  [/\b\d{5,}:AA[A-Za-z0-9_-]{20,}/g, REDACTED],
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']*@/gi, `$1${REDACTED}@`],
  // Discord: /webhooks/<application>/<interaction token>, /interactions/<id>/<token>/callback
  [/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{8,}/g, `$1${REDACTED}`],
  // Authorization: Bot <token> / Bearer <token>
  [/\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Secrets shorter than this are not searched for: they would match ordinary text. */
const MIN_SECRET = 6;

export class Redactor {
  #exact: RegExp | undefined;
  readonly #secrets = new Set<string>();

  constructor(secrets: (string | undefined)[] = []) {
    for (const s of secrets) this.add(s);
  }

  /** Also redact this value (and its URL- and JSON-encoded forms) from now on. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET) return;
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) this.#secrets.add(form);
    const longestFirst = [...this.#secrets].sort((a, b) => b.length - a.length);
    this.#exact = new RegExp(longestFirst.map(escapeRegExp).join('|'), 'g');
  }

  /** The text with every known and recognisable secret replaced. */
  text(text: string): string {
    let out = this.#exact ? text.replace(this.#exact, REDACTED) : text;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  }

  /** An error's message (with its causes'), redacted: what may be stored or shown. */
  message(error: unknown): string {
    return this.text(describeError(error));
  }
}

/** The message of an error and of its causes, in one line. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : String(current);
    if (message && !parts.some((p) => p.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

/** Redacts with the shapes alone: for code that knows no configured secret. */
export const shapesOnly = new Redactor();
