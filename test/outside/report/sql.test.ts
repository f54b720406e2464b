// The monthly report's SQL over a month built by hand (month.ts), checked number by number. Every
// expected value is counted below from the table of cases in month.ts.
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { generateMonthlyReport } from "../../../activities/reports";
import {
  buildMonthlyReport,
  loadMonthlyReport,
  type MonthlyReport,
  previousMonth,
  reportedMonth,
} from "../../../activities/reports/monthly";
import { createDb } from "../../../db/client";
import { buildMonth, type Month } from "./month";

let conn: ReturnType<typeof createDb>;
let m: Month;
let r: MonthlyReport;

beforeAll(async () => {
  conn = createDb(inject("databaseUrl"), { max: 2 });
  m = await buildMonth(conn.db);
  r = await buildMonthlyReport(conn.db, m.org, "2026-03");
});
afterAll(() => conn.close());

const group = (list: MonthlyReport["figures"]["by"]["status"], key: string | null) =>
  list.find((g) => g.key === key);

describe("March 2026 in Europe/Moscow", () => {
  test("the period is the local month; its bounds decide (c12 and c10 in, x1 and x2 out, y1 another org)", () => {
    expect(r.period).toEqual({ from: "2026-03-01T00:00:00.000+03:00", to: "2026-04-01T00:00:00.000+03:00" });
    expect(r.previousMonth).toBe("2026-02");
    // c01..c14: 14 (x2 at 00:00 local on 1 April would make 15, y1 too).
    expect(r.figures.cases).toBe(14);
    // Plastunovskaya 23: by the 5th of the next month, to the deputy head.
    expect(r.dueBy).toBe("2026-04-05");
    expect(r.official).toBe("заместитель главы администрации, ответственный за работу с сообщениями");
    expect(r.source).toBe("003_7882df1e4c209347.txt §23");
  });

  test("cases by status, topic and network", () => {
    const counts = (list: MonthlyReport["figures"]["by"]["status"]) => list.map((g) => [g.key, g.cases]);
    // closed: c01 c02 c03 c04 c05 c10 c11 c13 c14 = 9; the rest one each; ties by key.
    expect(counts(r.figures.by.status)).toEqual([
      ["closed", 9],
      ["drafting", 1],
      ["follow_up", 1],
      ["merged", 1],
      ["rejected", 1],
      ["triage", 1],
    ]);
    // ЖКХ: c01 c02 c06 c07 c09 c11 c13 = 7; Дороги: c03 c04 c05 c10 c14 = 5; none: c08 c12 = 2.
    expect(counts(r.figures.by.topic)).toEqual([
      ["ЖКХ", 7],
      ["Дороги", 5],
      [null, 2],
    ]);
    // vk: c01 c02 c04 c06 c08 c09 c10 c13 = 8; telegram: c03 c07 c12 c14 = 4; ok: c05 c11 = 2.
    expect(counts(r.figures.by.network)).toEqual([
      ["vk", 8],
      ["telegram", 4],
      ["ok", 2],
    ]);
  });

  test("by department and by executor, with names, answer share, rework rounds and breaches", () => {
    // Answer outcome per case: on time c01 c02 c04 c05 c06 c11 c13 c14; breached c03 c10; open c07;
    // cancelled c08 c09; c12 has no answer step.
    // d1 = c01 c02 c05 c06 c07 c11 c13 (c05 in both): 7 cases; answers counted c01 c02 c05 c06 c11 c13 = 6, all
    // on time; rework c02 1 + c05 1 = 2; breaches c05's draft = 1.
    expect(group(r.figures.by.department, m.dept("d1"))).toEqual({
      key: m.dept("d1"),
      label: "ЖКХ",
      cases: 7,
      answer: { counted: 6, onTime: 6, share: 1 },
      reworkRounds: 2,
      breaches: 1,
    });
    // d2 = c03 c04 c05 c10 c14: answers counted 5, on time c04 c05 c14 = 3 (0.6); rework 2 + 1 + 3 = 6;
    // breaches c03 route+answer 2, c05 draft 1, c10 rework+answer 2 = 5.
    expect(group(r.figures.by.department, m.dept("d2"))).toEqual({
      key: m.dept("d2"),
      label: "Дороги",
      cases: 5,
      answer: { counted: 5, onTime: 3, share: 0.6 },
      reworkRounds: 6,
      breaches: 5,
    });
    // No department: c08 c09 c12; none of them has a met or breached answer.
    expect(group(r.figures.by.department, null)).toEqual({
      key: null,
      label: null,
      cases: 3,
      answer: { counted: 0, onTime: 0, share: null },
      reworkRounds: 0,
      breaches: 0,
    });
    const executors = r.figures.by.executor.map((g) => [g.key, g.label, g.cases, g.answer.share, g.breaches]);
    // e1 = c01 c02 c05 c06 c11 c13 (6, all 6 answers on time, breach: c05's draft); e2 = c03 c04 c05 c10 c14
    // (5; 3 of 5 on time; 5 breaches as d2); none = c08 c09 c12 (3); e3 = c07 (1, answer still open).
    expect(executors).toEqual([
      [m.exec("e1"), "Иванов И. И.", 6, 1, 1],
      [m.exec("e2"), "Петров П. П.", 5, 0.6, 5],
      [null, null, 3, null, 0],
      [m.exec("e3"), "Сидоров С. С.", 1, null, 0],
    ]);
    // closed (9): answers counted 9, on time 7 (all but c03 c10): 0.7778; rework 1+2+1+3 = 7; breaches 5.
    expect(group(r.figures.by.status, "closed")).toMatchObject({
      answer: { counted: 9, onTime: 7, share: 0.7778 },
      reworkRounds: 7,
      breaches: 5,
    });
  });

  test("on-time share per step (cancelled and open steps left out) and overall (the answer step)", () => {
    const steps = r.figures.onTime.steps.map((s) => [
      s.step,
      s.onTime,
      s.late,
      s.breached,
      s.open,
      s.cancelled,
      s.counted,
      s.share,
    ]);
    // In the order of the regulations' steps.
    expect(steps).toEqual([
      // route: on time c01 c02 c04 c05 c06 c07(0) c07(1) c08 c10 c11 c13 c14 = 12, breached c03, open c12,
      // cancelled c09: 12 / 13 = 0.92307… -> 0.9231.
      ["route", 12, 0, 1, 1, 1, 13, 0.9231],
      ["return", 1, 0, 0, 0, 0, 1, 1], // c07
      ["clarification", 0, 1, 0, 0, 0, 1, 0], // c11: met three hours after due, never breached
      ["draft", 1, 0, 1, 0, 0, 2, 0.5], // c02 on time, c05 breached
      ["review", 1, 0, 0, 0, 0, 1, 1], // c02
      ["rework", 3, 0, 1, 0, 0, 4, 0.75], // c02(0), c10(0) c10(2) on time; c10(1) breached
      // answer: 8 on time, c03 c10 breached, c07 open, c08 c09 cancelled: 8 / 10.
      ["answer", 8, 0, 2, 1, 2, 10, 0.8],
      ["finalAfterInterim", 0, 0, 0, 1, 0, 0, null], // c06: not due yet
    ]);
    expect(r.figures.onTime.overall).toEqual({ counted: 10, onTime: 8, share: 0.8 });
  });

  test("answer time in working minutes: percentile_disc median and p90", () => {
    // Answered: c06 30, c11 45, c01 60, c13 75, c02 120, c04 240, c05 300, c03 480, c14 600, c10 900 (n = 10).
    // percentile_disc(f) is the ⌈f·n⌉-th value: median = 5th = 120 (percentile_cont would say 180),
    // p90 = 9th = 600 (percentile_cont: 630; the maximum is 900).
    expect(r.figures.answered).toBe(10);
    expect(r.figures.answerMinutes).toEqual({ count: 10, median: 120, p90: 600 });
  });

  test("rework rounds, breaches, returns for competence, merged", () => {
    // Rework: c02 1, c03 2, c05 1, c10 3 = 7 rounds in 4 cases; the other 10 cases none.
    expect(r.figures.rework).toEqual({
      rounds: 7,
      cases: 4,
      distribution: [
        { rounds: 0, cases: 10 },
        { rounds: 1, cases: 2 },
        { rounds: 2, cases: 1 },
        { rounds: 3, cases: 1 },
      ],
    });
    // Breached steps: route c03, draft c05, rework c10(1), answer c03 c10 = 5, in 3 cases (c03 c05 c10).
    expect(r.figures.breaches).toEqual({
      total: 5,
      cases: 3,
      byStep: [
        { step: "route", count: 1 },
        { step: "draft", count: 1 },
        { step: "rework", count: 1 },
        { step: "answer", count: 2 },
      ],
    });
    // Returns: c03 1, c07 1.
    expect(r.figures.returns).toEqual({ total: 2, cases: 2 });
    expect(r.figures.merged).toBe(1); // c09
  });
});

