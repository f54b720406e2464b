// `spelling`: words not in a real Russian dictionary — cspell's Russian dictionary (@cspell/dict-ru_ru: the
// Hunspell ru_RU word list and the AOT morphology, 24 million word forms in a trie), with the org's own
// words (streets, officials' surnames, local terms). Chosen over nspell + dictionary-ru by measurement
// (bench/checks.bench.ts, bench/RESULTS.md). The dictionary is read once per process, on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { decodeTrie } from "cspell-trie-lib";
import { quote, yo } from "./text";
import type { Finding, Speller } from "./types";

let russian: Speller | undefined;

/** The Russian dictionary, loaded on the first call (about a second and 200 MB), then shared. */
export function russianSpeller(): Speller {
  if (!russian) {
    const ext = createRequire(import.meta.url).resolve("@cspell/dict-ru_ru/cspell-ext.json");
    const trie = decodeTrie(gunzipSync(readFileSync(join(dirname(ext), "ru_ru.trie.gz"))).toString("utf8"));
    russian = { has: (w) => trie.has(w) };
  }
  return russian;
}

/** A word of the text: letters, with inner hyphens or apostrophes. URLs and e-mail addresses are skipped. */
const WORD = /\p{L}+(?:[-'’]\p{L}+)*/gu;
const SKIP = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/giu;
const LATIN = /[a-z]/i;

/** A speller over the dictionary and the org's words, ё and е alike, capitals at a sentence start too. */
export function withWords(base: Speller, orgWords: readonly string[]): Speller {
  const own = new Set(orgWords.map((w) => yo(w).toLowerCase()));
  const known = (w: string) => base.has(w) || base.has(yo(w)) || own.has(yo(w).toLowerCase());
  return {
    has: (w) => known(w) || known(w.toLowerCase()) || own.has(yo(w).toLowerCase()),
  };
}

export function checkSpelling(text: string, speller: Speller): Finding[] {
  const masked = text.replace(SKIP, (m) => " ".repeat(m.length));
  const out: Finding[] = [];
  for (const m of masked.matchAll(WORD)) {
    const word = m[0];
    // Latin words (names of sites, brands) and abbreviations in capitals (ЖКХ, МКД) are not checked.
    if (LATIN.test(word) || (word.length > 1 && word === word.toUpperCase())) continue;
    if (speller.has(word)) continue;
    const parts = word.split(/[-'’]/);
    if (parts.length > 1 && parts.every((p) => p.length === 0 || speller.has(p))) continue;
    out.push({
      code: "spelling",
      message: `${quote(word)} is not in the dictionary (a misspelling, or a word to add to the org's list)`,
      at: [m.index, m.index + word.length],
    });
  }
  return out;
}
