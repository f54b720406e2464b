// Binds the planner (regulations/ over calendars/) to one case: its org's regulation, zone, calendar and
// overrides. Pure and deterministic, so it runs inside the workflow and replays identically.
import {
  addBudget,
  between,
  type CalendarOverride,
  parseBudget,
  type Schedule,
  workTime,
} from "../calendars";
import { getProfile, type StepName, stepFrom } from "../regulations";
import type { PlanStep, StepPlan, WarnInstant } from "./clocks";
import type { PlanSettings } from "./machine";
import type { OrgSettings } from "./message";

export { caseRules } from "./rules-from-profile";

/** Share of a step's budget after which the assignee is warned (ARCHITECTURE.md; the default 75 %). */
export const WARN_SHARE = 0.75;

export function casePlanner(org: OrgSettings, overrides: CalendarOverride[]) {
  const profile = getProfile(org.regulation);
  const schedule = org.schedule as Schedule | undefined;
  const wt = workTime(org.calendarId, org.zone, schedule, overrides);
  const planFor = (s: PlanSettings): PlanStep => {
    const opts = {
      overrides,
      schedule,
      emergency: s.emergency,
      listedTopic: s.listedTopic,
      answerBudget: s.answerBudget ? parseBudget(s.answerBudget) : undefined,
    };
    return (step, startedAt, from): StepPlan =>
      stepFrom(profile, step as StepName, s.importance, startedAt, {
        ...opts,
        from: (from || undefined) as never,
      });
  };
  const warnAt: WarnInstant = (start, due, clock) => {
    const minutes = between(wt, start, due, clock);
    if (minutes <= 1) return undefined;
    return addBudget(wt, start, { minutes: Math.floor(minutes * WARN_SHARE) }, clock);
  };
  /** Working minutes between two instants on the case's calendar (the report's answer time). */
  const minutes = (a: string, b: string) => Math.round(between(wt, a, b, "working"));
  return Object.assign(planFor, { warnAt, minutes });
}
