// Text that people outside Herald send (an operator's breaking story): what chats and the
// database can hold, and nothing that only looks like text. Control characters go (NUL, ESC
// and the rest of C0 and C1; line breaks and tabs become spaces), as do the bidirectional
// overrides that make a headline display other than it reads; invalid UTF-16 (a lone
// surrogate, which no database stores as UTF-8) and text with no visible character (only
// zero-width or blank characters) are refused.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const BREAKS = /[\t\n\r]+/g;
/** Letters that draw nothing (Hangul fillers, the blank Braille pattern). */
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800]/g;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** In unicode mode a surrogate pair is one code point: what this matches is a lone half. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Controls stripped and white space collapsed. */
export function stripControls(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
}

export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text.replace(BLANK_LETTERS, ''));
}

const cleaned = (max: number, emptyIsNone: boolean) =>
  z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), 'is not valid Unicode text (it holds a lone surrogate)')
    .transform(stripControls)
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => (emptyIsNone && s === '') || hasVisibleCharacter(s), 'has no visible character'),
    );

/** A zod string that is cleaned, then must be well formed, visible and at most `max` long. */
export const cleanString = (max: number) => cleaned(max, false);

/** The same, optional: absent, or empty once cleaned, is undefined. */
export const optionalCleanString = (max: number) =>
  cleaned(max, true)
    .transform((s) => s || undefined)
    .optional();
