// Yuzhno-Sakhalinsk 3.9 in the case's planner (workflows/planning.ts): an emergency puts every step and the
// structure's 23 h (3.2 ¶5) on the wall clock; a case started before the patch `emergency-every-step`
// (generation `emergencyAnswerOnly`) keeps only the answer there. 1 January is a holiday (Labour Code 112).
// And who of an on-call list is told «в рабочее и нерабочее время» (activities/notify.ts onCallNow).
import { describe, expect, test } from "vitest";
import { onCallNow } from "../../activities/notify";
import { casePlanner } from "../../workflows/planning";

const org = {
  id: "y",
  regulation: "yuzhno-sakhalinsk",
  calendarId: "ru",
  zone: "Asia/Sakhalin",
  urgentTopics: [],
};
const start = "2027-01-01T10:00:00+11:00";
const at = (iso: string) => Date.parse(iso);
const timed = (p: { clock: string; dueAt: string }) => ({ clock: p.clock, dueAt: Date.parse(p.dueAt) });
const settings = { importance: "normal" as const, emergency: true };

describe("emergency steps (Yuzhno-Sakhalinsk 3.9)", () => {
  test("every step and the structure's cap run on the wall clock", () => {
    const plan = casePlanner(org, [])(settings);
    expect(timed(plan("draft", start, "assignment"))).toEqual({
      clock: "wall",
      dueAt: at("2027-01-01T14:00:00+11:00"),
    });
    expect(timed(plan("rework", start, "rework_requested"))).toEqual({
      clock: "wall",
      dueAt: at("2027-01-01T13:00:00+11:00"),
    });
    expect(timed(plan("route", start, "posting"))).toEqual({
      clock: "wall",
      dueAt: at("2027-01-01T13:00:00+11:00"),
    });
    expect(timed(plan("executorTotal", start, "assignment"))).toEqual({
      clock: "wall",
      dueAt: at("2027-01-02T09:00:00+11:00"),
    });
    expect(timed(plan("answer", start, "detection"))).toEqual({
      clock: "wall",
      dueAt: at("2027-01-02T10:00:00+11:00"),
    });
  });

  test("cases started before the patch keep only the answer on the wall clock", () => {
    const plan = casePlanner(org, [], { emergencyAnswerOnly: true })(settings);
    expect(plan("answer", start, "detection").clock).toBe("wall");
    const draft = plan("draft", start, "assignment");
    expect(draft.clock).toBe("working");
    expect(Date.parse(draft.dueAt)).toBeGreaterThan(Date.parse("2027-01-08T23:59:00+11:00"));
    expect(plan("executorTotal", start, "assignment").clock).toBe("workdays");
  });

  test("a plain case is not affected", () => {
    const plan = casePlanner(org, [])({ importance: "normal", emergency: false });
    expect(plan("draft", start, "assignment").clock).toBe("working");
    expect(plan("executorTotal", start, "assignment").clock).toBe("workdays");
  });
});

describe("who of an on-call list is on call (3.9 «в рабочее и нерабочее время»)", () => {
  const list = [
    { name: "day", hours: "working" as const },
    { name: "night", hours: "non-working" as const },
    { name: "both", hours: "always" as const },
  ];
  test("in working time the day people and those always on call; outside it the night people", () => {
    expect(onCallNow(list, true).map((p) => p.name)).toEqual(["day", "both"]);
    expect(onCallNow(list, false).map((p) => p.name)).toEqual(["night", "both"]);
  });
});
