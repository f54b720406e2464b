// The immediate report of a socially significant message (docs/regulations.md "who is told"; Zarechny 23,
// Omsk 19, Nenets 29; Plastunovskaya 24 for every high-importance one): at triage, or when a later `flag`
// marks the case. Once per case: the notice has one key, so a case flagged before its triage, or reported
// at triage as high and flagged later, is not reported twice.
import type { CaseMachine } from "./machine";
import * as notices from "./notices";

export function reportIfDue(m: CaseMachine, now: string, note?: string): void {
  const v = m.view;
  const why = [
    v.significant && m.rules.reportSignificant ? "socially significant" : "",
    v.importance === "high" && m.rules.reportHighImmediately ? "high importance" : "",
  ].filter(Boolean);
  if (why.length === 0) return;
  m.io.notify(notices.significant(v, why, now, note));
}
