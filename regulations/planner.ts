// The planner: a profile's steps as budgets, clocks and due instants. All time arithmetic is the calendars
// engine's (docs/contracts.md); this file only decides which budget, clock and anchor apply.
import {
  addBudget,
  type Budget,
  between,
  type CalendarLayers,
  type CalendarOverride,
  type Clock,
  formatBudget,
  parseBudget,
  type Schedule,
  subtractBudget,
  type WorkTime,
  workTime,
} from "../calendars";
import { RegulationError } from "./errors";
import {
  type ClockEvent,
  type Importance,
  importances,
  LEAD,
  type Leg,
  type RegulationProfile,
  type StepName,
  startEvents,
  stepNames,
  type Timing,
} from "./schema";

export interface PlanOptions {
  /** The org's calendar: national overrides alone (an array) or every layer (calendars/production.ts). */
  overrides?: CalendarOverride[] | CalendarLayers;
  /** A shorter answer budget set by the curator at triage (Zarechny 8, Omsk 4.3, Nenets 14). */
  answerBudget?: Budget;
  /** The message's topic is on the org's list answered sooner (Nenets 16 ¶2). */
  listedTopic?: boolean;
  /** The profile's emergency clock applies (Yuzhno-Sakhalinsk 3.9). */
  emergency?: boolean;
  /** The org's own schedule; otherwise the profile's, otherwise calendars' default. */
  schedule?: Schedule;
  /** message.publishedAt, the anchor of steps from `posting`; the start when absent. */
  publishedAt?: string;
  /**
   * The lead stays whole under a shortened answer budget: how cases started before the Decision "draft
   * lead for a shortened answer budget" (docs/regulations.md) keep running. Off by default.
   */
  fixedLead?: boolean;
}
export interface DueOptions extends PlanOptions {
  /** Which leg of the step: the event that (re)started it. The step's first leg when absent. */
  from?: ClockEvent;
}

export interface PlannedStep {
  budget: string;
  clock: Clock;
  from: string;
  dueAt: string | null;
  source: string;
}
export interface Plan {
  regulation: string;
  importance: Importance;
  start: string;
  steps: Partial<Record<StepName, PlannedStep>>;
}

/** Every step of the regulation; due instants for the steps fixed by the start (docs/regulations.md anchors:
 * `detection` = startISO = message.detectedAt, `posting` = opts.publishedAt). */
export function plan(
  profile: RegulationProfile,
  startISO: string,
  importance: Importance,
  opts: PlanOptions = {},
): Plan {
  checkInstant(startISO, "start");
  checkImportance(importance);
  const posting = opts.publishedAt ?? startISO;
  checkInstant(posting, "publishedAt");
  const wt = workTimeOf(profile, opts);
  const steps: Plan["steps"] = {};
  for (const name of stepNames) {
    const def = profile.steps[name];
    if (!def) continue;
    if (startEvents.includes(def.from)) {
      const anchor = def.from === "posting" ? posting : startISO;
      steps[name] = due(wt, profile, name, def, importance, anchor, opts);
    } else {
      const t = timingOf(profile, name, def, importance, opts);
      steps[name] = {
        budget: normalized(t.budget),
        clock: t.clock,
        from: def.from,
        dueAt: null,
        source: t.source,
      };
    }
  }
  // A zero wall-clock budget renders the instant itself in the org's zone.
  const start = addBudget(wt, startISO, { minutes: 0 }, "wall");
  return { regulation: profile.id, importance, start, steps };
}

/** The due instant of `step` started at `startISO` (the instant of its starting event). */
export function dueFrom(
  profile: RegulationProfile,
  step: StepName,
  importance: Importance,
  startISO: string,
  opts: DueOptions = {},
): string {
  return stepFrom(profile, step, importance, startISO, opts).dueAt;
}

/** Like dueFrom, with the budget, clock and citation the workflow shows beside the due instant. */
export function stepFrom(
  profile: RegulationProfile,
  step: StepName,
  importance: Importance,
  startISO: string,
  opts: DueOptions = {},
): PlannedStep & { dueAt: string } {
  checkInstant(startISO, "start");
  checkImportance(importance);
  const def = profile.steps[step];
  if (!def) throw new RegulationError(`${profile.id} has no "${step}" step`);
  const leg = opts.from ? [def, ...def.also].find((l) => l.from === opts.from) : def;
  if (!leg) throw new RegulationError(`${profile.id}: the "${step}" step does not start at "${opts.from}"`);
  return {
    ...due(workTimeOf(profile, opts), profile, step, leg, importance, startISO, opts),
    from: leg.from,
  };
}

function due(
  wt: WorkTime,
  profile: RegulationProfile,
  step: StepName,
  leg: Leg,
  importance: Importance,
  startISO: string,
  opts: PlanOptions,
): PlannedStep & { dueAt: string } {
  const t = timingOf(profile, step, leg, importance, opts);
  const lead = LEAD.exec(t.budget);
  if (lead) return leadDue(wt, profile, importance, startISO, opts, parseBudget(lead[1]!), t.source);
  let dueAt = addBudget(wt, startISO, parseBudget(t.budget), t.clock);
  if (t.floor) dueAt = later(dueAt, addBudget(wt, startISO, parseBudget(t.floor.budget), t.floor.clock));
  return { budget: normalized(t.budget), clock: t.clock, from: leg.from, dueAt, source: t.source };
}

