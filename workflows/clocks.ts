// Every SLA step of a case as a clock: armed at the event that opens it, met by the event that closes it,
// breached when its due instant passes first. Due instants come from the planner (regulations/ over
// calendars/), so they are pure functions of (calendar snapshot, start, budget) and replay identically; a
// calendar change recomputes the pending ones (docs/architecture.md "Temporal design").
import type { StepView } from "./view";

export interface StepPlan {
  budget: string;
  clock: StepView["clock"];
  dueAt: string;
  source: string;
}

/** What a case's step budgets depend on besides the regulation: set at triage. */
export interface PlanSettings {
  importance: "normal" | "high";
  answerBudget?: string;
  emergency: boolean;
  /** The topic is on the org's list with its own answer budget (Nenets 16). */
  listedTopic?: boolean;
  /** The follow-up budget the curator set after an interim answer (`set-budgets`). */
  finalAfterInterim?: string;
}

/** Computes a step's plan from the event that starts it and its instant (the planner, bound to the case). */
export type PlanStep = (step: string, startedAt: string, from: string) => StepPlan;
/** The instant at which `share` of the [start, due) budget has elapsed on the step's clock. */
export type WarnInstant = (start: string, due: string, clock: StepView["clock"]) => string | undefined;

/** Share of a step's budget after which the assignee is warned (docs/architecture.md; the 75 %). */
export const WARN_SHARE = 0.75;

/** Measures and adds time on the case's calendar (the planner, bound to the case). */
export interface Meter {
  /** Minutes of `clock` between two instants. */
  minutes(a: string, b: string, clock: StepView["clock"]): number;
  /** The instant `minutes` of `clock` after `start`. */
  add(start: string, minutes: number, clock: StepView["clock"]): string;
  /** The budget in minutes ("23h" → 1380). */
  budgetMinutes(budget: string): number;
}

export interface Firing {
  kind: "warn" | "breach";
  step: string;
  view: StepView;
}

const ms = (iso: string) => Date.parse(iso);

export class Clocks {
  /** The latest round of every step, as shown in the case view. */
  readonly steps: Record<string, StepView> = {};
  private warned = new Set<string>();

  constructor(
    private plan: PlanStep,
    private warnAt: WarnInstant,
    /** For caps that stop and resume (`pause`, `resume`). */
    private meter?: Meter,
    /** The share of a cap's budget at which it warns (the case's `warnAtShare`, WARN_AT_SHARE). */
    private warnShare = WARN_SHARE,
  ) {}

  /** Arms (or re-arms, as a new round) `step` from the event `from` at `startedAt`. */
  arm(
    step: string,
    startedAt: string,
    from = "",
    plan: StepPlan = this.plan(step, startedAt, from),
  ): StepView {
    const prev = this.steps[step];
    const view: StepView = {
      from,
      budget: plan.budget,
      clock: plan.clock,
      startedAt,
      dueAt: plan.dueAt,
      warnAt: this.warnAt(startedAt, plan.dueAt, plan.clock),
      round: prev ? prev.round + 1 : 0,
      source: plan.source,
    };
    this.steps[step] = view;
    return view;
  }

  /**
   * Arms a cap: a budget spent over several stretches, stopped with `pause` and resumed with `resume`
   * (Yuzhno-Sakhalinsk 3.2 ¶5: the structure's own time, not the operator's).
   */
  armCap(step: string, startedAt: string, from: string): StepView {
    const v = this.arm(step, startedAt, from);
    v.spentMinutes = 0;
    v.runningSince = startedAt;
    return v;
  }

  /** Stops a running cap at `at`, keeping the minutes it used. */
  pause(step: string, at: string): void {
    const s = this.steps[step];
    if (!this.meter || !s || !this.isPending(step) || s.pausedAt || s.spentMinutes === undefined) return;
    s.spentMinutes += this.meter.minutes(s.runningSince!, at, s.clock);
    s.pausedAt = at;
  }

  /** Runs a stopped cap again from `at` with what is left of its budget. */
  resume(step: string, at: string): void {
    const s = this.steps[step];
    if (!this.meter || !s?.pausedAt || !this.isPending(step)) return;
    s.pausedAt = undefined;
    s.runningSince = at;
    this.placeCap(s);
  }

