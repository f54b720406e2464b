// The draft checks' vocabulary: what a check finds, what it reads, and how an org tunes them.
import type { DraftCheckCode } from "../regulations/schema";
import type { channels, networks } from "../workflows/message";

export type { DraftCheckCode };

/** One fault of a draft's form; `at` is the [start, end) range of the text (UTF-16 offsets) it points at. */
export interface Finding {
  code: DraftCheckCode;
  message: string;
  at?: [number, number];
}

export interface CheckInput {
  text: string;
  network?: (typeof networks)[number];
  channel?: (typeof channels)[number];
  /** The message author's name, when known: the greeting may have to name them. */
  authorName?: string;
}

/** An org's settings (`orgs.draft_checks`), every field optional: absent = the default. */
export interface OrgCheckSettings {
  /** Which checks run (default: all). */
  enabled?: DraftCheckCode[];
  /** Which of them refuse a `draft` with 422 instead of warning (default: the regulation's, else none). */
  block?: DraftCheckCode[];
  /** Stock phrases per 100 words above which `bureaucratese` is found (default 4; two hits at least). */
  bureaucratesePer100Words?: number;
  /** The greeting must name the author where the name is known (default false). */
  greetByName?: boolean;
  /** Reply length limits per network, over the built-in ones (checks/length.ts). */
  maxLength?: Partial<Record<(typeof networks)[number], number>>;
}

/** What the checks run with: the org's settings resolved over the defaults. */
export interface CheckSettings {
  enabled: DraftCheckCode[];
  block: DraftCheckCode[];
  bureaucratesePer100Words: number;
  greetByName: boolean;
  maxLength: Partial<Record<(typeof networks)[number], number>>;
  /** The org's own words (streets, officials' surnames, local terms), accepted by the spelling check. */
  words: string[];
}

/** A speller: whether a word (as written, or lower-cased) is in its dictionary. */
export interface Speller {
  has(word: string): boolean;
}
