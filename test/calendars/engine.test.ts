// The engine on the worked examples and Decisions of docs/regulations.md "Working time", the three clocks,
// subtract for draft leads, schedules, overrides, zones (incl. DST) and CalendarError cases.
import { describe, expect, it } from "vitest";
import {
  addBudget,
  between,
  CalendarError,
  type CalendarOverride,
  DEFAULT_SCHEDULE,
  nextWorkingInstant,
  type Schedule,
  subtractBudget,
  workingMinutesOfDay,
  workTime,
} from "../../calendars";

const msk = workTime("ru", "Europe/Moscow");
const sakhalin = workTime("ru", "Asia/Sakhalin");
const m = (minutes: number) => ({ minutes });
const h = (hours: number) => ({ minutes: hours * 60 });

describe("docs/regulations.md worked examples", () => {
  it("Decision — boundary: 16:45 + 15m on a day ending 17:00 (shortened Apr 30 2026) is due 17:00 that day", () => {
    expect(addBudget(msk, "2026-04-30T16:45:00+03:00", m(15), "working")).toBe("2026-04-30T17:00:00+03:00");
  });

  it("Decision — Yuzhno-Sakhalinsk 3.3: 24h on the workdays clock from Thu Apr 30 12:00 ends Mon May 4 12:00", () => {
    expect(addBudget(sakhalin, "2026-04-30T12:00:00+11:00", h(24), "workdays")).toBe(
      "2026-05-04T12:00:00+11:00",
    );
  });

  it("Decision — Yuzhno-Sakhalinsk 3.3: that window holds only 7 working hours; 8 working hours end May 4 13:00", () => {
    expect(between(sakhalin, "2026-04-30T12:00:00+11:00", "2026-05-04T12:00:00+11:00", "working")).toBe(
      7 * 60,
    );
    expect(addBudget(sakhalin, "2026-04-30T12:00:00+11:00", h(8), "working")).toBe(
      "2026-05-04T13:00:00+11:00",
    );
  });

  it("Decision — N working days: 7wd from Fri May 8 2026 skips the moved day off May 11 -> Wed May 20 18:00", () => {
    expect(addBudget(msk, "2026-05-08T11:00:00+03:00", { workdays: 7 }, "working")).toBe(
      "2026-05-20T18:00:00+03:00",
    );
  });

  it("Decision — N working days: 7wd from Fri Dec 26 2025 across Dec 31 and the New Year holidays -> Fri Jan 16 2026 18:00", () => {
    expect(addBudget(msk, "2025-12-26T10:00:00+03:00", { workdays: 7 }, "wall")).toBe(
      "2026-01-16T18:00:00+03:00",
    );
  });
});

