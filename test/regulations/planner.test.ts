// The planner over the real calendar engine: due instants for concrete starts in each org's zone, worked out
// by hand on the default schedule (09:00–13:00, 14:00–18:00; a shortened day ends 17:00). 11–13 March 2026
// are ordinary working days (Wed–Fri); 30 April 2026 is a shortened day before the 1–3 May holidays.
import { describe, expect, test } from "vitest";
import { dueFrom, getProfile, plan, RegulationError, stepFrom } from "../../regulations";

const yuzhno = getProfile("yuzhno-sakhalinsk");
const zarechny = getProfile("zarechny");
const omsk = getProfile("omsk");
const plastunovskaya = getProfile("plastunovskaya");
const nenets = getProfile("nenets");

const MSK = (local: string) => `2026-03-${local}+03:00`;
const OMS = (local: string) => `2026-03-${local}+06:00`;

describe("yuzhno-sakhalinsk (Asia/Sakhalin)", () => {
  test("3.3 worked example: received Thu 30 April 12:00, answer due Mon 4 May 13:00 (8 working-hour floor)", () => {
    const p = plan(yuzhno, "2026-04-30T12:00:00+11:00", "normal");
    expect(p.steps.answer).toEqual({
      budget: "24h",
      clock: "workdays",
      from: "detection",
      dueAt: "2026-05-04T13:00:00+11:00",
      source: "000_42ec52c8cd571ccf.txt §3.3",
    });
  });

  test("3.3: when the working days hold 8 working hours, the 24 h on working days decide", () => {
    // Tue 12 May 09:00: 24 h of working days end Wed 09:00; 8 working hours end Tue 18:00.
    expect(dueFrom(yuzhno, "answer", "normal", "2026-05-12T09:00:00+11:00")).toBe(
      "2026-05-13T09:00:00+11:00",
    );
  });

  test("3.1 and 3.7 run from posting: route 3 working hours, explanation 12 working hours", () => {
    const p = plan(yuzhno, "2026-04-30T12:00:00+11:00", "normal", {
      publishedAt: "2026-04-30T10:00:00+11:00",
    });
    expect(p.steps.route).toMatchObject({
      from: "posting",
      budget: "3h",
      dueAt: "2026-04-30T13:00:00+11:00",
    });
    // 30 April: 10–13, 14–17 (6 h, shortened); 4 May: 09–13, 14–16.
    expect(p.steps.explanation).toMatchObject({
      from: "posting",
      budget: "12h",
      dueAt: "2026-05-04T16:00:00+11:00",
    });
  });

  test("3.2: the structure's draft (4 h) and rework (3 h) start at later events: no due instant in the plan", () => {
    const p = plan(yuzhno, "2026-04-30T12:00:00+11:00", "high");
    expect(p.steps.draft).toMatchObject({ from: "assignment", budget: "4h", dueAt: null });
    expect(p.steps.rework).toMatchObject({ from: "rework_requested", budget: "3h", dueAt: null });
    expect(Object.keys(p.steps)).toEqual(["route", "draft", "rework", "answer", "explanation"]);
  });

  test("3.9 emergency: the answer runs on the wall clock through the holidays", () => {
    const a = plan(yuzhno, "2026-04-30T12:00:00+11:00", "normal", { emergency: true }).steps.answer!;
    expect(a).toMatchObject({ clock: "wall", budget: "24h", dueAt: "2026-05-01T12:00:00+11:00" });
    expect(a.source).toContain("§3.9");
  });

  test("3.3 leaves no shorter budget to set", () => {
    expect(() =>
      plan(yuzhno, "2026-04-30T12:00:00+11:00", "normal", { answerBudget: { minutes: 240 } }),
    ).toThrow(RegulationError);
  });
});

