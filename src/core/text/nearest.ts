// "Did you mean …?": the names closest to what someone typed, by edit distance over folded
// text (case and accents ignored), for refusals that help a person put it right.
import { distance } from 'fastest-levenshtein';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Up to `limit` candidates close enough to `input` to be what was meant, the closest first. */
export function nearest(input: string, candidates: string[], limit = 3): string[] {
  const typed = fold(input).slice(0, 200);
  if (typed === '') return [];
  return candidates
    .map((name) => {
      const folded = fold(name);
      // A part of the name ("hindu" for "The Hindu") is as good as a near miss; a short code
      // ("ZZ") is near only one edit away.
      const part = typed.length >= 3 && folded.length >= 3 && (folded.includes(typed) || typed.includes(folded));
      return { name, d: part ? 0.5 : distance(typed, folded), bar: Math.max(1, Math.ceil(Math.max(typed.length, folded.length) * 0.4)) };
    })
    .filter((c) => c.d <= c.bar)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
