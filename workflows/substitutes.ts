// Substitutes (docs/regulations.md "substitutes"; Zarechny 7, Nenets 13, Plastunovskaya 7.2 name substitutes
// for absent staff): the curator (the municipal curator in two tiers) reassigns an open case to other
// executors. The new ones get the assignment and their own return window; the former ones leave the case
// (every guard of an executor's action reads the assignees) and are told; the answer clock, and a rework or
// follow-up clock that runs, keep running; the case's `holders` show who held it when.
import type { ActionRequest, Payload } from "./actions";
import type { CaseMachine } from "./machine";
import * as notices from "./notices";
import { assign } from "./team";
import type { Status } from "./view";

/** The status a reassigned case goes back to once its new executors have taken it (rework, follow-up). */
const resumes: readonly Status[] = ["rework", "follow_up"];

export function reassign(m: CaseMachine, p: Payload<"reassign">, req: ActionRequest, now: string): void {
  const from = m.view.assignees.map((a) => a.staffId);
  const was = m.view.status;
  // The former structure's own work clocks stop (as on a return, team.ts returnCase); a draft lead fixed
  // at the start (Zarechny 11, Nenets 17) keeps running, as the answer it leads to does.
  for (const s of ["draft", "consolidate", "coExecutorInput", "return"] as const)
    if (!m.rules.arms.some((x) => x.step === s && x.from === "detection")) m.clocks.cancel(s);
  m.clocks.cancel("executorTotal"); // the next structure gets its own (Yuzhno-Sakhalinsk 3.2 ¶5)
  m.resume = resumes.includes(was) ? was : undefined;
  const current = m.view.holders?.at(-1);
  if (current && !current.until) current.reason = p.reason; // closed by assign's `held`
  m.io.event("reassigned", req.actor.staffId, { from, to: p.executors, status: was, reason: p.reason });
  assign(m, p, req, now);
  const gone = from.filter((id) => !p.executors.includes(id));
  if (gone.length > 0) m.io.notify(notices.relieved(m.view, gone, p.executors, p.reason));
}

/**
 * Who holds the case from `now` on (every assignment: triage, route, explain, reassign), or nobody (the last
 * executor returned it): the current holding ends.
 */
export function held(m: CaseMachine, staffIds: string[], now: string): void {
  m.view.holders ??= [];
  const holders = m.view.holders;
  const current = holders.at(-1);
  if (current && !current.until) current.until = now;
  if (staffIds.length > 0) holders.push({ staffIds, since: now });
}

/** The status after the new executors took the case: back to rework or follow-up, else drafting. */
export function takeResume(m: CaseMachine): Status {
  const s = m.resume ?? "drafting";
  m.resume = undefined;
  return s;
}