describe("zarechny (Europe/Moscow)", () => {
  const start = MSK("11T10:00:00");

  test("8, 10, 11: route 60 m, answer 8 h, draft 3 h before the answer", () => {
    const p = plan(zarechny, start, "normal");
    expect(p.start).toBe(start);
    expect(p.steps.route).toMatchObject({ budget: "1h", from: "detection", dueAt: MSK("11T11:00:00") });
    expect(p.steps.answer).toMatchObject({ budget: "8h", dueAt: MSK("12T10:00:00") });
    // Answer Thu 10:00 minus 3 working hours = Wed 16:00, i.e. 5 h after the start.
    expect(p.steps.draft).toMatchObject({ budget: "5h", from: "detection", dueAt: MSK("11T16:00:00") });
    expect(p.steps.draft!.source).toBe("001_72a8b4930195f3f4.txt §11");
  });

  test("8: a curator's shorter answer budget moves the answer and the draft lead with it", () => {
    const p = plan(zarechny, start, "high", { answerBudget: { minutes: 240 } });
    expect(p.steps.answer).toMatchObject({ budget: "4h", dueAt: MSK("11T15:00:00") });
    expect(p.steps.answer!.source).toContain("§8");
    // Decision "draft lead for a shortened answer budget" (docs/regulations.md): 11's 3 h lead belongs to
    // the 8 h answer; for 4 h it is 3 h × 4/8 = 90 m: 15:00 minus 90 working minutes over lunch = 12:30.
    expect(p.steps.draft).toMatchObject({ budget: "150m", dueAt: MSK("11T12:30:00") });
    expect(p.steps.draft!.source).toContain("3h × 4h/8h = 90m");
    // Cases started before the Decision keep the whole lead: 15:00 minus 3 h = 11:00.
    const old = plan(zarechny, start, "high", { answerBudget: { minutes: 240 }, fixedLead: true });
    expect(old.steps.draft).toMatchObject({ budget: "1h", dueAt: MSK("11T11:00:00") });
  });

  test("8, 11: however short the curator's budget, the draft is never due at or before detection", () => {
    // 1 h: lead 3 h × 1/8 = 22.5 → 23 m; answer 11:00, draft 10:37. Before the Decision: due at detection.
    const p = plan(zarechny, start, "normal", { answerBudget: { minutes: 60 } });
    expect(p.steps.draft).toMatchObject({ budget: "37m", dueAt: MSK("11T10:37:00") });
    expect(
      plan(zarechny, start, "normal", { answerBudget: { minutes: 60 }, fixedLead: true }).steps.draft!.dueAt,
    ).toBe(start);
    for (const minutes of [1, 2, 5, 30, 90, 200, 479]) {
      const d = plan(zarechny, start, "normal", { answerBudget: { minutes } }).steps.draft!;
      expect(Date.parse(d.dueAt!), `${minutes} m`).toBeGreaterThan(Date.parse(start));
    }
  });

  test("8: a budget longer than the regulation's 8 h is refused", () => {
    expect(() => plan(zarechny, start, "normal", { answerBudget: { minutes: 9 * 60 } })).toThrow(
      /longer than the regulation's 8h/,
    );
    expect(() => plan(zarechny, start, "normal", { answerBudget: { workdays: 1 } })).toThrow(RegulationError);
  });

  test("12, 14, 15: later steps are armed from their events", () => {
    expect(dueFrom(zarechny, "review", "normal", MSK("11T17:30:00"))).toBe(MSK("12T09:30:00"));
    expect(dueFrom(zarechny, "publish", "normal", MSK("11T12:45:00"))).toBe(MSK("11T14:15:00"));
    // 7 working days after Wed 11 March: Thu 12 … Fri 20, at the end of that day.
    expect(dueFrom(zarechny, "finalAfterInterim", "normal", MSK("11T12:00:00"))).toBe(MSK("20T18:00:00"));
  });

  test("8: detected on a Saturday, the route clock starts Monday 09:00", () => {
    expect(dueFrom(zarechny, "route", "normal", MSK("14T11:00:00"))).toBe(MSK("16T10:00:00"));
  });

  test("a calendar override (a day declared non-working) moves the answer", () => {
    const overrides = [
      {
        date: "2026-03-12",
        kind: "non_working" as const,
        reason: "decree",
        by: "admin",
        at: MSK("01T00:00:00"),
      },
    ];
    expect(plan(zarechny, start, "normal", { overrides }).steps.answer!.dueAt).toBe(MSK("13T10:00:00"));
  });

  test("has no emergency clock and no listed topics", () => {
    expect(() => plan(zarechny, start, "normal", { emergency: true })).toThrow(/no emergency rule/);
    expect(() => plan(zarechny, start, "normal", { listedTopic: true })).toThrow(/listed topics/);
  });
});