  /** A running cap's due and warning instants: what is left of the budget from the running stretch. */
  private placeCap(s: StepView): void {
    const m = this.meter!;
    const total = m.budgetMinutes(s.budget);
    const left = total - s.spentMinutes!;
    s.dueAt = left > 0 ? m.add(s.runningSince!, left, s.clock) : s.runningSince!;
    const toWarn = Math.floor(total * this.warnShare) - s.spentMinutes!;
    s.warnAt = toWarn > 0 && toWarn < left ? m.add(s.runningSince!, toWarn, s.clock) : undefined;
  }

  isPending(step: string): boolean {
    const s = this.steps[step];
    return !!s && !s.metAt && !s.breachedAt && !s.cancelled;
  }

  /** The event that closes the step happened; late or not, it is met (a breach stays on record). */
  meet(step: string, at: string): StepView | undefined {
    const s = this.steps[step];
    if (!s || s.metAt || s.cancelled) return undefined;
    // A stopped cap was met when its last stretch ended (the structure's last draft), not now.
    s.metAt = s.pausedAt ?? at;
    return s;
  }

  /** The step no longer applies (case merged, handed off, re-routed before acceptance...). */
  cancel(step: string): void {
    const s = this.steps[step];
    if (s && !s.metAt && !s.breachedAt) s.cancelled = true;
  }

  cancelAll(): void {
    for (const name of Object.keys(this.steps)) this.cancel(name);
  }

  /** The next instant a clock fires at, or undefined when nothing is pending. */
  next(): { at: string; step: string; kind: Firing["kind"] } | undefined {
    let best: { at: string; step: string; kind: Firing["kind"] } | undefined;
    for (const [step, s] of Object.entries(this.steps)) {
      if (!this.isPending(step) || !s.dueAt || s.whenNeeded || s.limit || s.pausedAt) continue;
      const warnKey = `${step}#${s.round}`;
      const candidate =
        s.warnAt && !this.warned.has(warnKey) && ms(s.warnAt) < ms(s.dueAt)
          ? { at: s.warnAt, step, kind: "warn" as const }
          : { at: s.dueAt, step, kind: "breach" as const };
      if (!best || ms(candidate.at) < ms(best.at)) best = candidate;
    }
    return best;
  }

  /** Everything due at or before `now`, marked as fired. */
  fire(now: number): Firing[] {
    const fired: Firing[] = [];
    for (let n = this.next(); n && ms(n.at) <= now; n = this.next()) {
      const s = this.steps[n.step]!;
      if (n.kind === "warn") this.warned.add(`${n.step}#${s.round}`);
      else s.breachedAt = n.at;
      fired.push({ kind: n.kind, step: n.step, view: s });
    }
    return fired;
  }

  /**
   * A new calendar (or budget) moves every pending deadline; met steps stay on record. With `breached`
   * (a triage that changes importance or the answer budget, docs/process.md) a breached step not yet met is
   * re-planned too: its due instant follows the new budget, its breach instant stays on record.
   */
  recompute(plan: PlanStep = this.plan, opts: { breached?: boolean } = {}): string[] {
    this.plan = plan;
    const moved: string[] = [];
    for (const [step, s] of Object.entries(this.steps)) {
      const open = this.isPending(step) || (opts.breached && !!s.breachedAt && !s.metAt && !s.cancelled);
      if (!open || !s.startedAt) continue;
      if (s.spentMinutes !== undefined) {
        // A cap: the minutes already used stay used; a stopped one moves when it runs again.
        if (s.pausedAt) continue;
        const before = s.dueAt;
        this.placeCap(s);
        if (s.dueAt !== before) moved.push(step);
        continue;
      }
      const p = plan(step, s.startedAt, s.from ?? "");
      if (p.dueAt !== s.dueAt) moved.push(step);
      Object.assign(s, {
        budget: p.budget,
        clock: p.clock,
        dueAt: p.dueAt,
        warnAt: this.warnAt(s.startedAt, p.dueAt, p.clock),
      });
    }
    return moved;
  }
}