/** "не позднее чем за X часов до истечения срока": answer due minus X on the answer's clock, never before
 * the clock starts. X belongs to the profile's normal answer budget for this importance: a shorter budget
 * without a lead of its own (the curator's, Nenets' listed topics) shrinks it in proportion, lead × budget /
 * normal budget (docs/regulations.md "Draft lead for a shortened answer budget"). */
function leadDue(
  wt: WorkTime,
  profile: RegulationProfile,
  importance: Importance,
  startISO: string,
  opts: PlanOptions,
  lead: Budget,
  source: string,
): PlannedStep & { dueAt: string } {
  const answer = profile.steps.answer!;
  const a = due(wt, profile, "answer", answer, importance, startISO, opts);
  const own = opts.fixedLead ? undefined : proportional(lead, answer[importance].budget, a.budget);
  const dueAt = later(
    subtractBudget(wt, a.dueAt, own?.lead ?? lead, a.clock),
    addBudget(wt, startISO, { minutes: 0 }, a.clock),
  );
  const budget = formatBudget({ minutes: between(wt, startISO, dueAt, a.clock) });
  return { budget, clock: a.clock, from: a.from, dueAt, source: own ? `${source}; ${own.note}` : source };
}

/** The lead for an answer budget shorter than the profile's own; undefined when the budget is the own one. */
export function proportional(
  lead: Budget,
  normalBudget: string,
  budget: string,
): { lead: Budget; note: string } | undefined {
  const n = parseBudget(normalBudget);
  const b = parseBudget(budget);
  if (!("minutes" in lead) || !("minutes" in n) || !("minutes" in b) || b.minutes >= n.minutes)
    return undefined;
  const minutes = Math.round((lead.minutes * b.minutes) / n.minutes);
  return {
    lead: { minutes },
    note: `lead ${formatBudget(lead)} × ${formatBudget(b)}/${formatBudget(n)} = ${formatBudget({ minutes })}`,
  };
}

/** The leg's timing for this importance, with the case's options applied to the answer and emergency steps. */
function timingOf(
  profile: RegulationProfile,
  step: StepName,
  leg: Leg,
  importance: Importance,
  opts: PlanOptions,
): Timing {
  let t = leg[importance];
  if (step === "answer") {
    if (opts.listedTopic) {
      const listed = profile.listedTopicAnswer;
      if (!listed) throw new RegulationError(`${profile.id} has no answer budget for listed topics`);
      t = { ...t, budget: listed.budget, source: listed.source };
    }
    if (opts.answerBudget) t = shorter(profile, importance, t, opts.answerBudget);
  }
  if (opts.emergency) {
    const e = profile.emergency;
    if (!e) throw new RegulationError(`${profile.id} has no emergency rule`);
    // On the emergency clock the 8 working-hour floor would push the answer back to working days again.
    if (e.steps.includes(step))
      t = { ...t, clock: e.clock, floor: undefined, source: `${t.source}; ${e.source}` };
  }
  return t;
}

function shorter(profile: RegulationProfile, importance: Importance, t: Timing, b: Budget): Timing {
  const rule = profile.shorterAnswer;
  if (!rule) throw new RegulationError(`${profile.id}: the curator cannot set the answer budget`);
  if (!rule.importances.includes(importance))
    throw new RegulationError(
      `${profile.id}: the ${importance}-importance answer budget is fixed (${t.source})`,
    );
  const own = parseBudget(t.budget);
  if (!("minutes" in b) || !("minutes" in own) || b.minutes <= 0)
    throw new RegulationError(
      `${profile.id}: a shorter answer budget is a positive number of minutes or hours`,
    );
  if (b.minutes > own.minutes)
    throw new RegulationError(
      `${profile.id}: answer budget ${formatBudget(b)} is longer than the regulation's ${t.budget} (${t.source})`,
    );
  return { ...t, budget: formatBudget(b), source: `${t.source}; ${rule.source}` };
}

function workTimeOf(profile: RegulationProfile, opts: PlanOptions): WorkTime {
  const schedule = opts.schedule ?? (profile.schedule as Schedule | undefined);
  return workTime(profile.calendar, profile.zone, schedule, opts.overrides);
}

const normalized = (budget: string) => formatBudget(parseBudget(budget));
const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
function checkInstant(iso: string, what: string): void {
  if (typeof iso !== "string" || !INSTANT.test(iso) || Number.isNaN(Date.parse(iso)) || !realDate(iso))
    throw new RegulationError(`malformed ${what} instant "${iso}" (expected ISO 8601 with an offset)`);
}

/** Date.parse rolls 30 February over into March; a deadline from a date that does not exist is an error. */
function realDate(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

function checkImportance(i: string): asserts i is Importance {
  if (!(importances as readonly string[]).includes(i))
    throw new RegulationError(`importance must be normal or high, not "${i}"`);
}