describe("omsk (Asia/Omsk)", () => {
  const start = OMS("11T10:00:00");

  test("4.4, 6, 7: normal — route 30 m, answer 9 h, draft 4 h before the answer", () => {
    const p = plan(omsk, start, "normal");
    expect(p.steps.route).toMatchObject({ budget: "30m", dueAt: OMS("11T10:30:00") });
    expect(p.steps.answer).toMatchObject({ budget: "9h", dueAt: OMS("12T11:00:00") });
    expect(p.steps.draft).toMatchObject({ budget: "5h", dueAt: OMS("11T16:00:00") });
  });

  test("6 ¶2, 7 ¶2, 9: high — answer 4 h, draft 2 h before it, rework 30 m", () => {
    const p = plan(omsk, start, "high");
    expect(p.steps.answer).toMatchObject({ budget: "4h", dueAt: OMS("11T15:00:00") });
    expect(p.steps.draft).toMatchObject({ budget: "2h", dueAt: OMS("11T12:00:00") });
    expect(p.steps.rework).toMatchObject({ budget: "30m", dueAt: null, from: "rework_requested" });
    expect(p.steps.coExecutorInput).toMatchObject({ budget: "45m", dueAt: null });
  });

  test("the start is echoed in the org's zone", () => {
    expect(plan(omsk, "2026-03-11T04:00:00Z", "normal").start).toBe(start);
  });

  test("4.3: the curator may shorten the normal answer; the high one (6 ¶2) is fixed", () => {
    const p = plan(omsk, start, "normal", { answerBudget: { minutes: 360 } });
    expect(p.steps.answer!.dueAt).toBe(OMS("11T17:00:00"));
    // 7 ¶1's 4 h lead belongs to the 9 h answer: 4 h × 6/9 = 160 m before 17:00 = 14:20.
    expect(p.steps.draft).toMatchObject({ budget: "200m", dueAt: OMS("11T14:20:00") });
    // 7 ¶2: high keeps its own 2 h lead before its own 4 h answer.
    expect(plan(omsk, start, "high").steps.draft).toMatchObject({ dueAt: OMS("11T12:00:00") });
    expect(() => plan(omsk, start, "high", { answerBudget: { minutes: 180 } })).toThrow(
      /high-importance .* fixed/,
    );
  });

  test("12.5: the responsible executor composes in 2 h / 45 m from the last contribution", () => {
    expect(dueFrom(omsk, "consolidate", "high", OMS("11T12:30:00"))).toBe(OMS("11T14:15:00"));
    expect(stepFrom(omsk, "consolidate", "normal", OMS("11T12:30:00"))).toMatchObject({
      budget: "2h",
      dueAt: OMS("11T15:30:00"),
      source: "002_065ac137eac5f223.txt §12.5",
    });
  });
});

