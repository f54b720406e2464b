// The rework reasons (PROCESS.md `rework`) a curator's form is pre-filled with from a draft's findings.
// Imports nothing but types: the workflow sandbox loads it (workflows/machine.ts).
import type { DraftCheckCode, reviewReasons } from "../regulations/schema";

type ReviewReason = (typeof reviewReasons)[number];

/** Plastunovskaya 14: 14.2 format (bureaucratese and citations, with 20), 14.3 redirect, 14.4, 14.5. */
const REASON: Record<DraftCheckCode, ReviewReason> = {
  no_greeting: "no_greeting",
  too_many_citations: "format",
  bureaucratese: "format",
  spelling: "spelling",
  redirect: "redirect",
  too_long: "format",
};

export function reworkReasons(findings: ReadonlyArray<{ code: DraftCheckCode }>): ReviewReason[] {
  return [...new Set(findings.map((f) => REASON[f.code]))];
}
