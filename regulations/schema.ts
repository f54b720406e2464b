// A regulation profile as validated data (docs/regulations.md). Every difference between regulations that the
// workflow needs is a field here, never an `if (regulation === …)` in code, and every value taken from a
// regulation carries `source`: the seed file and paragraph that set it.
import { z } from "zod";

export const stepNames = [
  "route",
  "return",
  "clarification",
  "draft",
  "review",
  "rework",
  "publish",
  "answer",
  "coExecutorInput",
  "consolidate",
  "finalAfterInterim",
  "explanation",
] as const;
export type StepName = (typeof stepNames)[number];

/** Events that start a step's clock. `detection` = message.detectedAt, `posting` = message.publishedAt
 * (docs/regulations.md "Working time"); the others are the process events of docs/process.md. */
export const clockEvents = [
  "detection",
  "posting",
  "forwarded",
  "assignment",
  "returned",
  "accepted",
  "contribution_requested",
  "contributions_done",
  "draft_submitted",
  "rework_requested",
  "approved",
  "interim_published",
] as const;
export type ClockEvent = (typeof clockEvents)[number];
/** Events known when the case starts: steps from these get a due instant in the plan. */
export const startEvents: readonly ClockEvent[] = ["detection", "posting"];

export const clocks = ["working", "workdays", "wall"] as const;
export const importances = ["normal", "high"] as const;
export type Importance = (typeof importances)[number];

export const outcomes = ["process", "reject", "explain", "link", "formal_appeal"] as const;
export const rejectGrounds = [
  "threat",
  "obscene",
  "insult",
  "unreadable",
  "no_point",
  "repeat_no_new_arguments",
] as const;
export const explainReasons = ["out_of_competence", "abuse_of_right", "court_act", "repeated"] as const;
export const reviewReasons = [
  "not_to_the_point",
  "format",
  "redirect",
  "no_greeting",
  "spelling",
  "other",
] as const;
export const draftKinds = ["final", "interim", "clarification", "explanation"] as const;
/** The automatic checks of a draft's form (checks/, issue "draft checks"): Plastunovskaya 14 and 20's grounds. */
export const draftCheckCodes = [
  "no_greeting",
  "too_many_citations",
  "bureaucratese",
  "spelling",
  "redirect",
  "too_long",
] as const;
export type DraftCheckCode = (typeof draftCheckCodes)[number];
export const actors = ["operator", "curator", "regional_curator", "municipal_curator", "executor"] as const;
export const coExecutionModes = [
  "sequential-last-composes",
  "responsible-composes",
  "parallel-named-composer",
] as const;
/** Staff roles notified of breaches and reports (the API's roles). */
export const recipientRoles = ["curator", "supervisor"] as const;

const SEED = /^\d{3}_[0-9a-f]{16}\.txt$/;
const citation = z
  .string()
  .regex(/^\d{3}_[0-9a-f]{16}\.txt §\d/, 'a seed paragraph like "001_72a8b4930195f3f4.txt §8"');
const plainBudget = z.string().regex(/^[1-9]\d*(m|h|wd)$/, 'a budget like "30m", "8h" or "7wd"');
/** "answer-3h": the draft is due that much working time before the answer (docs/regulations.md). */
export const LEAD = /^answer-([1-9]\d*(?:m|h))$/;
const budget = z
  .string()
  .regex(
    /^([1-9]\d*(m|h|wd)|answer-[1-9]\d*(m|h))$/,
    'a budget like "30m", "8h", "7wd" or a lead "answer-3h"',
  );

const timing = z.strictObject({
  budget,
  clock: z.enum(clocks).default("working"),
  /** Due is the later of the budget and this floor, both counted from the same event (Yuzhno-Sakhalinsk 3.3). */
  floor: z.strictObject({ budget: plainBudget, clock: z.enum(clocks) }).optional(),
  /** The curator may agree another budget for the case; this one applies until then (Omsk 11). */
  agreedWith: z.enum(["curator"]).optional(),
  source: citation,
});
export type Timing = z.output<typeof timing>;

