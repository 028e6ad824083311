// What a button does, as a typed value, and its one wire form: a compact string that fits
// Telegram's callback_data (64 bytes) and Discord's custom_id (100 characters). Encoded and
// decoded here only; the forms are the ones Herald has always sent, so buttons on messages
// already in people's chats keep working.

/** An onboarding step; `value` undefined means the step was skipped. */
/** Telegram's callback_data takes 64 bytes: every encoded action fits. */
export const MAX_ACTION_BYTES = 64;

export type OnboardingStep = 'country' | 'language' | 'source' | 'categories' | 'time';

export type Action =
  /** /start's steps: choose (or skip) and go on; `done` ends the categories step. */
  | { kind: 'onboard'; step: OnboardingStep; value?: string }
  /** Make a country the primary one, or add or remove it among the others. */
  | { kind: 'country'; op: 'primary' | 'toggle'; country: string }
  /** A country's languages: show them, or make one primary, or add or remove one. */
  | { kind: 'language'; country: string; change?: { op: 'primary' | 'toggle'; language: string } }
  /** A country's sources on a page: show them, or make one primary, or add or remove one. */
  | { kind: 'source'; country: string; page: number; change?: { op: 'primary' | 'toggle'; source: string } }
  /** Subscribe to a category's digest, or stop it. */
  | { kind: 'category'; category: string }
  /** The answer to /stop's question. */
  | { kind: 'stop'; confirm: boolean }
  /** The language Herald speaks in the chat (/language). */
  | { kind: 'locale'; locale: string }
  /** A story's every outlet ("Sources (5)"), or back to the story from them. */
  | { kind: 'sources'; story: number; back?: boolean }
  /** Removes one filter, named by a short hash of it (its words may be longer than a button's data). */
  | { kind: 'unfilter'; key: string };

/** Actions that change nothing: anyone in a chat may press them. */
export const readOnlyAction = (a: Action) => a.kind === 'sources';

const STEPS: Record<OnboardingStep, string> = { country: 'c', language: 'l', source: 's', categories: 'k', time: 't' };
const STEP_OF = Object.fromEntries(Object.entries(STEPS).map(([step, code]) => [code, step as OnboardingStep]));
const OPS = { primary: 'p', toggle: 't' } as const;
const OP_OF: Record<string, 'primary' | 'toggle'> = { p: 'primary', t: 'toggle' };
/** Catalog codes, ids and slugs: letters, digits, - and _ (a ':' would break the form). */
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const TIME = /^\d{2}:\d{2}$/;

export function encodeAction(a: Action): string {
  switch (a.kind) {
    case 'onboard':
      return `ob:${STEPS[a.step]}:${a.value ?? '-'}`;
    case 'country':
      return `cty:${OPS[a.op]}:${a.country}`;
    case 'language':
      return a.change ? `lng:${a.country}:${OPS[a.change.op]}:${a.change.language}` : `lng:${a.country}`;
    case 'source':
      return a.change ? `src:${a.country}:${OPS[a.change.op]}:${a.change.source}:${a.page}` : `src:${a.country}:${a.page}`;
    case 'category':
      return `cat:t:${a.category}`;
    case 'stop':
      return a.confirm ? 'stop:yes' : 'stop:no';
    case 'locale':
      return `loc:${a.locale}`;
    case 'sources':
      return a.back ? `cov:${a.story}:b` : `cov:${a.story}`;
    case 'unfilter':
      return `flt:x:${a.key}`;
  }
}

const page = (text: string | undefined) => (text !== undefined && /^\d{1,4}$/.test(text) ? Math.max(1, Number(text)) : undefined);

/** The action a button's data names; undefined for anything Herald did not write (or no longer knows). */
export function decodeAction(data: string): Action | undefined {
  if (data.length > 100) return undefined;
  const [kind, ...parts] = data.split(':');
  const [a, b, c, d] = parts;
  const code = (text: string | undefined): text is string => text !== undefined && CODE.test(text);
  switch (kind) {
    case 'ob': {
      const step = a === undefined ? undefined : STEP_OF[a];
      if (!step) return undefined;
      const value = parts.slice(1).join(':');
      if (value === '-' || value === '') return { kind: 'onboard', step };
      if (step === 'time' ? !TIME.test(value) : !code(value)) return undefined;
      return { kind: 'onboard', step, value };
    }
    case 'cty':
      return a !== undefined && OP_OF[a] && code(b) && parts.length === 2 ? { kind: 'country', op: OP_OF[a], country: b } : undefined;
    case 'lng':
      if (!code(a)) return undefined;
      if (parts.length === 1) return { kind: 'language', country: a };
      return b !== undefined && OP_OF[b] && code(c) && parts.length === 3 ? { kind: 'language', country: a, change: { op: OP_OF[b], language: c } } : undefined;
    case 'src': {
      if (!code(a)) return undefined;
      if (parts.length === 2) {
        const p = page(b);
        return p === undefined ? undefined : { kind: 'source', country: a, page: p };
      }
      const p = page(d);
      return b !== undefined && OP_OF[b] && code(c) && p !== undefined && parts.length === 4
        ? { kind: 'source', country: a, page: p, change: { op: OP_OF[b], source: c } }
        : undefined;
    }
    case 'cat':
      return a === 't' && code(b) && parts.length === 2 ? { kind: 'category', category: b } : undefined;
    case 'stop':
      return a === 'yes' || a === 'no' ? { kind: 'stop', confirm: a === 'yes' } : undefined;
    case 'loc':
      return code(a) && parts.length === 1 ? { kind: 'locale', locale: a } : undefined;
    case 'flt':
      return a === 'x' && b !== undefined && /^[0-9a-f]{8}$/.test(b) && parts.length === 2 ? { kind: 'unfilter', key: b } : undefined;
    case 'cov': {
      if (a === undefined || !/^\d{1,9}$/.test(a)) return undefined;
      if (parts.length === 1) return { kind: 'sources', story: Number(a) };
      return b === 'b' && parts.length === 2 ? { kind: 'sources', story: Number(a), back: true } : undefined;
    }
  }
  return undefined;
}