describe("February and the change", () => {
  test("February: p1 p2 p3 and x1 (one second before local midnight of 1 March)", () => {
    const p = r.previous;
    expect(p.cases).toBe(4);
    expect(p.by.status.map((g) => [g.key, g.cases])).toEqual([
      ["closed", 3],
      ["rejected", 1],
    ]);
    // Answered: x1 50, p1 100, p2 200: median the 2nd (⌈1.5⌉) = 100, p90 the 3rd (⌈2.7⌉) = 200.
    expect(p.answerMinutes).toEqual({ count: 3, median: 100, p90: 200 });
    // Answer: p1 and x1 on time, p2 breached, p3 cancelled: 2 / 3.
    expect(p.onTime.overall).toEqual({ counted: 3, onTime: 2, share: 0.6667 });
    expect(p.breaches).toEqual({ total: 1, cases: 1, byStep: [{ step: "answer", count: 1 }] });
    expect([p.rework.rounds, p.returns.total, p.merged]).toEqual([1, 1, 0]);
  });

  test("the change: March minus February", () => {
    const c = r.change;
    expect(c).toMatchObject({
      cases: 10, // 14 - 4
      answered: 7, // 10 - 3
      merged: 1,
      returns: 1, // 2 - 1
      reworkRounds: 6, // 7 - 1
      breaches: 4, // 5 - 1
      onTimeShare: 0.1333, // 0.8 - 0.6667
      answerMedian: 20, // 120 - 100
      answerP90: 400, // 600 - 200
    });
    // route only in x1 in February (1/1): 0.9231 - 1; answer 0.8 - 0.6667 and one more breach.
    expect(c.steps.find((s) => s.step === "route")).toEqual({
      step: "route",
      onTimeShare: -0.0769,
      breached: 1,
    });
    expect(c.steps.find((s) => s.step === "answer")).toEqual({
      step: "answer",
      onTimeShare: 0.1333,
      breached: 1,
    });
    // A step only in March compares with nothing.
    expect(c.steps.find((s) => s.step === "draft")).toEqual({
      step: "draft",
      onTimeShare: null,
      breached: 1,
    });
    expect(c.by.status).toEqual([
      { key: "closed", label: null, cases: 9, previous: 3, delta: 6 },
      { key: "rejected", label: null, cases: 1, previous: 1, delta: 0 },
      { key: "drafting", label: null, cases: 1, previous: 0, delta: 1 },
      { key: "follow_up", label: null, cases: 1, previous: 0, delta: 1 },
      { key: "merged", label: null, cases: 1, previous: 0, delta: 1 },
      { key: "triage", label: null, cases: 1, previous: 0, delta: 1 },
    ]);
    // ЖКХ: 7 against p1 x1; Дороги 5 against p2; no topic 2 (c08 c12) against p3.
    expect(c.by.topic.map((g) => [g.key, g.cases, g.previous, g.delta])).toEqual([
      ["ЖКХ", 7, 2, 5],
      ["Дороги", 5, 1, 4],
      [null, 2, 1, 1],
    ]);
  });
});

