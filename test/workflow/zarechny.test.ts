// Zarechny (001_72a8b4930195f3f4.txt, Europe/Moscow) on the time-skipping server: three sequential
// co-executors in the curator's order, the last composing (16); the executor publishes, the curator cannot
// (14); the curator's shorter answer budget (8) moving the draft lead (11); return window (9) and re-route
// (8); review (12), rework (13); a warning at 75 % of a step's budget to the assignee, and a breach that sets
// `overdue` and is escalated to the supervisor once. The return window as a limit: test/workflow/breach.test.ts.
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { cases } from "../../db/schema";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const mails = (id: string, subject: string, to?: string) =>
  w.h.smtp.mails.filter((m) => m.subject === `${subject}: ${id}` && (!to || m.to.includes(to)));

describe("zarechny", () => {
  test("three co-executors in the curator's order, 2 h each, the last composes (Zarechny 16); the executor publishes, the curator cannot (14)", async () => {
    const id = await w.h.start("zarechny");
    let v = await w.h.view(id);
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "11:00")); // 8: 60 m from detection
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00")); // 10: 8 h: Mon 10-13, 14-18 (7 h) + Tue 9-10
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "16:00")); // 11: Tue 10:00 - 3 h = Tue 9-10, Mon 16-18

    // The curator sets the order: social protection first, then housing, roads last (it composes).
    v = await w.h.act(id, "triage", "zarechny.curator", {
      topic: "Дороги",
      location: "ул. Ленина",
      importance: "normal",
      executors: ["zarechny.executor3", "zarechny.executor1", "zarechny.executor2"],
      mode: "sequential",
    });
    expect(v.status).toBe("assigned");
    expect(v.assignees).toEqual([
      { staffId: "zarechny.executor3", role: "co-executor", order: 1, department: "zarechny.social" },
      { staffId: "zarechny.executor1", role: "co-executor", order: 2, department: "zarechny.housing" },
      { staffId: "zarechny.executor2", role: "composer", order: 3, department: "zarechny.roads" },
    ]);
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:30")); // 9: 30 m from receipt

    v = await w.h.act(id, "accept", "zarechny.executor3");
    expect(v.status).toBe("contributing");
    expect(v.steps.coExecutorInput).toMatchObject({ round: 0, budget: "2h" });
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:00")); // 16: 2 h for the first
    // Out of turn: the second executor waits for the first.
    await expect(
      w.h.act(id, "contribute", "zarechny.executor1", { text: "Часть ЖКХ" }),
    ).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    // The composer contributes nothing: it writes the common answer.
    await expect(w.h.act(id, "contribute", "zarechny.executor2", { text: "x" })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });

    await w.h.sleep(30 * 60_000); // 10:30
    v = await w.h.act(id, "contribute", "zarechny.executor3", { text: "Льготы не затронуты." });
    expect(v.status).toBe("contributing");
    expect(v.steps.coExecutorInput).toMatchObject({ round: 1, from: "contribution_requested" });
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:30")); // 2 h from when it reached the second
    await expect(w.h.act(id, "contribute", "zarechny.executor3", { text: "ещё" })).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });

    await w.h.sleep(60 * 60_000); // 11:30
    v = await w.h.act(id, "contribute", "zarechny.executor1", { text: "Ливнёвка будет прочищена." });
    expect(v.status).toBe("drafting");
    expect(v.steps.coExecutorInput!.metAt).toBeDefined();
    expect(ms(v.steps.consolidate!.dueAt)).toBe(at(0, "14:30")); // 16: the last gets 2 h: 11:30-13, 14-14:30
    expect(v.contributions.map((c) => c.staffId)).toEqual(["zarechny.executor3", "zarechny.executor1"]);

    await expect(
      w.h.act(id, "draft", "zarechny.executor1", { kind: "final", text: "Ответ" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } }); // only the last executor composes
    v = await w.h.act(id, "draft", "zarechny.executor2", {
      kind: "final",
      text: "Здравствуйте! Ремонт в мае, ливнёвку прочистят, льготы сохраняются.",
    });
    expect(v.status).toBe("review");
    expect(v.steps.consolidate!.metAt).toBeDefined();
    expect(v.steps.draft!.metAt).toBeDefined(); // before the 16:00 lead
    v = await w.h.act(id, "approve", "zarechny.curator");
    expect(v.status).toBe("publishing");
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "12:00")); // 14: 30 m from approval at 11:30

    for (const who of ["zarechny.curator", "zarechny.executor1", "zarechny.executor3"])
      await expect(
        w.h.act(id, "publish", who, { url: "https://vk.com/wall-5_1?reply=1" }),
      ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    v = await w.h.act(id, "publish", "zarechny.executor2", { url: "https://vk.com/wall-5_1?reply=1" });
    expect(v.status).toBe("closed");
    expect(v.publications).toEqual([
      expect.objectContaining({
        kind: "final",
        by: "zarechny.executor2",
        url: "https://vk.com/wall-5_1?reply=1",
      }),
    ]);

    await completed(id);
    const done = await w.h.view(id);
    expect(done).toMatchObject({ status: "closed", overdue: false });
    expect(done.steps.answer!.metAt).toBeDefined();
    const [row] = await w.h.db.db.select().from(cases).where(eq(cases.caseId, id));
    expect(row).toMatchObject({ status: "closed", lastSeq: done.seq });
    // Each of the three got the assignment.
    for (const n of [1, 2, 3])
      expect(
        mails(id, "Сообщение из социальной сети для ответа", `zarechny.executor${n}@example.test`),
      ).toHaveLength(1);
  });

  test("the curator sets a shorter answer budget (Zarechny 8); the draft lead follows it (11); a longer one is refused", async () => {
    const id = await w.h.start("zarechny");
    const triage = (answerBudget: string) =>
      w.h.act(id, "triage", "zarechny.curator", {
        topic: "ЖКХ",
        importance: "high",
        executors: ["zarechny.executor1"],
        answerBudget,
        significant: true,
      });
    await expect(triage("9h")).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await triage("5h");
    expect(ms(v.answerDueAt)).toBe(at(0, "16:00")); // 10-13, 14-16
    expect(ms(v.steps.answer!.dueAt)).toBe(at(0, "16:00"));
    // 11, Decision "draft lead for a shortened answer budget": 3 h × 5/8 = 112.5 ≈ 113 m before 16:00.
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "14:07"));
    expect(ms(v.steps.route!.metAt)).toBe(at(0, "10:00"));
    // Socially significant: reported to the head at once (23).
    await expect
      .poll(
        () => w.h.smtp.mails.filter((m) => m.subject.includes(id) && m.subject.startsWith("Срочно")).length,
      )
      .toBe(1);
  });

  test("return within 30 m (Zarechny 9) and re-route within 60 m (8): the answer clock does not restart", async () => {
    const id = await w.h.start("zarechny");
    let v = await w.h.act(id, "triage", "zarechny.curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["zarechny.executor1"],
    });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:30"));
    await w.h.sleep(20 * 60_000); // 10:20
    v = await w.h.act(id, "return", "zarechny.executor1", { reason: "Дороги — не ЖКХ" });
    expect(v).toMatchObject({ status: "triage", returns: 1, assignees: [] });
    expect(v.steps.return!.metAt).toBeDefined();
    expect(v.steps.route).toMatchObject({ round: 1, from: "returned", budget: "1h" });
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "11:20"));
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00"));
    await expect(w.h.act(id, "accept", "zarechny.executor1")).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    v = await w.h.act(id, "route", "zarechny.curator", { executors: ["zarechny.executor2"] });
    expect(v.status).toBe("assigned");
    expect(v.steps.return).toMatchObject({ round: 1 });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:50"));
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00"));
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "16:00")); // the lead is fixed at detection and keeps running
  });

  test("review within 60 m (Zarechny 12), rework within 1 h (13), publication by the executor within 30 m (14)", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", "zarechny.curator", {
      topic: "ЖКХ",
      importance: "normal",
      executors: ["zarechny.executor1"],
    });
    let v = await w.h.act(id, "accept", "zarechny.executor1");
    expect(v.status).toBe("drafting");
    await w.h.sleep(60 * 60_000); // 11:00
    v = await w.h.act(id, "draft", "zarechny.executor1", { kind: "final", text: "Ответ" });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "12:00"));
    await w.h.sleep(15 * 60_000); // 11:15
    v = await w.h.act(id, "rework", "zarechny.curator", { reasons: ["format"], comment: "Проще" });
    expect(v).toMatchObject({ status: "rework", reworkRounds: 1 });
    expect(v.steps.review!.metAt).toBeDefined();
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "12:15"));
    const reworkMail = `Проект ответа на сообщение: ${id} — на доработку`;
    await expect
      .poll(() => w.h.smtp.mails.filter((m) => m.subject === reworkMail).map((m) => m.to))
      .toEqual([["zarechny.executor1@example.test"]]);
    await w.h.sleep(30 * 60_000); // 11:45
    v = await w.h.act(id, "draft", "zarechny.executor1", { kind: "final", text: "Здравствуйте! Ответ." });
    expect(v.steps.rework!.metAt).toBeDefined();
    expect(v.steps.review).toMatchObject({ round: 1 });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "12:45"));
    v = await w.h.act(id, "approve", "zarechny.curator");
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "12:15"));
    v = await w.h.act(id, "publish", "zarechny.executor1", { url: "https://ok.ru/group/5/topic/1?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: false, reworkRounds: 1 });
    expect(v.drafts.map((d) => d.reviews.map((r) => r.verdict))).toEqual([["rework"], ["approved"]]);
  });

  test("a warning at 75 % of the rework budget reaches the executor; its breach sets overdue and is escalated to the supervisor once (Zarechny 13, 21)", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", "zarechny.curator", {
      topic: "ЖКХ",
      importance: "normal",
      executors: ["zarechny.executor1"],
    });
    await w.h.act(id, "accept", "zarechny.executor1");
    await w.h.act(id, "draft", "zarechny.executor1", { kind: "final", text: "Ответ" });
    let v = await w.h.act(id, "rework", "zarechny.curator", { reasons: ["other"], comment: "Уточните" });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "11:00")); // 13: 1 h
    expect(ms(v.steps.rework!.warnAt)).toBe(at(0, "10:45")); // 75 % of 60 m
    await w.h.travelTo(iso(at(0, "10:46")));
    await expect
      .poll(() => mails(id, "Истекает срок «rework»", "zarechny.executor1@example.test").length)
      .toBe(1);
    expect(
      mails(id, "Истекает срок «rework»").every((m) => !m.to.includes("zarechny.supervisor@example.test")),
    ).toBe(true);
    expect((await w.h.view(id)).overdue).toBe(false);

    await w.h.travelTo(iso(at(0, "11:01")));
    v = await w.h.view(id);
    expect(v.overdue).toBe(true);
    expect(ms(v.steps.rework!.breachedAt)).toBe(at(0, "11:00"));
    await expect.poll(() => mails(id, "Нарушен срок «rework»").length).toBe(1);
    expect(mails(id, "Нарушен срок «rework»")[0]!.to).toContain("zarechny.supervisor@example.test");
    await expect
      .poll(async () => (await w.h.db.db.select().from(cases).where(eq(cases.caseId, id)))[0]?.overdue)
      .toBe(true);

    // The case goes on; an hour later, after the late rework, still one escalation.
    await w.h.travelTo(iso(at(0, "12:01")));
    v = await w.h.act(id, "draft", "zarechny.executor1", { kind: "final", text: "Ответ с уточнением" });
    expect(v.steps.rework).toMatchObject({ breachedAt: expect.any(String), metAt: expect.any(String) });
    await w.h.act(id, "approve", "zarechny.curator");
    v = await w.h.act(id, "publish", "zarechny.executor1", { url: "https://vk.com/wall-5_2?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: true });
    await completed(id);
    expect(mails(id, "Нарушен срок «rework»")).toHaveLength(1);
    expect(
      w.h.smtp.mails.filter((m) => m.subject.startsWith("Нарушен срок") && m.subject.includes(id)),
    ).toHaveLength(1);
  });
});
