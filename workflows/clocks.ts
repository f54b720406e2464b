// Every SLA step of a case as a clock: armed at the event that opens it, met by the event that closes it,
// breached when its due instant passes first. Due instants come from the planner (regulations/ over
// calendars/), so they are pure functions of (calendar snapshot, start, budget) and replay identically; a
// calendar change recomputes the pending ones (ARCHITECTURE.md "Temporal design").
import type { StepView } from "./view";

export interface StepPlan {
  budget: string;
  clock: StepView["clock"];
  dueAt: string;
  source: string;
}

/** Computes a step's plan from the event that starts it and its instant (the planner, bound to the case). */
export type PlanStep = (step: string, startedAt: string, from: string) => StepPlan;
/** The instant at which `share` of the [start, due) budget has elapsed on the step's clock. */
export type WarnInstant = (start: string, due: string, clock: StepView["clock"]) => string | undefined;

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

  isPending(step: string): boolean {
    const s = this.steps[step];
    return !!s && !s.metAt && !s.breachedAt && !s.cancelled;
  }

  /** The event that closes the step happened; late or not, it is met (a breach stays on record). */
  meet(step: string, at: string): StepView | undefined {
    const s = this.steps[step];
    if (!s || s.metAt || s.cancelled) return undefined;
    s.metAt = at;
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
      if (!this.isPending(step) || !s.dueAt || s.whenNeeded) continue;
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

  /** A new calendar (or budget) moves every pending deadline; met and breached steps stay on record. */
  recompute(plan: PlanStep = this.plan): string[] {
    this.plan = plan;
    const moved: string[] = [];
    for (const [step, s] of Object.entries(this.steps)) {
      if (!this.isPending(step) || !s.startedAt) continue;
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

  replan(plan: PlanStep): void {
    this.plan = plan;
  }
}
