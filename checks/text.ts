// Text helpers of the checks: Russian word boundaries (JavaScript's \b knows only ASCII), е/ё, matches
// with their offsets.

/** A word boundary before/after a match, for Cyrillic too. */
export const B = "(?<![\\p{L}\\p{N}])";
export const E = "(?![\\p{L}\\p{N}])";

/** ё and е are one letter for the checks. */
export const yo = (s: string) => s.replace(/ё/g, "е").replace(/Ё/g, "Е");

export interface Hit {
  start: number;
  end: number;
  text: string;
}

/** Every match of `re` (global, unicode) in `text`, with offsets. */
export function hits(re: RegExp, text: string): Hit[] {
  const out: Hit[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** A case-insensitive, unicode, global regex from a source pattern with word boundaries around it. */
export const words = (pattern: string) => new RegExp(`${B}(?:${pattern})${E}`, "giu");

/** The number of words of a text (letters and digits runs). */
export const wordCount = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Cuts a quote of a hit for a message: «…». */
export const quote = (s: string) => `«${s.length > 60 ? `${s.slice(0, 57)}…` : s}»`;
