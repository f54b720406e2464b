// Draft checks (issue "draft checks"; docs/architecture.md): the form of an answer checked
// before the curator reads it, against the «отписка» of Plastunovskaya 14 and 20. Pure but for the
// dictionary, read once per process. The API runs them on `POST /v1/drafts/check` and before every
// `draft` and `contribute`; the workflow stores the findings on the draft (workflows/machine.ts).
import { draftCheckCodes, type RegulationProfile } from "../regulations/schema";
import { checkBureaucratese, DEFAULT_PER_100_WORDS } from "./bureaucratese";
import { checkCitations } from "./citations";
import { checkGreeting } from "./greeting";
import { checkLength } from "./length";
import { checkRedirect } from "./redirect";
import { checkSpelling, russianSpeller, withWords } from "./spelling";
import type { CheckInput, CheckSettings, DraftCheckCode, Finding, OrgCheckSettings, Speller } from "./types";

export { reworkReasons } from "./reasons";
export type { CheckInput, CheckSettings, DraftCheckCode, Finding, OrgCheckSettings, Speller };
export { draftCheckCodes, russianSpeller };

/** The org's settings over the defaults; the regulation's `draftChecks.block` when the org names none. */
export function resolveSettings(
  org: OrgCheckSettings | null | undefined,
  words: readonly string[] = [],
  profile?: Pick<RegulationProfile, "draftChecks">,
): CheckSettings {
  const enabled = org?.enabled ?? [...draftCheckCodes];
  return {
    enabled,
    block: (org?.block ?? profile?.draftChecks?.block ?? []).filter((c) => enabled.includes(c)),
    bureaucratesePer100Words: org?.bureaucratesePer100Words ?? DEFAULT_PER_100_WORDS,
    greetByName: org?.greetByName ?? false,
    maxLength: org?.maxLength ?? {},
    words: [...words],
  };
}

/** Every enabled check on one text, findings in the order of the codes, each check's in text order. */
export function runChecks(input: CheckInput, settings: CheckSettings, speller?: Speller): Finding[] {
  const on = (c: DraftCheckCode) => settings.enabled.includes(c);
  const { text } = input;
  return [
    ...(on("no_greeting") ? checkGreeting(text, input.authorName, settings.greetByName) : []),
    ...(on("too_many_citations") ? checkCitations(text) : []),
    ...(on("bureaucratese") ? checkBureaucratese(text, settings.bureaucratesePer100Words) : []),
    ...(on("spelling") ? checkSpelling(text, withWords(speller ?? russianSpeller(), settings.words)) : []),
    ...(on("redirect") ? checkRedirect(text) : []),
    ...(on("too_long") ? checkLength(text, input.network, settings.maxLength) : []),
  ];
}

/** The findings that refuse the draft under these settings. */
export const blocking = (findings: Finding[], settings: CheckSettings) =>
  findings.filter((f) => settings.block.includes(f.code));