describe("working clock", () => {
  it("Decision — boundary: a budget ending at lunch is due 13:00, not 14:00; at the day's end 18:00, not 09:00 next day", () => {
    expect(addBudget(msk, "2026-06-02T12:45:00+03:00", m(15), "working")).toBe("2026-06-02T13:00:00+03:00");
    expect(addBudget(msk, "2026-06-02T17:00:00+03:00", h(1), "working")).toBe("2026-06-02T18:00:00+03:00");
    expect(addBudget(msk, "2026-06-02T17:00:00+03:00", m(61), "working")).toBe("2026-06-03T09:01:00+03:00");
  });

  it("Decision — start outside hours: before opening, at lunch, after hours and on a weekend", () => {
    expect(addBudget(msk, "2026-06-02T07:10:00+03:00", m(30), "working")).toBe("2026-06-02T09:30:00+03:00");
    expect(addBudget(msk, "2026-06-02T13:20:00+03:00", m(30), "working")).toBe("2026-06-02T14:30:00+03:00");
    expect(addBudget(msk, "2026-06-02T18:00:00+03:00", m(30), "working")).toBe("2026-06-03T09:30:00+03:00");
    expect(addBudget(msk, "2026-06-06T10:00:00+03:00", m(30), "working")).toBe("2026-06-08T09:30:00+03:00");
  });

  it("Labour Code art. 112: holidays are skipped (Jun 12 2026 Fri, Russia Day)", () => {
    expect(addBudget(msk, "2026-06-11T16:00:00+03:00", h(2), "working")).toBe("2026-06-15T10:00:00+03:00");
  });

  it("Labour Code art. 95: a shortened day ends an hour early (Jun 11 2026: 09–13, 14–17)", () => {
    expect(workingMinutesOfDay(msk, "2026-06-11")).toBe(420);
    expect(between(msk, "2026-06-11T00:00:00+03:00", "2026-06-12T00:00:00+03:00", "working")).toBe(420);
  });

  it("working weekend day uses weekday hours (decree No 1306: Sat Apr 27 2024 worked)", () => {
    expect(workingMinutesOfDay(msk, "2024-04-27")).toBe(480);
    expect(addBudget(msk, "2024-04-26T17:00:00+03:00", h(2), "working")).toBe("2024-04-27T10:00:00+03:00");
  });

  it("between counts [a, b) and is 0 when b is not after a", () => {
    expect(between(msk, "2026-06-05T17:00:00+03:00", "2026-06-08T10:00:00+03:00", "working")).toBe(120);
    expect(between(msk, "2026-06-08T10:00:00+03:00", "2026-06-05T17:00:00+03:00", "working")).toBe(0);
    expect(between(msk, "2026-06-08T10:00:30+03:00", "2026-06-08T10:01:00+03:00", "working")).toBe(0.5);
  });

  it("nextWorkingInstant: itself inside hours, else the next period's start", () => {
    expect(nextWorkingInstant(msk, "2026-06-02T10:00:00+03:00")).toBe("2026-06-02T10:00:00+03:00");
    expect(nextWorkingInstant(msk, "2026-06-02T13:00:00+03:00")).toBe("2026-06-02T14:00:00+03:00");
    expect(nextWorkingInstant(msk, "2026-06-02T18:00:00+03:00")).toBe("2026-06-03T09:00:00+03:00");
    expect(nextWorkingInstant(msk, "2026-01-01T12:00:00+03:00")).toBe("2026-01-12T09:00:00+03:00");
  });
});

describe("subtract (Decision — draft lead: draft due = answer due minus X of working time)", () => {
  it("answer due Tue Mar 10 2026 11:00, 4h lead: back over the moved day off Mar 9 to Fri Mar 6 16:00", () => {
    expect(subtractBudget(msk, "2026-03-10T11:00:00+03:00", h(4), "working")).toBe(
      "2026-03-06T16:00:00+03:00",
    );
  });

  it("contracts.md: the EARLIEST instant at the position, so a lead that uses up a whole morning lands at the previous period's end", () => {
    // Answer due Mon May 4 13:00 (the Yuzhno example), 4h lead = the whole of May 4 09–13; position equals
    // that of Apr 30 17:00 (end of the shortened day), the earliest instant there.
    const draft = subtractBudget(sakhalin, "2026-05-04T13:00:00+11:00", h(4), "working");
    expect(draft).toBe("2026-04-30T17:00:00+11:00");
    expect(addBudget(sakhalin, draft, h(4), "working")).toBe("2026-05-04T13:00:00+11:00");
  });

  it("workdays and wall clocks, and N working days", () => {
    expect(subtractBudget(sakhalin, "2026-05-04T12:00:00+11:00", h(24), "workdays")).toBe(
      "2026-04-30T12:00:00+11:00",
    );
    expect(subtractBudget(msk, "2026-05-04T12:00:00+03:00", h(24), "wall")).toBe("2026-05-03T12:00:00+03:00");
    const start = subtractBudget(msk, "2026-05-20T18:00:00+03:00", { workdays: 7 }, "working");
    expect(start).toBe("2026-05-08T00:00:00+03:00");
    expect(addBudget(msk, start, { workdays: 7 }, "working")).toBe("2026-05-20T18:00:00+03:00");
    // One minute earlier is the day before, whose 7th working day is one earlier.
    expect(addBudget(msk, "2026-05-07T23:59:00+03:00", { workdays: 7 }, "working")).toBe(
      "2026-05-19T18:00:00+03:00",
    );
  });
});

