// Clocks: arming, meeting, breaching and re-arming steps. The plan is a plain function here because the
// Clocks class takes it as a parameter; the real planner is tested in test/regulations and test/workflow.
import { describe, expect, test } from "vitest";
import { Clocks, type Meter, type PlanStep } from "../../workflows/clocks";

const H = 3600_000;
const t = (h: number) => new Date(Date.UTC(2026, 2, 2, 6) + h * H).toISOString();
const hoursPlan =
  (budgets: Record<string, number>): PlanStep =>
  (step, startedAt) => ({
    budget: `${budgets[step]}h`,
    clock: "wall",
    dueAt: new Date(Date.parse(startedAt) + budgets[step]! * H).toISOString(),
    source: `test §${step}`,
  });
const quarterWarn = (start: string, due: string) =>
  new Date(Date.parse(start) + (Date.parse(due) - Date.parse(start)) * 0.75).toISOString();

describe("Clocks", () => {
  test("fires the warning at 75 % and the breach at the due instant, each once", () => {
    const c = new Clocks(hoursPlan({ answer: 8 }), quarterWarn);
    c.arm("answer", t(0));
    expect(c.next()).toEqual({ at: t(6), step: "answer", kind: "warn" });
    expect(c.fire(Date.parse(t(5)))).toEqual([]);
    expect(c.fire(Date.parse(t(6))).map((f) => f.kind)).toEqual(["warn"]);
    expect(c.next()).toEqual({ at: t(8), step: "answer", kind: "breach" });
    const fired = c.fire(Date.parse(t(9)));
    expect(fired.map((f) => [f.kind, f.step])).toEqual([["breach", "answer"]]);
    expect(c.steps.answer!.breachedAt).toBe(t(8));
    expect(c.fire(Date.parse(t(20)))).toEqual([]);
    expect(c.next()).toBeUndefined();
  });

  test("a met step never fires; a late meeting keeps the breach on record", () => {
    const c = new Clocks(hoursPlan({ route: 1, answer: 8 }), quarterWarn);
    c.arm("route", t(0));
    c.arm("answer", t(0));
    c.meet("route", t(0.5));
    expect(c.fire(Date.parse(t(1.5))).map((f) => f.step)).toEqual([]);
    c.fire(Date.parse(t(9)));
    c.meet("answer", t(10));
    expect(c.steps.answer).toMatchObject({ breachedAt: t(8), metAt: t(10) });
  });

  test("recompute with `breached` re-plans a breached step not yet met; its breach instant stays (docs/process.md)", () => {
    const c = new Clocks(hoursPlan({ answer: 9, route: 1 }), quarterWarn);
    c.arm("answer", t(0));
    c.arm("route", t(0));
    c.meet("route", t(0.5));
    c.fire(Date.parse(t(10)));
    expect(c.steps.answer!.breachedAt).toBe(t(9));
    // Without the option (a calendar change) a breached step stays as it was.
    expect(c.recompute(hoursPlan({ answer: 4, route: 1 }))).toEqual([]);
    expect(c.steps.answer!.dueAt).toBe(t(9));
    expect(c.recompute(hoursPlan({ answer: 4, route: 1 }), { breached: true })).toEqual(["answer"]);
    expect(c.steps.answer).toMatchObject({ budget: "4h", dueAt: t(4), breachedAt: t(9) });
    expect(c.steps.route!.dueAt).toBe(t(1)); // met: on record as it was
    expect(c.fire(Date.parse(t(20)))).toEqual([]); // not breached twice
  });

  test("a limit window (the return window) never warns or breaches; a use after it shows late", () => {
    const c = new Clocks(hoursPlan({ return: 0.5 }), quarterWarn);
    c.arm("return", t(0)).limit = true;
    expect(c.next()).toBeUndefined();
    expect(c.fire(Date.parse(t(5)))).toEqual([]);
    c.meet("return", t(1));
    expect(c.steps.return).toMatchObject({ metAt: t(1), dueAt: t(0.5) });
    expect(c.steps.return!.breachedAt).toBeUndefined();
  });

  test("re-arming a step starts a new round from the new event", () => {
    const c = new Clocks(hoursPlan({ rework: 1 }), quarterWarn);
    c.arm("rework", t(0));
    c.meet("rework", t(0.5));
    const second = c.arm("rework", t(2));
    expect(second).toMatchObject({ round: 1, startedAt: t(2), dueAt: t(3) });
    expect(c.isPending("rework")).toBe(true);
  });

  test("recompute moves pending deadlines only", () => {
    const c = new Clocks(hoursPlan({ route: 1, answer: 8 }), quarterWarn);
    c.arm("route", t(0));
    c.arm("answer", t(0));
    c.meet("route", t(0.5));
    const moved = c.recompute(hoursPlan({ route: 2, answer: 4 }));
    expect(moved).toEqual(["answer"]);
    expect(c.steps.answer!.dueAt).toBe(t(4));
    expect(c.steps.route!.dueAt).toBe(t(1));
  });

  test("cancelled steps stop firing", () => {
    const c = new Clocks(hoursPlan({ answer: 8 }), quarterWarn);
    c.arm("answer", t(0));
    c.cancelAll();
    expect(c.next()).toBeUndefined();
    expect(c.fire(Date.parse(t(100)))).toEqual([]);
  });

  describe("a cap spent over stretches (executorTotal)", () => {
    // Wall-clock minutes, so the arithmetic is plain.
    const meter: Meter = {
      minutes: (a, b) => (Date.parse(b) - Date.parse(a)) / 60_000,
      add: (start, m) => new Date(Date.parse(start) + m * 60_000).toISOString(),
      budgetMinutes: (b) => Number.parseInt(b, 10) * 60,
    };
    const cap = () => {
      const c = new Clocks(hoursPlan({ executorTotal: 10 }), quarterWarn, meter);
      c.armCap("executorTotal", t(0), "assignment");
      return c;
    };

    test("stopped, it neither warns nor breaches; resumed, it has what is left", () => {
      const c = cap();
      expect(c.steps.executorTotal).toMatchObject({ dueAt: t(10), warnAt: t(7.5), spentMinutes: 0 });
      c.pause("executorTotal", t(4));
      expect(c.next()).toBeUndefined();
      expect(c.fire(Date.parse(t(30)))).toEqual([]);
      c.resume("executorTotal", t(30));
      // 6 h left from t(30); the warning at 7.5 h of the 10 is 3.5 h into this stretch.
      expect(c.steps.executorTotal).toMatchObject({ dueAt: t(36), warnAt: t(33.5), spentMinutes: 240 });
      expect(c.fire(Date.parse(t(36))).map((f) => f.kind)).toEqual(["warn", "breach"]);
      expect(c.steps.executorTotal!.breachedAt).toBe(t(36));
    });

    test("past the warning share, a stretch has no warning left; met while stopped, it is met at the stop", () => {
      const c = cap();
      c.fire(Date.parse(t(8)));
      c.pause("executorTotal", t(8));
      c.resume("executorTotal", t(20));
      expect(c.steps.executorTotal).toMatchObject({ dueAt: t(22), warnAt: undefined });
      c.pause("executorTotal", t(21));
      c.meet("executorTotal", t(25));
      expect(c.steps.executorTotal).toMatchObject({ metAt: t(21), spentMinutes: 540 });
      expect(c.steps.executorTotal!.breachedAt).toBeUndefined();
    });

    test("a calendar change moves a running cap from what is left, and leaves a stopped one", () => {
      const c = cap();
      c.pause("executorTotal", t(2));
      expect(c.recompute()).toEqual([]);
      c.resume("executorTotal", t(5));
      expect(c.steps.executorTotal!.dueAt).toBe(t(13));
      expect(c.recompute()).toEqual([]); // the same calendar: nothing moves
      expect(c.steps.executorTotal).toMatchObject({ dueAt: t(13), spentMinutes: 120 });
    });
  });
});
