// A refused preference change: a code for programs, parameters for translations, and the
// English sentence a person reads.
import { en } from '../i18n/messages.ts';
import { err } from '../result.ts';

type Catalogue = typeof en.preferences;
export type PreferenceErrorCode = keyof Catalogue;
type ParamsOf<K extends PreferenceErrorCode> = Parameters<Catalogue[K]>[0];

export class PreferenceError extends Error {
  constructor(
    readonly code: PreferenceErrorCode,
    readonly params: Readonly<Record<string, unknown>>,
    message: string,
  ) {
    super(message);
    this.name = 'PreferenceError';
  }
}

export function refuse<K extends PreferenceErrorCode>(code: K, params: ParamsOf<K>) {
  const render = en.preferences[code] as (p: ParamsOf<K>) => string;
  return err(new PreferenceError(code, params as Readonly<Record<string, unknown>>, render(params)));
}
