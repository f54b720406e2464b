// What the workflow does with a draft's findings (workflows/machine.ts): the rework reasons (docs/process.md
// `rework`) a curator's form is pre-filled with, and their list in the review notice. Imports nothing but
// types: the workflow sandbox loads it.
import type { DraftCheckCode, reviewReasons } from "../regulations/schema";
import type { Finding } from "./types";

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

/** The review notice's list of the draft's findings and the rework reasons they suggest ("" when none). */
export function reviewNote(checks: Finding[] | undefined, reasons: ReviewReason[] | undefined): string {
  if (!checks || checks.length === 0) return "";
  const lines = checks.map((f) => `- ${f.code}: ${f.message}`);
  return `\n\nПроверка черновика (${checks.length}):\n${lines.join("\n")}\nПричины доработки: ${(reasons ?? []).join(", ")}`;
}
