// Who may do what, when: the update validators of every staff action (docs/process.md "Actions"). Each check
// throws a refusal (forbidden, wrong_state, invalid, not_found) and changes nothing, so a refused action
// never enters history.
import { ApplicationFailure } from "@temporalio/common";
import type { ActionName, ActionRequest, Actor, Payload, RefusalCode } from "./actions";
import type { CaseMachine } from "./machine";
import type { CaseRules } from "./rules";
import { turnOf } from "./team";
import { sentBack, tierClocks } from "./tiers";
import type { Assignee, Status } from "./view";

const isCurator = (a: Actor) => a.roles.includes("curator");

export function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

function sameOrg(m: CaseMachine, a: Actor): void {
  if (a.org !== m.view.org) refuse("not_found", `No case ${m.view.caseId} in org ${a.org}`);
}
function needStatus(m: CaseMachine, ...allowed: Status[]): void {
  if (!allowed.includes(m.view.status))
    refuse(
      "wrong_state",
      `The case is '${m.view.status}'; this action needs ${allowed.map((s) => `'${s}'`).join(" or ")}`,
    );
}
/** The curator who owns triage: the regional curator in two-tier orgs. */
function triageCurator(m: CaseMachine, a: Actor): void {
  if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
  if (m.ownFinding) {
    if (a.curatorTier !== "municipal")
      refuse(
        "forbidden",
        "The administration found this message itself: the municipal curator opens it (Plastunovskaya 2.3)",
      );
    return;
  }
  if (m.rules.twoTier && a.curatorTier !== "regional")
    refuse("forbidden", "In this regulation the regional curator triages (Plastunovskaya 9)");
}
function routingCurator(m: CaseMachine, a: Actor): void {
  if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
  if (m.rules.twoTier && a.curatorTier !== "municipal")
    refuse("forbidden", "In this regulation the municipal curator routes to departments (Plastunovskaya 10)");
}
function reviewer(m: CaseMachine, a: Actor): void {
  if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
  const tier = m.view.reviewTier;
  if (tier && tier !== "single" && a.curatorTier !== tier)
    refuse("forbidden", `This draft waits for the ${tier} curator (Plastunovskaya 14)`);
}
function assignee(m: CaseMachine, a: Actor, roles?: Assignee["role"][]): Assignee {
  const found = m.view.assignees.find((x) => x.staffId === a.staffId && (!roles || roles.includes(x.role)));
  if (!found)
    refuse(
      "forbidden",
      `${a.staffId} is not ${roles ? `the case's ${roles.join("/")}` : "assigned to this case"}`,
    );
  return found;
}
function publisherCheck(m: CaseMachine, a: Actor): void {
  const p = m.rules.publisher;
  if (p === "executor") {
    if (m.drafter()?.staffId !== a.staffId)
      refuse("forbidden", "In this regulation the executor publishes the answer");
    return;
  }
  if (!isCurator(a)) refuse("forbidden", "In this regulation the curator publishes the answer");
  if (p === "municipal_curator" && a.curatorTier !== "municipal")
    refuse("forbidden", "In this regulation the municipal curator publishes the answer (Plastunovskaya 16)");
}

