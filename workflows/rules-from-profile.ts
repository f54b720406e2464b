// Reads a regulation profile into the rules the case process runs by: the one place that knows the
// profile's field names, so the machine stays the same for every regulation.
import { getProfile } from "../regulations";
import type { RegulationProfile } from "../regulations/schema";
import type { CaseRules, ClockEvent, StepName } from "./rules";

const modes = {
  "sequential-last-composes": "sequential",
  "responsible-composes": "responsible",
  "parallel-named-composer": "parallel",
} as const;

// Subjects for regulations that fix none; Plastunovskaya's own come from its profile.
const DEFAULT_SUBJECTS = {
  assignment: "Сообщение из социальной сети для ответа",
  draftBack: "Проект ответа на сообщение",
};

export function rulesOf(p: RegulationProfile): CaseRules {
  const arms: Array<{ step: StepName; from: ClockEvent }> = [];
  for (const [step, def] of Object.entries(p.steps) as Array<
    [StepName, NonNullable<RegulationProfile["steps"][StepName]>]
  >)
    for (const leg of [def, ...def.also]) arms.push({ step, from: leg.from });
  const publisher = p.publisher.by;
  return {
    twoTier: p.routing.tiers.length === 2,
    publisher:
      publisher === "executor"
        ? "executor"
        : publisher === "municipal_curator"
          ? "municipal_curator"
          : "curator",
    defaultMode: p.coExecution ? modes[p.coExecution.mode] : "sequential",
    outcomes: p.outcomes.map((o) => o.outcome),
    rejectGrounds: p.rejectGrounds.map((g) => g.ground),
    shorterAnswerFor: p.shorterAnswer?.importances ?? [],
    emergencyAllowed: !!p.emergency,
    emergencyOnCall: !!p.emergency?.onCall,
    listedTopicAnswer: p.listedTopicAnswer?.budget,
    reportSignificant: !!p.reports.significant,
    reportHighImmediately: !!p.reports.highImmediately,
    arms,
    escalateTo: p.escalation.roles,
    executorTotal: !!p.executorTotal,
    generalInterest: p.generalInterest,
    handOver: p.handOver ? { to: p.handOver.to, source: p.handOver.source } : undefined,
    whenNeeded: (Object.entries(p.steps) as Array<[StepName, RegulationProfile["steps"][StepName]]>)
      .filter(([, def]) => def?.whenNeeded)
      .map(([step]) => step),
    limits: (Object.entries(p.steps) as Array<[StepName, RegulationProfile["steps"][StepName]]>)
      .filter(([, def]) => def?.limit)
      .map(([step]) => step),
    clarificationKeepsAnswer: true,
    replanBreached: true,
    perAssignee: true,
    tierClocks: true,
    assignmentCopies: true,
    ownFindingsByMunicipal: p.ownFindings?.openedBy === "municipal_curator",
    copyDepartmentHeads: p.assignmentCopies?.to === "department_heads",
    finalMetBy: p.steps.finalAfterInterim?.metBy?.event ?? "final_published",
    budgetsSetBy: budgetsSetBy(p),
    subjects: p.subjects
      ? { assignment: p.subjects.assignment, draftBack: p.subjects.draftBack }
      : DEFAULT_SUBJECTS,
  };
}

/** Omsk 11: a high case's term «подлежит согласованию с Куратором» (`agreedWith`); Plastunovskaya 18: «сроки
 * … определяет региональный куратор» within «не более 7 рабочих дней» (`afterInterim`). */
function budgetsSetBy(p: RegulationProfile): CaseRules["budgetsSetBy"] {
  const step = p.steps.finalAfterInterim;
  if (!step) return undefined;
  const agreed = (["normal", "high"] as const).filter((i) => step[i].agreedWith);
  if (agreed.length > 0) return { importances: agreed, source: step.high.source };
  if (!p.afterInterim) return undefined;
  return {
    tier: p.afterInterim.budgetsSetBy === "regional_curator" ? "regional" : undefined,
    importances: ["normal", "high"],
    ceiling: true,
    source: p.afterInterim.source,
  };
}

export const caseRules = (regulation: string): CaseRules => rulesOf(getProfile(regulation));