describe("workdays clock (docs/regulations.md: every clock hour of working days counts, non-working days skipped whole)", () => {
  it("counts whole working days, shortened ones included, and skips weekends and holidays", () => {
    expect(between(msk, "2026-04-30T00:00:00+03:00", "2026-05-05T00:00:00+03:00", "workdays")).toBe(48 * 60);
    expect(addBudget(msk, "2026-05-01T10:00:00+03:00", h(1), "workdays")).toBe("2026-05-04T01:00:00+03:00");
  });
});

describe("wall clock (docs/regulations.md: 24/7, emergencies)", () => {
  it("adds and measures plain time", () => {
    expect(addBudget(msk, "2026-05-01T10:00:00+03:00", m(90), "wall")).toBe("2026-05-01T11:30:00+03:00");
    expect(between(msk, "2026-05-01T10:00:00+03:00", "2026-05-02T10:00:00+03:00", "wall")).toBe(1440);
  });
});

describe("N working days", () => {
  it("ends at the end of the N-th working day, a shortened one at 17:00", () => {
    expect(addBudget(msk, "2026-04-29T09:00:00+03:00", { workdays: 1 }, "working")).toBe(
      "2026-04-30T17:00:00+03:00",
    );
  });
  it("the event's own day does not count, even late at night or on a holiday", () => {
    expect(addBudget(msk, "2026-06-12T23:00:00+03:00", { workdays: 1 }, "working")).toBe(
      "2026-06-15T18:00:00+03:00",
    );
    expect(addBudget(msk, "2026-06-10T23:00:00+03:00", { workdays: 1 }, "working")).toBe(
      "2026-06-11T17:00:00+03:00",
    );
  });
});

describe("schedules (contracts.md Schedule)", () => {
  const schedule: Schedule = {
    weekly: {
      1: [
        [8 * 60, 12 * 60],
        [13 * 60, 17 * 60],
      ],
      2: [
        [8 * 60, 12 * 60],
        [13 * 60, 17 * 60],
      ],
      3: [
        [8 * 60, 12 * 60],
        [13 * 60, 17 * 60],
      ],
      4: [
        [8 * 60, 12 * 60],
        [13 * 60, 17 * 60],
      ],
      5: [
        [8 * 60, 12 * 60],
        [13 * 60, 15 * 60 + 45],
      ],
      6: [],
      7: [],
    },
    shortenedBy: 5 * 60,
    workingWeekendAs: 5,
  };
  const wt = workTime("ru", "Asia/Omsk", schedule);

  it("org hours, a shortened day cut across lunch, a working Saturday with Friday's hours", () => {
    expect(workingMinutesOfDay(wt, "2026-06-05")).toBe(405);
    expect(workingMinutesOfDay(wt, "2026-06-11")).toBe(480 - 300);
    expect(workingMinutesOfDay(wt, "2025-11-01")).toBe(405 - 300); // shortened working Saturday (decree No 1335)
    expect(addBudget(wt, "2026-06-11T08:00:00+06:00", h(3), "working")).toBe("2026-06-11T11:00:00+06:00");
    // 3 h left on Jun 11, Jun 12 a holiday: the fourth hour is Mon Jun 15 08:00–09:00.
    expect(addBudget(wt, "2026-06-11T08:00:00+06:00", h(4), "working")).toBe("2026-06-15T09:00:00+06:00");
  });

  it("DEFAULT_SCHEDULE is docs/regulations.md's: Mon–Fri 09–13, 14–18, shortened by 60, weekend as Monday", () => {
    expect(DEFAULT_SCHEDULE.weekly[3]).toEqual([
      [540, 780],
      [840, 1080],
    ]);
    expect(DEFAULT_SCHEDULE.weekly[6]).toEqual([]);
    expect(DEFAULT_SCHEDULE.shortenedBy).toBe(60);
    expect(DEFAULT_SCHEDULE.workingWeekendAs).toBe(1);
  });

  it("CalendarError for a schedule with overlapping periods or no working time", () => {
    const bad = {
      ...schedule,
      weekly: {
        ...schedule.weekly,
        2: [
          [600, 700],
          [650, 800],
        ],
      },
    } as Schedule;
    expect(() => workTime("ru", "Asia/Omsk", bad)).toThrow(CalendarError);
    const none = { ...schedule, weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } } as Schedule;
    expect(() => workTime("ru", "Asia/Omsk", none)).toThrow(/no working hours/);
  });
});

