// Co-executors act for themselves (docs/regulations.md "co-executors"; Zarechny 16, Omsk 12, Plastunovskaya
// 19, Nenets 22): each assignee accepts or returns his own part; in sequential mode his turn, his return
// window and his 2 h start when the part before his is done; a return removes only the one who returns and
// the curator is told. Cases started before the patch (PATCHES.perAssignee) keep the group's accept/return
// of machine.ts.
import type { ActionRequest, Payload } from "./actions";
import type { CaseMachine } from "./machine";
import * as notices from "./notices";
import { held, takeResume } from "./substitutes";

/** Whose turn it is in sequential mode: the first co-executor who still owes his part, then the composer. */
export function turnOf(m: CaseMachine): string | undefined {
  if (m.mode !== "sequential") return undefined;
  return m.owed[0] ?? m.drafter()?.staffId;
}

/** `accept` by one assignee: his part is taken; the first acceptance sets the group to work. */
export function acceptPart(m: CaseMachine, staffId: string, now: string): void {
  const me = m.view.assignees.find((x) => x.staffId === staffId)!;
  me.acceptedAt = now;
  if (m.view.status !== "assigned") return;
  if (m.owed.length > 0) {
    m.setStatus("contributing");
    // Sequential: the first part's 2 h run from when the message reached him (Zarechny 16: «с момента
    // поступления Исполнителю сообщения»), i.e. when his turn came.
    m.opened("contribution_requested", m.mode === "sequential" ? (m.turnAt ?? now) : now);
  } else {
    m.setStatus(takeResume(m));
    m.opened("accepted", now);
  }
}

/** The next assignee's turn arrives at `now` (sequential): his own return window starts. */
export function nextTurn(m: CaseMachine, now: string): void {
  m.turnAt = now;
  m.opened("assignment", now, ["return"]);
}

/**
 * `return` by one assignee while others stay: only he leaves. Returns false when he is the last one (the
 * case goes back to the curator: machine.ts). A late return is taken and recorded late.
 */
export function returnPart(m: CaseMachine, staffId: string, now: string): boolean {
  const rest = m.view.assignees.filter((x) => x.staffId !== staffId);
  if (rest.length === 0) return false;
  const wasTurn = turnOf(m) === staffId;
  const wasComposer = m.drafter()?.staffId === staffId;
  const window = m.clocks.steps.return;
  if (window?.limit && m.clocks.isPending("return") && Date.parse(now) > Date.parse(window.dueAt!))
    m.io.event("late", undefined, { step: "return", staffId, dueAt: window.dueAt, source: window.source });
  m.view.assignees = rest;
  m.owed = m.owed.filter((id) => id !== staffId);
  if (rest.length === 1) {
    m.mode = "single";
    Object.assign(rest[0]!, { role: "executor", order: undefined });
    m.owed = [];
  } else if (wasComposer) {
    // The curator named no one else: the last in the order composes (sequential), else the first listed.
    const next = m.mode === "sequential" ? rest.at(-1)! : rest[0]!;
    next.role = "composer";
    m.owed = m.owed.filter((id) => id !== next.staffId);
  }
  if (m.mode === "sequential") for (const [i, x] of rest.entries()) x.order = i + 1;

  if (m.view.status === "contributing" && m.owed.length === 0) {
    m.met(now, "coExecutorInput");
    m.setStatus("drafting");
    m.opened(m.view.contributions.length > 0 ? "contributions_done" : "accepted", now);
    if (wasTurn) nextTurn(m, now);
  } else if (wasTurn) {
    nextTurn(m, now);
    if (m.view.status === "contributing") m.opened("contribution_requested", now);
  }
  m.io.notify(notices.partReturned(m.view, staffId, rest));
  return true;
}

/** Sends the case to its executors (triage or route): roles, the order, the clocks of the assignment. */
export function assign(m: CaseMachine, p: Payload<"route">, req: ActionRequest, now: string): void {
  const mode = p.executors.length === 1 ? "single" : (p.mode ?? m.rules.defaultMode);
  const departments = req.departments ?? {};
  const composer =
    mode === "sequential"
      ? p.executors.at(-1)!
      : mode === "single"
        ? p.executors[0]!
        : (p.composer ?? p.executors[0]!);
  m.mode = mode;
  m.view.assignees = p.executors.map((staffId, i) => ({
    staffId,
    role: mode === "single" ? "executor" : staffId === composer ? "composer" : "co-executor",
    order: mode === "sequential" ? i + 1 : undefined,
    department: departments[staffId],
  }));
  m.owed = p.executors.filter((id) => id !== composer && mode !== "single");
  m.turnAt = now;
  held(m, p.executors, now);
  m.met(now, "route");
  m.setStatus("assigned");
  m.opened("assignment", now);
  if (m.rules.executorTotal) m.clocks.armCap("executorTotal", now, "assignment");
  m.io.event("assigned", req.actor.staffId, { executors: p.executors, mode, composer, departments });
  const named = [...new Set(Object.values(departments))];
  const heads = m.rules.assignmentCopies && m.rules.copyDepartmentHeads ? [...named].sort() : [];
  // Yuzhno-Sakhalinsk 3.9: an emergency assignment also goes to the on-call people of the departments.
  const onCall = m.view.emergency && m.rules.emergencyOnCall ? named : [];
  m.io.notify(notices.assignment(m.view, m.rules, p.executors, m.drafter()?.staffId, heads, onCall));
}

/** `return`: one assignee leaves (others go on), or the last one sends the case back to the curator. */
export function returnCase(m: CaseMachine, staffId: string, now: string): void {
  if (m.rules.perAssignee && returnPart(m, staffId, now)) return;
  const window = m.clocks.steps.return;
  if (window?.limit && m.clocks.isPending("return") && Date.parse(now) > Date.parse(window.dueAt!))
    m.io.event("late", undefined, { step: "return", dueAt: window.dueAt, source: window.source });
  m.met(now, "return");
  // Work clocks of the structure that returned the case stop; a draft lead fixed at the start keeps running.
  for (const s of ["draft", "consolidate", "coExecutorInput"] as const)
    if (!m.rules.arms.some((x) => x.step === s && x.from === "detection")) m.clocks.cancel(s);
  m.clocks.cancel("executorTotal"); // the next structure gets its own
  m.view.returns += 1;
  m.resume = undefined;
  held(m, [], now);
  m.view.assignees = [];
  m.owed = [];
  m.setStatus(m.rules.twoTier ? "routing" : "triage");
  m.opened("returned", now);
}
