// The translations of the catalogue, by locale. English is the source (../messages.en.ts).
import type { Locale } from '../locales.ts';
import type { Translation } from '../message-def.ts';
import type { source } from '../messages.en.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { fr } from './fr.ts';
import { hi } from './hi.ts';
import { zh } from './zh.ts';

export const translations: Record<Exclude<Locale, 'en'>, Translation<typeof source>> = { hi, ar, de, zh, fr };