export function checkAction(m: CaseMachine, action: ActionName, req: ActionRequest): void {
  sameOrg(m, req.actor);
  if (m.closed) refuse("wrong_state", `The case is '${m.view.status}' and takes no more actions`);
  const p = req.payload as never;
  const a = req.actor;
  const checks: { [K in ActionName]: (p: Payload<K>) => void } = {
    triage: (p) => {
      needStatus(m, "triage");
      triageCurator(m, a);
      outcome(m, "process");
      if ((!m.rules.twoTier || m.ownFinding) && !p.executors)
        refuse("invalid", "executors: name at least one executor");
      if (p.executors) checkAssignment({ ...p, executors: p.executors });
      if (p.answerBudget && !m.rules.shorterAnswerFor.includes(p.importance))
        refuse(
          "invalid",
          `answerBudget: this regulation does not let the curator shorten a ${p.importance} answer budget`,
        );
      if (p.emergency && !m.rules.emergencyAllowed)
        refuse("invalid", "emergency: this regulation has no round-the-clock emergency answers");
      if (p.answerBudget) checkShorter(m, p.answerBudget, p.importance);
      if (p.repeatOf === m.view.caseId) refuse("invalid", "repeatOf: a case is not a repeat of itself");
    },
    route: (p) => {
      needStatus(m, m.rules.twoTier ? "routing" : "triage");
      if (m.rules.twoTier) routingCurator(m, a);
      else triageCurator(m, a);
      if (!m.rules.twoTier && m.view.drafts.length === 0 && m.view.returns === 0 && !m.view.topic)
        refuse("wrong_state", "Triage the case first (topic, importance), then route it");
      checkAssignment(p);
    },
    reject: (p) => {
      needStatus(m, "triage");
      triageCurator(m, a);
      outcome(m, "reject");
      if (!m.rules.rejectGrounds.includes(p.ground))
        refuse(
          "invalid",
          `ground: '${p.ground}' is not a ground to leave a message unanswered in this regulation`,
        );
    },
    explain: (p) => {
      needStatus(m, "triage");
      triageCurator(m, a);
      outcome(m, "explain");
      checkAssignment({ executors: p.executors });
    },
    link: () => {
      needStatus(m, "triage");
      triageCurator(m, a);
      outcome(m, "link");
    },
    "formal-appeal": () => {
      // Yuzhno-Sakhalinsk 3.8 «при обработке сообщения»: also once executors work on it (docs/regulations.md).
      needStatus(m, "triage", "assigned", "drafting", "rework");
      triageCurator(m, a);
      outcome(m, "formal_appeal");
    },
    merge: (p) => {
      triageCurator(m, a);
      if (p.into === m.view.caseId) refuse("invalid", "into: a case cannot be merged into itself");
    },
    accept: () => {
      if (!m.rules.perAssignee) {
        needStatus(m, "assigned");
        assignee(m, a);
        return;
      }
      needStatus(m, "assigned", "contributing");
      if (assignee(m, a).acceptedAt) refuse("wrong_state", `${a.staffId} has already accepted his part`);
      const turn = turnOf(m);
      if (turn && turn !== a.staffId)
        refuse("wrong_state", `It is ${turn}'s turn (sequential order set by the curator)`);
    },
    return: () => {
      if (m.rules.perAssignee) needStatus(m, "assigned", "contributing", "drafting");
      else needStatus(m, "assigned", "drafting");
      assignee(m, a);
    },
    contribute: () => {
      needStatus(m, "contributing");
      assignee(m, a, ["co-executor"]);
      if (!m.owed.includes(a.staffId)) refuse("wrong_state", `${a.staffId} has already contributed`);
      if (m.mode === "sequential" && m.owed[0] !== a.staffId)
        refuse(
          "wrong_state",
          `It is ${m.owed[0]}'s turn to contribute (sequential order set by the curator)`,
        );
    },
    draft: (p) => {
      needStatus(m, "drafting", "rework", "follow_up");
      if (m.drafter()?.staffId !== a.staffId)
        refuse(
          "forbidden",
          `${a.staffId} does not write this case's draft (${m.drafter()?.staffId ?? "nobody"} does)`,
        );
      if (m.path === "explanation" && p.kind !== "explanation")
        refuse("invalid", "kind: this case is answered by an explanation (Yuzhno-Sakhalinsk 3.7)");
      if (m.path === "answer" && p.kind === "explanation")
        refuse("invalid", "kind: an explanation is drafted only when the curator chose to explain");
      if (m.view.status === "follow_up" && p.kind !== "final")
        refuse("invalid", "kind: after an interim answer only the final answer is drafted");
      // Last: a draft the org's blocking checks refuse (the API ran them: checks/, api/services/actions.ts).
      if (req.blocking && req.blocking.length > 0)
        refuse("checks_failed", `The draft fails the org's blocking checks: ${req.blocking.join(", ")}`);
    },
    approve: (p) => {
      needStatus(m, "review");
      reviewer(m, a);
      if (p.generalInterest) {
        if (!m.rules.generalInterest)
          refuse(
            "invalid",
            "generalInterest: this regulation has no site section for answers (Yuzhno-Sakhalinsk 3.5)",
          );
        // An answer written for a direct message is never posted publicly (docs/regulations.md).
        if (m.view.message.channel === "direct")
          refuse(
            "invalid",
            "generalInterest: the answer to a direct message is not posted publicly (Yuzhno-Sakhalinsk 1.4, 3.4)",
          );
      }
      if (tierClocks(m) && sentBack(m))
        refuse(
          "wrong_state",
          "The regional curator sent this draft back: pass it on to the executor (rework; 15)",
        );
    },
    rework: () => {
      needStatus(m, "review");
      reviewer(m, a);
    },
    publish: () => {
      needStatus(m, "publishing");
      publisherCheck(m, a);
      const d = m.view.delivery;
      if (d?.state === "posting" && d.draftVersion === m.view.drafts.at(-1)?.version)
        refuse(
          "wrong_state",
          `The answer is being posted through the ${d.network} API; post it by hand only if that fails`,
        );
    },
    "hand-over": () => {
      if (!m.rules.handOver)
        refuse("invalid", "This regulation has no hand-over of the answer (Yuzhno-Sakhalinsk 3.3 only)");
      needStatus(m, "publishing");
      publisherCheck(m, a);
      const d = m.view.delivery;
      if (d?.state === "posting" && d.draftVersion === m.view.drafts.at(-1)?.version)
        refuse("wrong_state", `The answer is being posted through the ${d.network} API`);
    },
    "set-budgets": (p) => checkSetBudgets(m, a, p),
    reassign: (p) => {
      // Zarechny 7, Nenets 13, Plastunovskaya 7.2: a substitute takes over an open case (docs/regulations.md).
      needStatus(m, "assigned", "contributing", "drafting", "rework", "follow_up");
      routingCurator(m, a);
      checkAssignment(p);
    },
    flag: () => {
      // Zarechny 23, Omsk 19, Nenets 29: significance seen after triage is reported at once, once.
      if (!isCurator(a) && !a.roles.includes("supervisor"))
        refuse("forbidden", `${a.staffId} is neither a curator nor a supervisor`);
      if (m.view.significant) refuse("wrong_state", "The case is already marked socially significant");
    },
  };
  (checks[action] as (p: never) => void)(p);
}