describe("overrides (contracts.md: run-time emergency decrees win over the data)", () => {
  const ov = (date: string, kind: CalendarOverride["kind"]): CalendarOverride => ({
    date,
    kind,
    reason: "emergency decree",
    by: "admin@example",
    at: "2026-06-17T10:00:00Z",
  });

  it("an ad-hoc non-working day moves a due instant; the day says who and why", () => {
    const wt = workTime("ru", "Europe/Moscow", undefined, [ov("2026-06-19", "non_working")]);
    expect(addBudget(msk, "2026-06-18T14:00:00+03:00", h(8), "working")).toBe("2026-06-19T13:00:00+03:00"); // 14–18 then 09–13, due at lunch (boundary)
    expect(addBudget(wt, "2026-06-18T14:00:00+03:00", h(8), "working")).toBe("2026-06-22T13:00:00+03:00");
    expect(wt.calendar.day("2026-06-19").note).toBe(
      "override by admin@example at 2026-06-17T10:00:00Z: emergency decree",
    );
  });

  it("an ad-hoc working Saturday counts with weekday hours; a decreed holiday can be made working or shortened", () => {
    const wt = workTime("ru", "Europe/Moscow", undefined, [
      ov("2026-06-20", "working"),
      ov("2026-06-12", "shortened"),
    ]);
    expect(addBudget(wt, "2026-06-19T17:00:00+03:00", h(2), "working")).toBe("2026-06-20T10:00:00+03:00");
    expect(workingMinutesOfDay(wt, "2026-06-12")).toBe(420);
    expect(workingMinutesOfDay(msk, "2026-06-12")).toBe(0);
  });

  it("CalendarError for a malformed override", () => {
    expect(() => workTime("ru", "Europe/Moscow", undefined, [ov("2026-06-31", "working")])).toThrow(
      CalendarError,
    );
    expect(() =>
      workTime("ru", "Europe/Moscow", undefined, [ov("2026-06-20", "holiday" as "working")]),
    ).toThrow(/unknown kind/);
  });
});

