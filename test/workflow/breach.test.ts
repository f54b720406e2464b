// The breach record (issue 13; docs/regulations.md "Decisions"), on the time-skipping server with
// hand-computed instants: a published clarification does not meet the answer; a shortened answer budget
// does not breach the draft at triage; a triage that raises importance re-plans a step already breached;
// the return window limits returning and obliges nothing.
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { buildMonthlyReport } from "../../activities/reports/monthly";
import { caseSteps, cases, orgs, staff } from "../../db/schema";
import { getTimeline } from "../../workflows/actions";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const mails = (id: string, prefix: string) =>
  w.h.smtp.mails.filter((m) => m.subject.startsWith(prefix) && m.subject.includes(id));
const Z = (who: string) => `zarechny.${who}`;

describe("breach record", () => {
  test("a published clarification question does not meet the answer; the answer clock runs on and breaches (Zarechny 10, 11)", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    await w.h.act(id, "accept", Z("executor1"));
    await w.h.act(id, "draft", Z("executor1"), {
      kind: "clarification",
      text: "Уточните адрес, пожалуйста.",
    });
    await w.h.act(id, "approve", Z("curator"));
    let v = await w.h.act(id, "publish", Z("executor1"), { url: "https://vk.com/wall-5_9?reply=1" });
    expect(v.status).toBe("drafting");
    expect(v.steps.answer!.metAt).toBeUndefined();
    // 10: 8 working hours from detection Mon 10:00 = Mon 10-13, 14-18 (7 h) + Tue 9-10.
    expect(ms(v.steps.answer!.dueAt)).toBe(at(1, "10:00"));

    await w.h.travelTo(iso(at(1, "10:01")));
    await expect.poll(async () => ms((await w.h.view(id)).steps.answer!.breachedAt)).toBe(at(1, "10:00"));
    expect((await w.h.view(id)).overdue).toBe(true);
    await expect.poll(() => mails(id, "Нарушен срок «answer»").length).toBe(1);

    // Tue 10:30: the answer itself is published; the step is met late, the breach stays on record.
    await w.h.travelTo(iso(at(1, "10:30")));
    await w.h.act(id, "draft", Z("executor1"), { kind: "final", text: "Здравствуйте! Вывезли." });
    await w.h.act(id, "approve", Z("curator"));
    v = await w.h.act(id, "publish", Z("executor1"), { url: "https://vk.com/wall-5_9?reply=2" });
    expect(v.status).toBe("closed");
    expect(ms(v.steps.answer!.metAt)).toBe(at(1, "10:30"));
    expect(ms(v.steps.answer!.breachedAt)).toBe(at(1, "10:00"));
    await completed(id);
    // The report's answer time runs to the answer, not to the question: Mon 10-13, 14-18, Tue 9-10:30.
    expect((await w.h.view(id)).answerWorkingMinutes).toBe(8 * 60 + 30);
  });

  test("a listed 4 h topic (Nenets 16 ¶2, 17) is not breached at triage: the draft is due 4 h × 4/8 = 2 h before the answer", async () => {
    const id = await w.h.start("nenets");
    let v = await w.h.act(id, "triage", "nenets.curator", {
      topic: "ЖКХ: аварии",
      importance: "normal",
      executors: ["nenets.executor1"],
    });
    expect(ms(v.answerDueAt)).toBe(at(0, "15:00")); // 10-13, 14-15
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "12:00")); // 15:00 - 2 h over the lunch break
    await w.h.travelTo(iso(at(0, "10:05")));
    v = await w.h.view(id);
    expect(v.overdue).toBe(false);
    expect(v.steps.draft!.breachedAt).toBeUndefined();
    await w.h.travelTo(iso(at(0, "12:01")));
    await expect.poll(async () => ms((await w.h.view(id)).steps.draft!.breachedAt)).toBe(at(0, "12:00"));
  });

  test("a curator-shortened budget (Zarechny 8, 11): 2 h answer, draft 3 h × 2/8 = 45 m before it, no breach at triage", async () => {
    const id = await w.h.start("zarechny");
    const v = await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
      answerBudget: "2h",
    });
    expect(ms(v.answerDueAt)).toBe(at(0, "12:00"));
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "11:15"));
    await w.h.travelTo(iso(at(0, "10:05")));
    expect((await w.h.view(id)).overdue).toBe(false);
    expect(mails(id, "Нарушен срок")).toHaveLength(0);
  });

  test("a late Omsk case triaged high is re-planned although already breached (6 ¶2, 7 ¶2; docs/process.md)", async () => {
    // Detected Thu 2026-04-30 15:10 Asia/Omsk (a shortened day ending 17:00; May 1-3 off), delivered now.
    const detected = "2026-04-30T15:10:00+06:00";
    const id = await w.h.start("omsk", { detectedAt: detected, publishedAt: detected });
    // 6 ¶1, 9 h: Thu 15:10-17:00 (1 h 50 m), Mon 9-13, 14-17:10. Long past: breached at once.
    await expect
      .poll(async () => (await w.h.view(id)).steps.answer?.breachedAt)
      .toBe("2026-05-04T17:10:00+06:00");
    const v = await w.h.act(id, "triage", "omsk.curator", {
      topic: "ЖКХ",
      importance: "high",
      executors: ["omsk.executor1"],
    });
    // 6 ¶2, 4 h: Thu 15:10-17:00, Mon 9:00-11:10. The breach instant stays on record.
    expect(v.steps.answer).toMatchObject({
      budget: "4h",
      dueAt: "2026-05-04T11:10:00+06:00",
      breachedAt: "2026-05-04T17:10:00+06:00",
    });
    expect(v.answerDueAt).toBe("2026-05-04T11:10:00+06:00");
    // 7 ¶2: 2 h before the high answer: Mon 9:10.
    expect(v.steps.draft!.dueAt).toBe("2026-05-04T09:10:00+06:00");
  });

  test("the return window is a limit, not a duty (Zarechny 9): no warning, no breach; a late return is taken and recorded late", async () => {
    const id = await w.h.start("zarechny");
    let v = await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    expect(v.steps.return).toMatchObject({ limit: true });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:30")); // 9: 30 m from receipt
    await w.h.travelTo(iso(at(0, "10:35")));
    v = await w.h.view(id);
    expect(v.overdue).toBe(false);
    expect(v.steps.return!.breachedAt).toBeUndefined();

    await w.h.travelTo(iso(at(0, "10:40")));
    v = await w.h.act(id, "return", Z("executor1"), { reason: "Не ЖКХ" });
    expect(v).toMatchObject({ status: "triage", returns: 1, overdue: false });
    expect(ms(v.steps.return!.metAt)).toBe(at(0, "10:40"));
    expect(v.steps.return!.breachedAt).toBeUndefined();
    const timeline = await w.h.client.workflow.getHandle(id).query(getTimeline);
    expect(timeline.find((e) => e.type === "late")?.data).toMatchObject({ step: "return" });
    // The read model (and so the monthly report, activities/reports/monthly-sql.ts) sees it late: met after
    // due, never breached.
    await expect
      .poll(async () => {
        const [row] = await w.h.db.db
          .select()
          .from(caseSteps)
          .where(and(eq(caseSteps.caseId, id), eq(caseSteps.step, "return")));
        return (
          row && {
            met: !!row.metAt,
            breached: row.breachedAt,
            late: Date.parse(row.metAt!) > Date.parse(row.dueAt!),
          }
        );
      })
      .toEqual({ met: true, breached: null, late: true });
    expect(mails(id, "Нарушен срок")).toHaveLength(0);
    expect(mails(id, "Истекает срок «return»")).toHaveLength(0);
  });

  test("the monthly report counts a late return as late, not breached (Zarechny 9, 22)", async () => {
    // An org of its own, so the month holds this case only.
    const org = `late-${Date.now()}`;
    await w.h.db.db.insert(orgs).values({ id: org, name: org, regulation: "zarechny", zone: ZONE });
    await w.h.db.db.insert(staff).values([
      { id: `${org}.curator`, orgId: org, name: "Куратор", roles: ["curator"] },
      { id: `${org}.executor`, orgId: org, name: "Исполнитель", roles: ["executor"] },
    ]);
    const id = await w.h.start(org);
    await w.h.act(id, "triage", `${org}.curator`, {
      topic: "ЖКХ",
      importance: "normal",
      executors: [`${org}.executor`],
    });
    await w.h.travelTo(iso(at(0, "10:40"))); // 10 m after the 30 m window
    await w.h.act(id, "return", `${org}.executor`, { reason: "Не ЖКХ" });
    await expect
      .poll(async () => (await w.h.db.db.select().from(cases).where(eq(cases.caseId, id)))[0]?.returns)
      .toBe(1);
    const report = await buildMonthlyReport(w.h.db.db, org, w.monday.slice(0, 7));
    expect(report.figures.onTime.steps.find((s) => s.step === "return")).toMatchObject({
      onTime: 0,
      late: 1,
      breached: 0,
    });
    expect(report.figures.breaches.total).toBe(0);
  });

  test("an executor who keeps the case without pressing accept is not breached (Zarechny 9)", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    await w.h.travelTo(iso(at(0, "11:00")));
    let v = await w.h.act(id, "accept", Z("executor1"));
    expect(v.overdue).toBe(false);
    v = await w.h.act(id, "draft", Z("executor1"), { kind: "final", text: "Ответ" });
    await w.h.act(id, "approve", Z("curator"));
    v = await w.h.act(id, "publish", Z("executor1"), { url: "https://vk.com/wall-5_8?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    expect(v.steps.return).toMatchObject({ cancelled: true });
    await completed(id);
    expect(mails(id, "Нарушен срок")).toHaveLength(0);
  });
});