/** Omsk 11 (high: «подлежит согласованию с Куратором»), Plastunovskaya 18 («определяет региональный куратор»,
 * within «не более 7 рабочих дней»): who may set the follow-up budget, and how long it may be. */
function checkSetBudgets(m: CaseMachine, a: Actor, p: Payload<"set-budgets">): void {
  needStatus(m, "follow_up");
  const rule = m.rules.budgetsSetBy;
  if (!rule?.importances.includes(m.view.importance))
    refuse("invalid", `The follow-up term of a ${m.view.importance} case is fixed in this regulation`);
  if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
  if (rule.tier && a.curatorTier !== rule.tier)
    refuse("forbidden", `The ${rule.tier} curator sets the follow-up budgets (${rule.source})`);
  const step = m.clocks.steps.finalAfterInterim;
  if (!step?.startedAt) refuse("wrong_state", "No follow-up clock is running");
  const plan = (budget?: string) =>
    m.makePlan({ ...m.settings(), finalAfterInterim: budget })(
      "finalAfterInterim",
      step.startedAt!,
      step.from ?? "",
    );
  if (rule.ceiling) {
    const ceiling = plan(undefined);
    if (Date.parse(plan(p.finalAfterInterim).dueAt) > Date.parse(ceiling.dueAt))
      refuse("invalid", `finalAfterInterim: longer than the regulation's ${ceiling.budget} (${rule.source})`);
  }
}

function outcome(m: CaseMachine, o: CaseRules["outcomes"][number]): void {
  if (!m.rules.outcomes.includes(o)) refuse("invalid", `This regulation has no '${o}' outcome`);
}

function checkAssignment(p: { executors: string[]; mode?: string; composer?: string }): void {
  if (new Set(p.executors).size !== p.executors.length) refuse("invalid", "executors: each executor once");
  if (p.composer && !p.executors.includes(p.composer))
    refuse("invalid", "composer: must be one of the executors");
}

function checkShorter(m: CaseMachine, budget: string, importance: "normal" | "high"): void {
  try {
    const anchor = m.clocks.steps.answer;
    m.makePlan({ importance, answerBudget: budget, emergency: false })(
      "answer",
      anchor?.startedAt ?? m.view.message.detectedAt,
      anchor?.from ?? "detection",
    );
  } catch (e) {
    refuse("invalid", `answerBudget: ${(e as Error).message}`);
  }
}
