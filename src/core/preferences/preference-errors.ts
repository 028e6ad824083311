// A refused preference change: a code for programs, parameters for translations, the English
// sentence (for logs and programs), and which parameters name countries or languages by code,
// so that a person reads them named in the person's own language.
import { en } from '../i18n/messages.ts';
import { err } from '../result.ts';

type Catalogue = typeof en.preferences;
export type PreferenceErrorCode = keyof Catalogue;
type ParamsOf<K extends PreferenceErrorCode> = Parameters<Catalogue[K]>[0];

/** A parameter that names a country or a language (or a list of them) by code. */
export interface Named {
  kind: 'country' | 'language' | 'category' | 'countryWithCode';
  codes: string | readonly string[];
}

export class PreferenceError extends Error {
  constructor(
    readonly code: PreferenceErrorCode,
    readonly params: Readonly<Record<string, unknown>>,
    message: string,
    /** Parameters to name in the reader's language instead of the catalog's English. */
    readonly named: Readonly<Record<string, Named>> = {},
  ) {
    super(message);
    this.name = 'PreferenceError';
  }
}

export function refuse<K extends PreferenceErrorCode>(code: K, params: ParamsOf<K>, named: Partial<Record<keyof ParamsOf<K> & string, Named>> = {}) {
  const render = en.preferences[code] as (p: ParamsOf<K>) => string;
  return err(new PreferenceError(code, params as Readonly<Record<string, unknown>>, render(params), named as Record<string, Named>));
}

export const countryCode = (codes: string | readonly string[]): Named => ({ kind: 'country', codes });
export const languageCode = (codes: string | readonly string[]): Named => ({ kind: 'language', codes });
