// Property tests (fast-check) of the engine's laws, over random instants of 2025–2027 in the regulations'
// zones and one with DST, and random budgets from 0 to 200 working hours.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBudget,
  between,
  type Clock,
  nextWorkingInstant,
  subtractBudget,
  type WorkTime,
  workingMinutesOfDay,
  workTime,
} from "../../calendars";
import { formatInstant } from "../../calendars/zone";

const ZONES = ["Europe/Moscow", "Asia/Sakhalin", "Asia/Omsk", "Europe/Berlin"];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 6, 1);
const wts = new Map(ZONES.map((z) => [z, workTime("ru", z)]));

const zone = fc.constantFrom(...ZONES);
/** A whole-minute instant rendered in the zone (as the API and the workflows pass them). */
const instant = (z: string) =>
  fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((min) => formatInstant(min * 60_000, z));
const budget = fc.oneof(fc.integer({ min: 0, max: 40 * 60 }), fc.integer({ min: 0, max: 200 * 60 }));
const positiveBudget = budget.map((d) => Math.max(1, d));
const clock = fc.constantFrom<Clock>("working", "workdays", "wall");
const counted = fc.constantFrom<Clock>("working", "workdays");
const ms = (iso: string) => Date.parse(iso);
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 250) };

const withStart = fc
  .tuple(zone)
  .chain(([z]) => fc.record({ wt: fc.constant(wts.get(z)!), z: fc.constant(z), a: instant(z) }));

/** Local date and minute of an ISO instant rendered with the zone's offset. */
const local = (iso: string) => ({
  date: iso.slice(0, 10),
  minute: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)),
});

describe("engine laws (docs/contracts.md semantics)", () => {
  it("between(a, add(a, d)) == d on every clock, for any start (start outside hours counts nothing)", () => {
    fc.assert(
      fc.property(withStart, budget, clock, ({ wt, a }, d, c) => {
        expect(between(wt, a, addBudget(wt, a, { minutes: d }, c), c)).toBe(d);
      }),
      RUNS,
    );
  });

  it("monotone in the start: a1 <= a2 implies add(a1, d) <= add(a2, d)", () => {
    fc.assert(
      fc.property(
        withStart,
        fc.integer({ min: 0, max: 5000 }),
        budget,
        counted,
        ({ wt, z, a }, shift, d, c) => {
          const a2 = formatInstant(ms(a) + shift * 60_000, z);
          expect(ms(addBudget(wt, a, { minutes: d }, c))).toBeLessThanOrEqual(
            ms(addBudget(wt, a2, { minutes: d }, c)),
          );
        },
      ),
      RUNS,
    );
  });

  it("monotone in the budget: d1 <= d2 implies add(a, d1) <= add(a, d2), strictly on the working clock", () => {
    fc.assert(
      fc.property(withStart, budget, fc.integer({ min: 1, max: 3000 }), counted, ({ wt, a }, d, extra, c) => {
        expect(ms(addBudget(wt, a, { minutes: d }, c))).toBeLessThan(
          ms(addBudget(wt, a, { minutes: d + extra }, c)),
        );
      }),
      RUNS,
    );
  });

  // For d >= 1: a zero budget is no lead at all, and add(x, 0) moves an instant at the end of a period to the
  // next working instant (the engine's start normalisation), so the law does not hold for d = 0 at 18:00.
  it("Decision — draft lead: add(subtract(e, d), d) == e for a due instant e, and subtract is the earliest such instant", () => {
    fc.assert(
      fc.property(withStart, budget, positiveBudget, counted, ({ wt, z, a }, d0, d, c) => {
        const e = addBudget(wt, a, { minutes: d0 + 1 }, c);
        const x = subtractBudget(wt, e, { minutes: d }, c);
        expect(addBudget(wt, x, { minutes: d }, c)).toBe(e);
        // contracts.md: the EARLIEST instant at that position, so the minute before it is counted time.
        expect(between(wt, formatInstant(ms(x) - 60_000, z), x, c)).toBe(1);
      }),
      RUNS,
    );
  });

  it("subtract(add(a, d), d) is the earliest instant at a's working position: not after a, nothing counted in between", () => {
    fc.assert(
      fc.property(withStart, budget, ({ wt, a }, d) => {
        const back = subtractBudget(
          wt,
          addBudget(wt, a, { minutes: d }, "working"),
          { minutes: d },
          "working",
        );
        expect(ms(back)).toBeLessThanOrEqual(ms(nextWorkingInstant(wt, a)));
        expect(between(wt, back, nextWorkingInstant(wt, a), "working")).toBe(0);
      }),
      RUNS,
    );
  });

  it("results are never inside a break or a non-working day, only inside hours or at a period's end (Decision — boundary)", () => {
    const wt = wts.get("Europe/Moscow")!;
    fc.assert(
      fc.property(instant("Europe/Moscow"), fc.integer({ min: 1, max: 200 * 60 }), (a, d) => {
        const due = addBudget(wt, a, { minutes: d }, "working");
        const { date, minute } = local(due);
        const kind = wt.calendar.day(date).kind;
        expect(kind).not.toBe("non_working");
        const dayEnd = kind === "shortened" ? 17 * 60 : 18 * 60;
        // Default schedule periods (09:00, 13:00] and (14:00, end]: a due instant is the end of a counted minute.
        expect((minute > 540 && minute <= 780) || (minute > 840 && minute <= dayEnd)).toBe(true);
        expect(between(wt, formatInstant(ms(due) - 60_000, "Europe/Moscow"), due, "working")).toBe(1);
      }),
      RUNS,
    );
  });

  it("nextWorkingInstant is working time: the next minute is counted", () => {
    fc.assert(
      fc.property(withStart, ({ wt, z, a }) => {
        const n = nextWorkingInstant(wt, a);
        expect(ms(n)).toBeGreaterThanOrEqual(ms(a));
        expect(between(wt, a, n, "working")).toBe(0);
        expect(between(wt, n, formatInstant(ms(n) + 60_000, z), "working")).toBe(1);
      }),
      RUNS,
    );
  });

  it("Decision — N working days: the end of the N-th working day after the event's day, whatever the clock", () => {
    const dayCount = (wt: WorkTime, fromDate: string, toDate: string) => {
      let n = 0;
      for (let t = Date.parse(`${fromDate}T12:00:00Z`) + 86_400_000; ; t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        if (workingMinutesOfDay(wt, date) > 0) n++;
        if (date === toDate) return n;
      }
    };
    fc.assert(
      fc.property(withStart, fc.integer({ min: 1, max: 30 }), clock, ({ wt, a }, n, c) => {
        const due = addBudget(wt, a, { workdays: n }, c);
        const { date, minute } = local(due);
        expect(minute).toBe(wt.calendar.day(date).kind === "shortened" ? 17 * 60 : 18 * 60);
        expect(dayCount(wt, a.slice(0, 10), date)).toBe(n);
      }),
      RUNS,
    );
  });
});