describe("plastunovskaya (Europe/Moscow)", () => {
  const start = MSK("11T10:00:00");

  test("8 / 17: answer 8 h, or 4 h for a high-importance incident", () => {
    expect(plan(plastunovskaya, start, "normal").steps.answer).toMatchObject({ dueAt: MSK("12T10:00:00") });
    expect(plan(plastunovskaya, start, "high").steps.answer).toMatchObject({
      budget: "4h",
      dueAt: MSK("11T15:00:00"),
    });
  });

  test("17: high halves items 10–16 but not the regional curator's 30 m (9)", () => {
    const p = plan(plastunovskaya, start, "high");
    expect(p.steps.route).toMatchObject({ budget: "30m", from: "detection", dueAt: MSK("11T10:30:00") });
    for (const s of ["return", "review", "publish"] as const) expect(p.steps[s]!.budget).toBe("15m");
    expect(p.steps.clarification!.budget).toBe("30m");
    expect(p.steps.rework!.budget).toBe("30m");
    expect(p.steps.coExecutorInput!.budget).toBe("2h");
  });

  test("10, 11: the municipal legs of routing, halved for high importance", () => {
    const at = MSK("11T12:50:00");
    expect(dueFrom(plastunovskaya, "route", "normal", at, { from: "forwarded" })).toBe(MSK("11T14:20:00"));
    expect(dueFrom(plastunovskaya, "route", "high", at, { from: "forwarded" })).toBe(MSK("11T14:05:00"));
    expect(dueFrom(plastunovskaya, "route", "high", at, { from: "returned" })).toBe(MSK("11T14:05:00"));
    expect(() => dueFrom(plastunovskaya, "route", "high", at, { from: "approved" })).toThrow(
      /does not start/,
    );
  });

  test("12: no draft step of its own, and no curator-set answer budget", () => {
    expect(plan(plastunovskaya, start, "normal").steps.draft).toBeUndefined();
    expect(() => dueFrom(plastunovskaya, "draft", "normal", start)).toThrow(/no "draft" step/);
    expect(() => plan(plastunovskaya, start, "normal", { answerBudget: { minutes: 60 } })).toThrow(
      /cannot set the answer budget/,
    );
  });
});

describe("nenets (Europe/Moscow)", () => {
  const start = MSK("11T10:00:00");

  test("14, 16, 17: route 30 m, answer 8 h, draft 4 h before the answer", () => {
    const p = plan(nenets, start, "normal");
    expect(p.steps.route).toMatchObject({ dueAt: MSK("11T10:30:00") });
    expect(p.steps.answer).toMatchObject({ budget: "8h", dueAt: MSK("12T10:00:00") });
    expect(p.steps.draft).toMatchObject({ budget: "4h", dueAt: MSK("11T15:00:00") });
  });

  test("16 ¶2, 17: a listed topic is answered in 4 h; the lead shrinks to 4 h × 4/8 = 2 h before it", () => {
    const p = plan(nenets, start, "normal", { listedTopic: true });
    expect(p.steps.answer).toMatchObject({ budget: "4h", dueAt: MSK("11T15:00:00") });
    expect(p.steps.answer!.source).toContain("§16 ¶2");
    // 15:00 minus 2 working hours over the lunch break (13–14) = 12:00.
    expect(p.steps.draft).toMatchObject({ budget: "2h", dueAt: MSK("11T12:00:00") });
    // Before the Decision the whole 4 h lead put the draft at detection: a breach at triage.
    expect(plan(nenets, start, "normal", { listedTopic: true, fixedLead: true }).steps.draft).toMatchObject({
      budget: "0m",
      dueAt: start,
    });
  });

  test("14, 17: the curator may shorten the answer for either importance; the lead follows (4 h × 5/8)", () => {
    const p = plan(nenets, start, "high", { answerBudget: { minutes: 300 } });
    expect(p.steps.answer).toMatchObject({ budget: "5h", dueAt: MSK("11T16:00:00") });
    // 16:00 minus 150 working minutes: 14–16 and 12:30–13:00.
    expect(p.steps.draft).toMatchObject({ budget: "150m", dueAt: MSK("11T12:30:00") });
  });
});

describe("refusals", () => {
  test("unknown regulation, malformed instant, bad importance", () => {
    expect(() => getProfile("moscow")).toThrow(/Unknown regulation "moscow"/);
    expect(() => plan(omsk, "2026-03-11 10:00", "normal")).toThrow(/malformed start instant/);
    expect(() => plan(omsk, "2026-03-11T10:00:00", "normal")).toThrow(RegulationError);
    expect(() => plan(omsk, "2026-03-11T10:00:00+06:00", "urgent" as never)).toThrow(/normal or high/);
  });
});
