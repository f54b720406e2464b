// Binds the planner (regulations/ over calendars/) to one case: its org's regulation, zone, calendar and
// overrides. Pure and deterministic, so it runs inside the workflow and replays identically.
import {
  addBudget,
  between,
  type CalendarLayers,
  type CalendarOverride,
  parseBudget,
  type Schedule,
  workTime,
} from "../calendars";
import { getProfile, type StepName, stepFrom } from "../regulations";
import {
  type Meter,
  type PlanSettings,
  type PlanStep,
  type StepPlan,
  WARN_SHARE,
  type WarnInstant,
} from "./clocks";
import type { OrgSettings } from "./message";

export { WARN_SHARE } from "./clocks";
export { caseRules } from "./rules-from-profile";

/**
 * `fixedLead`: the case started before the proportional draft lead (PATCHES.proportionalLead);
 * `emergencyAnswerOnly`: before every step of an emergency ran on its clock (PATCHES.emergencyEveryStep).
 */
export function casePlanner(
  org: OrgSettings,
  overrides: CalendarOverride[] | CalendarLayers,
  generation: { fixedLead?: boolean; emergencyAnswerOnly?: boolean } = {},
) {
  const base = getProfile(org.regulation);
  const profile =
    generation.emergencyAnswerOnly && base.emergency
      ? { ...base, emergency: { ...base.emergency, steps: ["answer" as const], executorTotal: false } }
      : base;
  const schedule = org.schedule as Schedule | undefined;
  const wt = workTime(org.calendarId, org.zone, schedule, overrides);
  const planFor = (s: PlanSettings): PlanStep => {
    const opts = {
      overrides,
      schedule,
      emergency: s.emergency,
      listedTopic: s.listedTopic,
      fixedLead: generation.fixedLead,
      answerBudget: s.answerBudget ? parseBudget(s.answerBudget) : undefined,
    };
    return (step, startedAt, from): StepPlan => {
      // The structure's own total (Yuzhno-Sakhalinsk 3.2 ¶5) is a cap beside the steps, not a step of them.
      if (step === "executorTotal" && profile.executorTotal) {
        const e = s.emergency && profile.emergency?.executorTotal ? profile.emergency : undefined;
        const t = e
          ? {
              ...profile.executorTotal,
              clock: e.clock,
              source: `${profile.executorTotal.source}; ${e.source}`,
            }
          : profile.executorTotal;
        const dueAt = addBudget(wt, startedAt, parseBudget(t.budget), t.clock);
        return { budget: t.budget, clock: t.clock, dueAt, source: t.source };
      }
      const planned = stepFrom(profile, step as StepName, s.importance, startedAt, {
        ...opts,
        from: (from || undefined) as never,
      });
      // The budget the curator set after the interim answer (Omsk 11, Plastunovskaya 18), on the step's clock.
      if (step === "finalAfterInterim" && s.finalAfterInterim) {
        const dueAt = addBudget(wt, startedAt, parseBudget(s.finalAfterInterim), planned.clock);
        const source = `${planned.source}; set by the curator`;
        return { budget: s.finalAfterInterim, clock: planned.clock, dueAt, source };
      }
      return planned;
    };
  };
  const warnShare = org.warnAtShare ?? WARN_SHARE;
  const warnAt: WarnInstant = (start, due, clock) => {
    const minutes = between(wt, start, due, clock);
    if (minutes <= 1) return undefined;
    return addBudget(wt, start, { minutes: Math.floor(minutes * warnShare) }, clock);
  };
  /** Working minutes between two instants on the case's calendar (the report's answer time). */
  const minutes = (a: string, b: string) => Math.round(between(wt, a, b, "working"));
  const meter: Meter = {
    minutes: (a, b, clock) => between(wt, a, b, clock),
    add: (start, m, clock) => addBudget(wt, start, { minutes: Math.max(1, Math.round(m)) }, clock),
    budgetMinutes: (budget) => {
      const b = parseBudget(budget);
      if (!("minutes" in b)) throw new Error(`a cap's budget is in minutes or hours, not "${budget}"`);
      return b.minutes;
    },
  };
  return Object.assign(planFor, { warnAt, warnShare, minutes, meter });
}