describe("determinism and storage", () => {
  test("re-building the month gives the same report, to the byte", async () => {
    const again = await buildMonthlyReport(conn.db, m.org, "2026-03");
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
  });

  test("generating twice stores one row with the same data; only the generation time moves", async () => {
    const first = await generateMonthlyReport(conn.db, {
      org: m.org,
      month: "2026-03",
      at: "2026-04-01T03:00:00Z",
    });
    expect(first).toEqual({ org: m.org, month: "2026-03", cases: 14 });
    const stored1 = await loadMonthlyReport(conn.db, m.org, "2026-03");
    await generateMonthlyReport(conn.db, { org: m.org, month: "2026-03", at: "2026-04-01T03:00:00Z" });
    const stored2 = await loadMonthlyReport(conn.db, m.org, "2026-03");
    expect(stored2!.report).toEqual(stored1!.report);
    expect(stored2!.report).toEqual(r);
    expect(Date.parse(stored2!.generatedAt)).toBeGreaterThanOrEqual(Date.parse(stored1!.generatedAt));
    const rows = await conn.sql`select count(*)::int as n from monthly_reports where org_id = ${m.org}`;
    expect(rows[0]!.n).toBe(1);
  });

  test("a run without a month reports the month before its scheduled time, in the org's zone", async () => {
    // 06:00 on 1 April in Moscow is 03:00 UTC: March.
    expect(reportedMonth("Europe/Moscow", "2026-04-01T03:00:00Z")).toBe("2026-03");
    // 00:30 on 1 April in Moscow is still 31 March in UTC: the zone decides, March again.
    expect(reportedMonth("Europe/Moscow", "2026-03-31T21:30:00Z")).toBe("2026-03");
    expect(reportedMonth("Asia/Omsk", "2026-01-01T00:00:00Z")).toBe("2025-12");
    expect(previousMonth("2026-01")).toBe("2025-12");
    const run = await generateMonthlyReport(conn.db, { org: m.org, at: "2026-03-31T21:30:00Z" });
    expect(run).toEqual({ org: m.org, month: "2026-03", cases: 14 });
  });
});
