// What the case process needs to know of a regulation, read off its profile (regulations/). Every
// difference between regulations reaches the workflow through this one shape, never as `if (regulation…)`.
import type { Role } from "./actions";

/** What the curator decides at triage (docs/process.md); one list, regulations/schema.ts `outcomes`. */
export type Outcome = (typeof outcomes)[number];
export type { ClockEvent, StepName } from "../regulations/schema";

import type { ClockEvent, outcomes, StepName } from "../regulations/schema";

export interface CaseRules {
  /** Regional curator triages and forwards; municipal curator routes and reviews first (Plastunovskaya 9–16). */
  twoTier: boolean;
  /** Who posts the approved answer. `curator` covers Yuzhno-Sakhalinsk's operator and Omsk/Nenets curators. */
  publisher: "curator" | "executor" | "municipal_curator";
  defaultMode: "sequential" | "responsible" | "parallel";
  outcomes: readonly Outcome[];
  rejectGrounds: readonly string[];
  /** Importances for which the curator may shorten the answer budget at triage. */
  shorterAnswerFor: readonly ("normal" | "high")[];
  emergencyAllowed: boolean;
  /** An emergency assignment also goes to the on-call list of the executors' departments (Yuzhno-Sakhalinsk 3.9). */
  emergencyOnCall?: boolean;
  /** Answer budget for topics on the org's list (Nenets 16). */
  listedTopicAnswer?: string;
  reportSignificant: boolean;
  reportHighImmediately: boolean;
  /** Every (step, event) pair: the event starts (or restarts, as a new round) the step's clock. */
  arms: ReadonlyArray<{ step: StepName; from: ClockEvent }>;
  escalateTo: readonly Role[];
  /**
   * A cap on the structure's own time over all its drafting and rework, stopped while the draft is with the
   * curator (Yuzhno-Sakhalinsk 3.2 ¶5): the clock `executorTotal`.
   */
  executorTotal?: boolean;
  /** Yuzhno-Sakhalinsk 3.5: `approve {generalInterest}` also posts the answer to this site section. */
  generalInterest?: { section: string; source: string };
  /** Yuzhno-Sakhalinsk 3.2 ¶3, 3.3: answers go to the regional department; `hand-over` instead of publishing. */
  handOver?: { to: "regional-department"; source: string };
  /** Steps that apply only when taken (Plastunovskaya 13): their windows lapse without warning or breach. */
  whenNeeded?: readonly StepName[];
  subjects: { assignment: string; draftBack: string };
  /** Steps whose window limits a right and obliges nothing (the profile's `limit`; docs/regulations.md). */
  limits?: readonly StepName[];
  /** Only an answer, not a published clarification question, meets the answer step (docs/regulations.md). */
  clarificationKeepsAnswer?: boolean;
  /** A triage that changes importance or the answer budget re-plans breached steps too (docs/process.md). */
  replanBreached?: boolean;
  /** Two tiers as the Decision reads them: no municipal review budget, one rework clock (workflows/tiers.ts). */
  tierClocks?: boolean;
  /** Each assignee accepts and returns his own part; sequential turns start when the part before is done. */
  perAssignee?: boolean;
  /** What meets `finalAfterInterim`: the final draft reaching the curator, or the final answer's publication. */
  finalMetBy?: "final_draft" | "final_published";
  /** The assignment names who works on it and a repeat's earlier case, copied to department heads (team.ts). */
  assignmentCopies?: boolean;
  /** Messages the administration found itself are triaged by the municipal curator (Plastunovskaya 2.3). */
  ownFindingsByMunicipal?: boolean;
  /** The heads of the named executors' departments get a copy of each assignment (Plastunovskaya 10 ¶2). */
  copyDepartmentHeads?: boolean;
  /** Who sets the follow-up budget after an interim answer (`set-budgets`; Omsk 11 high, Plastunovskaya 18). */
  budgetsSetBy?: {
    tier?: "regional";
    importances: readonly ("normal" | "high")[];
    /** The regulation's term stays the longest one the curator may set. */
    ceiling?: boolean;
    source: string;
  };
}