/** `high` absent = as normal; "half" = half the normal budget under `highImportance.rule: "halved"`. */
const legShape = {
  from: z.enum(clockEvents),
  normal: timing,
  high: z.union([timing, z.literal("half")]).optional(),
};
const stepSchema = z.strictObject({
  ...legShape,
  /** Further events that restart this step's clock, each with its own budget (re-route after a return,
   * the municipal leg of two-tier routing). `plan` shows the first leg; `dueFrom(…, {from})` picks one. */
  also: z.array(z.strictObject(legShape)).default([]),
  /** The step applies only when the executor takes that path ("в случае необходимости", Plastunovskaya 13):
   * its window lapses without a warning or a breach. The value cites the paragraph. */
  whenNeeded: citation.optional(),
  /** The window limits a right and obliges nothing (the return window, «в течение 30 минут … возвращает»):
   * no warning, no breach; a use after it is late. The value cites the paragraph (docs/regulations.md). */
  limit: citation.optional(),
  /** What meets the step besides its own closing event: finalAfterInterim is met by the final *draft*
   * reaching the curator («срок … для направления окончательного проекта ответа») or only by the final
   * answer's publication (docs/regulations.md). */
  metBy: z.strictObject({ event: z.enum(["final_draft", "final_published"]), source: citation }).optional(),
});
type LegInput = z.output<z.ZodObject<typeof legShape>>;

/** A leg as read by the planner and the workflow: `high` always resolved. */
export interface Leg {
  from: ClockEvent;
  normal: Timing;
  high: Timing;
}
export interface StepDef extends Leg {
  also: Leg[];
  whenNeeded?: string;
  limit?: string;
  metBy?: { event: "final_draft" | "final_published"; source: string };
}

const cited = <K extends string, T extends z.ZodType>(key: K, value: T) =>
  z.array(z.strictObject({ [key]: value, source: citation } as Record<K, T> & { source: typeof citation }));

/** Working periods of a day in minutes from local midnight, sorted and disjoint (calendars' Schedule). */
const periods = z
  .array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]))
  .refine(
    (ps) => ps.every(([a, b], i) => a < b && (i === 0 || a >= ps[i - 1]![1])),
    "sorted, disjoint periods",
  );
const schedule = z.strictObject({
  weekly: z.record(z.enum(["1", "2", "3", "4", "5", "6", "7"]), periods),
  shortenedBy: z.number().int().min(0),
  workingWeekendAs: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
});

const baseSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and dashes"),
  title: z.string().min(1),
  seed: z.string().regex(SEED, 'a seed file name like "001_72a8b4930195f3f4.txt"'),
  zone: z.string().refine(validZone, "an IANA time zone like Europe/Moscow"),
  calendar: z.string().min(1).default("ru"),
  /** The org's working hours when they differ from calendars' DEFAULT_SCHEDULE. */
  schedule: schedule.optional(),
  steps: z.partialRecord(z.enum(stepNames), stepSchema),
  /** Who sends the case to executors: one curator, or regional then municipal curator (two-tier). */
  routing: z.strictObject({ tiers: z.array(z.enum(actors)).min(1).max(2), source: citation }),
  /** Who approves drafts, in order (two-tier: municipal, then regional). */
  review: z.strictObject({ tiers: z.array(z.enum(actors)).min(1).max(2), source: citation }),
  publisher: z.strictObject({ by: z.enum(actors), source: citation }),
  coExecution: z.strictObject({ mode: z.enum(coExecutionModes), source: citation }).optional(),
  outcomes: cited("outcome", z.enum(outcomes)).min(1),
  rejectGrounds: cited("ground", z.enum(rejectGrounds)).min(1),
  explainReasons: cited("reason", z.enum(explainReasons)).default([]),
  reviewReasons: cited("reason", z.enum(reviewReasons)).min(1),
  draftKinds: cited("kind", z.enum(draftKinds)).min(1),
  highImportance: z.strictObject({
    /** same: no own high budgets; fixed: the high budgets are written per step; halved: "half" legs. */
    rule: z.enum(["same", "fixed", "halved"]),
    source: citation.optional(),
  }),
  /** The curator may set a shorter answer budget at triage, for these importances. */
  shorterAnswer: z
    .strictObject({ importances: z.array(z.enum(importances)).min(1), source: citation })
    .optional(),
  /** Answer budget for topics on an org-configured list (Nenets 16). */
  listedTopicAnswer: z.strictObject({ budget: plainBudget, source: citation }).optional(),
  /**
   * Emergencies: these steps run on this clock (Yuzhno-Sakhalinsk 3.9: weekends and holidays too);
   * `executorTotal`: the structure's cap too; `onCall`: the assignment also goes to the on-call list of the
   * executor's department.
   */
  emergency: z
    .strictObject({
      clock: z.enum(clocks),
      steps: z.array(z.enum(stepNames)).min(1),
      executorTotal: z.boolean().optional(),
      onCall: z.boolean().optional(),
      source: citation,
    })
    .optional(),
  /** Yuzhno-Sakhalinsk 3.5: answers of general interest also go to the site section named here. */
  generalInterest: z.strictObject({ section: z.string().min(1), source: citation }).optional(),
  /**
   * Yuzhno-Sakhalinsk 3.2 ¶3, 3.3: every published answer also goes to the regional department of information
   * policy (`notice`), and the publisher may hand the answer over to it instead of publishing (`source`).
   */
  handOver: z
    .strictObject({ to: z.literal("regional-department"), notice: citation, source: citation })
    .optional(),
  /** A cap on the executor's own work, checked beside the step clocks (Yuzhno-Sakhalinsk 3.2). */
  executorTotal: z
    .strictObject({ budget: plainBudget, clock: z.enum(clocks), from: z.enum(clockEvents), source: citation })
    .optional(),
  /** After an interim answer, who sets the budgets of these steps (Plastunovskaya 18). */
  afterInterim: z
    .strictObject({ budgetsSetBy: z.enum(actors), steps: z.array(z.enum(stepNames)), source: citation })
    .optional(),
  /** Who is told of a breach. */
  escalation: z.strictObject({
    roles: z.array(z.enum(recipientRoles)).min(1),
    official: z.string().min(1),
    source: citation,
  }),
  reports: z.strictObject({
    significant: z.strictObject({ official: z.string().min(1), source: citation }).optional(),
    highImmediately: z.strictObject({ official: z.string().min(1), source: citation }).optional(),
    monthly: z
      .strictObject({
        by: z.enum(actors),
        official: z.string().min(1),
        dueDayOfNextMonth: z.number().int().min(1).max(28).optional(),
        source: citation,
      })
      .optional(),
  }),
  /** Draft checks that refuse the draft instead of warning, unless the org's settings say otherwise. */
  draftChecks: z
    .strictObject({ block: z.array(z.enum(draftCheckCodes)).min(1), source: citation })
    .optional(),
  /**
   * Messages the administration found itself (Plastunovskaya 2.3 «публикации в социальных сетях», 4–5: its own
   * general department coordinates them): this curator tier triages them instead of the first routing tier.
   */
  ownFindings: z.strictObject({ openedBy: z.enum(actors), source: citation }).optional(),
  /** Who else gets a copy of each assignment (Plastunovskaya 10 ¶2: the heads of the departments named). */
  assignmentCopies: z.strictObject({ to: z.literal("department_heads"), source: citation }).optional(),
  /** E-mail subjects the regulation fixes. */
  subjects: z
    .strictObject({ assignment: z.string().min(1), draftBack: z.string().min(1), source: citation })
    .optional(),
});
type Base = z.output<typeof baseSchema>;