describe("time zones of the five regulations (docs/regulations.md table) and DST", () => {
  it("the same local deadline in Asia/Sakhalin, Europe/Moscow and Asia/Omsk, rendered with each zone's offset", () => {
    for (const [zone, off] of [
      ["Asia/Sakhalin", "+11:00"],
      ["Europe/Moscow", "+03:00"],
      ["Asia/Omsk", "+06:00"],
    ]) {
      const wt = workTime("ru", zone!);
      expect(addBudget(wt, `2026-04-30T12:00:00${off}`, h(8), "working")).toBe(`2026-05-04T13:00:00${off}`);
    }
  });

  it("an instant given in another offset is placed in the org's zone (01:00Z is 12:00 in Sakhalin)", () => {
    expect(addBudget(sakhalin, "2026-04-30T01:00:00Z", h(8), "working")).toBe("2026-05-04T13:00:00+11:00");
    expect(nextWorkingInstant(sakhalin, "2026-06-01T20:00:00Z")).toBe("2026-06-02T09:00:00+11:00");
  });

  it("an instant without an offset is read in the zone", () => {
    expect(addBudget(msk, "2026-06-02T17:00", m(30), "working")).toBe("2026-06-02T17:30:00+03:00");
  });

  const berlin = workTime("ru", "Europe/Berlin");
  it("DST (Europe/Berlin): working hours keep local times across spring-forward and fall-back weekends", () => {
    expect(addBudget(berlin, "2026-03-27T17:00:00+01:00", h(2), "working")).toBe("2026-03-30T10:00:00+02:00");
    expect(addBudget(berlin, "2026-10-23T17:00:00+02:00", h(2), "working")).toBe("2026-10-26T10:00:00+01:00");
    expect(between(berlin, "2026-03-27T17:00:00+01:00", "2026-03-30T10:00:00+02:00", "working")).toBe(120);
  });

  it("DST (Europe/Berlin): the wall clock counts real time, a 23-hour day on the workdays clock is 23 hours", () => {
    expect(addBudget(berlin, "2026-03-28T12:00:00+01:00", h(24), "wall")).toBe("2026-03-29T13:00:00+02:00");
    const sunday = workTime("ru", "Europe/Berlin", undefined, [
      { date: "2026-03-29", kind: "working", reason: "test", by: "t", at: "2026-01-01T00:00:00Z" },
    ]);
    expect(between(sunday, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", "workdays")).toBe(
      23 * 60,
    );
    expect(addBudget(sunday, "2026-03-29T00:00:00+01:00", h(24), "workdays")).toBe(
      "2026-03-30T01:00:00+02:00",
    );
  });

  it("DST (Europe/Berlin): working periods that straddle the missing hour hold only real time", () => {
    const night: Schedule = { ...DEFAULT_SCHEDULE, weekly: { ...DEFAULT_SCHEDULE.weekly, 1: [[60, 240]] } };
    const wt = workTime("ru", "Europe/Berlin", night, [
      { date: "2026-03-29", kind: "working", reason: "test", by: "t", at: "2026-01-01T00:00:00Z" },
      { date: "2026-10-25", kind: "working", reason: "test", by: "t", at: "2026-01-01T00:00:00Z" },
    ]);
    expect(workingMinutesOfDay(wt, "2026-03-29")).toBe(120); // 01:00–04:00 without 02:00–03:00
    expect(addBudget(wt, "2026-03-29T01:30:00+01:00", m(60), "working")).toBe("2026-03-29T03:30:00+02:00");
    expect(workingMinutesOfDay(wt, "2026-10-25")).toBe(240); // 01:00–04:00 with 02:00–03:00 twice
  });
});

describe("CalendarError (contracts.md: every user-facing failure)", () => {
  it("unknown calendar, unknown zone", () => {
    expect(() => workTime("xx", "Europe/Moscow")).toThrow(/unknown calendar/);
    expect(() => workTime("ru", "Europe/Atlantis")).toThrow(CalendarError);
  });
  it("malformed instants", () => {
    for (const bad of [
      "yesterday",
      "2026-13-01T10:00:00Z",
      "2026-02-30T10:00:00+03:00",
      "2026-06-02T25:00:00Z",
      "",
    ]) {
      expect(() => addBudget(msk, bad, m(10), "working"), bad).toThrow(CalendarError);
    }
  });
  it("malformed budgets and clocks", () => {
    expect(() => addBudget(msk, "2026-06-02T10:00:00+03:00", m(-5), "working")).toThrow(CalendarError);
    expect(() => addBudget(msk, "2026-06-02T10:00:00+03:00", m(1.5), "working")).toThrow(CalendarError);
    expect(() => addBudget(msk, "2026-06-02T10:00:00+03:00", m(5), "lunar" as "wall")).toThrow(
      /unknown clock/,
    );
  });
  it("year outside data: before 2013 (the first xmlcalendar file), and a budget that runs past 2035", () => {
    expect(() => addBudget(msk, "2012-12-28T10:00:00+03:00", m(10), "working")).toThrow(/year outside data/);
    expect(() => addBudget(msk, "2035-12-28T10:00:00+03:00", h(100), "working")).toThrow(/year outside data/);
    expect(() => subtractBudget(msk, "2013-01-09T10:00:00+03:00", h(2), "working")).toThrow(
      /year outside data/,
    );
    expect(() => workingMinutesOfDay(msk, "2036-01-09")).toThrow(/year outside data/);
  });
});
