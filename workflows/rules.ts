// What the case process needs to know of a regulation, read off its profile (regulations/). Every
// difference between regulations reaches the workflow through this one shape, never as `if (regulation…)`.
import type { Role } from "./actions";

export type Outcome = "process" | "reject" | "explain" | "link" | "formal_appeal";
export type StepName =
  | "route"
  | "return"
  | "clarification"
  | "draft"
  | "review"
  | "rework"
  | "publish"
  | "answer"
  | "coExecutorInput"
  | "consolidate"
  | "finalAfterInterim"
  | "explanation";

/** Events of the process that open or close step clocks. */
export type ClockEvent =
  | "start"
  | "posting"
  | "forwarded"
  | "assignment"
  | "returned"
  | "accepted"
  | "contribution_requested"
  | "contributions_done"
  | "draft_submitted"
  | "rework_requested"
  | "approved"
  | "interim_published";

export interface CaseRules {
  /** Regional curator triages and forwards; municipal curator routes and reviews first (Plastunovskaya 9–16). */
  twoTier: boolean;
  /** Who posts the approved answer. `curator` covers Yuzhno-Sakhalinsk's operator and Omsk/Nenets curators. */
  publisher: "curator" | "executor" | "municipal_curator";
  defaultMode: "sequential" | "responsible" | "parallel";
  outcomes: readonly Outcome[];
  rejectGrounds: readonly string[];
  shorterAnswerAllowed: boolean;
  emergencyAllowed: boolean;
  reportSignificant: boolean;
  reportHighImmediately: boolean;
  /** Steps this regulation has, each with the event that starts its clock. */
  steps: Partial<Record<StepName, { from: ClockEvent }>>;
  escalateTo: readonly Role[];
  subjects: { assignment: string; draftBack: string };
}