export const profileSchema = baseSchema.superRefine(checkProfile).transform(resolveHigh);
export type ProfileInput = z.input<typeof profileSchema>;
export type RegulationProfile = Omit<Base, "steps"> & { steps: Partial<Record<StepName, StepDef>> };

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

/** Cross-field rules a single field cannot express. */
function checkProfile(p: Base, ctx: z.RefinementCtx<Base>): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  walkSources(p, [], (source, path) => {
    if (!source.startsWith(`${p.seed} `)) issue(path, `cites "${source}", not this profile's seed ${p.seed}`);
  });
  const steps = p.steps;
  for (const [name, s] of Object.entries(steps)) {
    if (!s) continue;
    for (const [i, l] of [s, ...s.also].entries()) {
      const at = i === 0 ? ["steps", name] : ["steps", name, "also", i - 1];
      if (l.high === "half" && p.highImportance.rule !== "halved")
        issue([...at, "high"], 'is "half" but highImportance.rule is not "halved"');
      if (l.high === "half" && !/^\d*[02468](m)$|^[1-9]\d*h$/.test(l.normal.budget))
        issue([...at, "high"], `cannot halve ${l.normal.budget} into whole minutes`);
      for (const t of [l.normal, l.high])
        if (t && t !== "half" && LEAD.test(t.budget) && (name !== "draft" || i > 0))
          issue([...at], `a lead "${t.budget}" is only for the first leg of the draft step`);
    }
  }
  const lead = steps.draft && LEAD.test(steps.draft.normal.budget);
  if (lead && steps.draft?.from !== steps.answer?.from)
    issue(["steps", "draft"], "a draft lead needs an answer step starting from the same event");
  const has = (o: string) => p.outcomes.some((x) => x.outcome === o);
  if (!has("process")) issue(["outcomes"], 'must include "process"');
  if (has("explain") !== !!steps.explanation)
    issue(["steps", "explanation"], 'the "explain" outcome and the explanation step go together');
  if (has("explain") && !p.explainReasons.length)
    issue(["explainReasons"], 'needed by the "explain" outcome');
  for (const s of p.emergency?.steps ?? [])
    if (!steps[s]) issue(["emergency", "steps"], `names "${s}", a step this profile does not have`);
  if (p.listedTopicAnswer && !steps.answer) issue(["listedTopicAnswer"], "needs an answer step");
}

function walkSources(v: unknown, path: (string | number)[], f: (s: string, p: (string | number)[]) => void) {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) walkSources(x, [...path, i], f);
  } else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      if (k === "source" && typeof x === "string") f(x, [...path, k]);
      else walkSources(x, [...path, k], f);
    }
}

/** Fills every leg's `high` so readers never apply the importance rule themselves. */
function resolveHigh(p: Base): RegulationProfile {
  const resolve = (l: LegInput): Leg => ({
    from: l.from,
    normal: l.normal,
    high: l.high === "half" ? halve(l.normal, p.highImportance.source) : (l.high ?? l.normal),
  });
  const steps: Partial<Record<StepName, StepDef>> = {};
  for (const name of stepNames) {
    const s = p.steps[name];
    if (s)
      steps[name] = {
        ...resolve(s),
        also: s.also.map(resolve),
        ...(s.whenNeeded ? { whenNeeded: s.whenNeeded } : {}),
        ...(s.limit ? { limit: s.limit } : {}),
        ...(s.metBy ? { metBy: s.metBy } : {}),
      };
  }
  return { ...p, steps };
}

function halve(t: Timing, rule: string | undefined): Timing {
  const m = /^(\d+)(m|h)$/.exec(t.budget)!;
  const minutes = (Number(m[1]) * (m[2] === "h" ? 60 : 1)) / 2;
  const budget = minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
  return { ...t, budget, source: rule ? `${t.source}; ${rule}` : t.source };
}
