// Omsk (002_065ac137eac5f223.txt) on the time-skipping server: the whole walk from message to published
// answer, responsible co-execution (12), rework (9), return and re-route (4.4, 5), interim -> follow-up
// breach -> final (11), a calendar change moving a pending deadline, refusals that leave history untouched,
// duplicate start.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { calendarOverrides, cases } from "../../db/schema";
import { calendarChanged } from "../../workflows/actions";
import { caseWorkflow } from "../../workflows/case";
import { min, plainWeekSuite } from "./week";

const ZONE = "Asia/Omsk";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;

describe("omsk", () => {
  test("message -> triage -> responsible co-execution -> rework -> approval -> published by the curator", async () => {
    const id = await w.h.start("omsk");
    let v = await w.h.view(id);
    expect(v.status).toBe("triage");
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:30")); // 4.4: 30 m of working time
    expect(ms(v.steps.answer!.dueAt)).toBe(at(1, "11:00")); // 6: 9 h: Mon 10-13, 14-18 (7 h) + Tue 9-11
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "16:00")); // 7: answer due - 4 h
    expect(v.steps.answer!.dueAt).toMatch(/\+06:00$/);

    await w.h.sleep(10 * 60_000);
    v = await w.h.act(id, "triage", "omsk.curator", {
      topic: "Дороги",
      location: "ул. Ленина",
      importance: "normal",
      executors: ["omsk.executor1", "omsk.executor2"],
      mode: "responsible",
    });
    expect(v.status).toBe("assigned");
    expect(v.steps.route!.metAt).toBeDefined();
    expect(v.assignees).toEqual([
      { staffId: "omsk.executor1", role: "composer", department: "omsk.housing" },
      { staffId: "omsk.executor2", role: "co-executor", department: "omsk.roads" },
    ]);
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:40")); // 5: 30 m from assignment

    v = await w.h.act(id, "accept", "omsk.executor1");
    expect(v.status).toBe("contributing");
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:10")); // 12.4: 2 h
    await w.h.sleep(30 * 60_000);
    v = await w.h.act(id, "contribute", "omsk.executor2", { text: "Ремонт запланирован на май." });
    expect(v.status).toBe("drafting");
    expect(ms(v.steps.consolidate!.dueAt)).toBe(at(0, "12:40")); // 12.5: 2 h for the responsible to compose

    v = await w.h.act(id, "draft", "omsk.executor1", { kind: "final", text: "Ремонт в мае." });
    expect(v).toMatchObject({ status: "review", reviewTier: "single" });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "11:10")); // 8: 30 m
    v = await w.h.act(id, "rework", "omsk.curator", {
      reasons: ["no_greeting", "other"],
      comment: "Добавьте приветствие",
    });
    expect(v).toMatchObject({ status: "rework", reworkRounds: 1 });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "11:40")); // 9: 1 h
    v = await w.h.act(id, "draft", "omsk.executor1", { kind: "final", text: "Здравствуйте! Ремонт в мае." });
    expect(v.steps.review!.round).toBe(1);
    v = await w.h.act(id, "approve", "omsk.curator", {});
    expect(v.status).toBe("publishing");
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "11:10")); // 10: 30 m
    v = await w.h.act(id, "publish", "omsk.curator", { url: "https://vk.com/wall-1_1?reply=77" });
    expect(v.status).toBe("closed");

    await completed(id);
    const result = await w.h.view(id);
    expect(result.status).toBe("closed");
    expect(result.overdue).toBe(false);
    expect(result.steps.answer!.metAt).toBeDefined();
    expect(result.drafts.map((d) => d.reviews.map((r) => r.verdict))).toEqual([["rework"], ["approved"]]);
    expect(result.publications).toEqual([
      expect.objectContaining({ kind: "final", url: "https://vk.com/wall-1_1?reply=77", by: "omsk.curator" }),
    ]);
    const [row] = await w.h.db.db.select().from(cases).where(eq(cases.caseId, id));
    expect(row).toMatchObject({ status: "closed", reworkRounds: 1, topic: "Дороги", lastSeq: result.seq });
    const to = (addr: string) => w.h.smtp.mails.filter((m) => m.to.includes(addr) && m.subject.includes(id));
    expect(to("omsk.executor1@example.test").length).toBeGreaterThanOrEqual(2); // assignment + rework
    expect(to("omsk.curator@example.test").length).toBe(2); // two drafts to review
  });

  test("high importance: 4 h answer, 2 h draft lead (6 ¶2, 7 ¶2); socially significant reported at once (19)", async () => {
    const id = await w.h.start("omsk");
    const v = await w.h.act(id, "triage", "omsk.curator", {
      topic: "ЖКХ",
      importance: "high",
      executors: ["omsk.executor1"],
      significant: true,
    });
    expect(ms(v.answerDueAt)).toBe(at(0, "15:00")); // Mon 10-13 (3 h) + 14-15
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "12:00")); // 15:00 - 2 h, over the lunch break
    await expect
      .poll(
        () => w.h.smtp.mails.filter((m) => m.subject.includes(id) && m.subject.startsWith("Срочно")).length,
      )
      .toBe(1);
    const report = w.h.smtp.mails.find((m) => m.subject.includes(id) && m.subject.startsWith("Срочно"))!;
    expect(report.to).toContain("omsk.supervisor@example.test");
  });

  test("a shorter answer budget set by the curator (4.3) moves the answer and the draft lead; a longer one is refused", async () => {
    const id = await w.h.start("omsk");
    await expect(
      w.h.act(id, "triage", "omsk.curator", {
        topic: "t",
        importance: "normal",
        executors: ["omsk.executor1"],
        answerBudget: "10h",
      }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await w.h.act(id, "triage", "omsk.curator", {
      topic: "t",
      importance: "normal",
      executors: ["omsk.executor1"],
      answerBudget: "6h",
    });
    expect(ms(v.answerDueAt)).toBe(at(0, "17:00"));
    // 7 ¶1 under the Decision "draft lead for a shortened answer budget": 4 h × 6/9 = 160 m before 17:00.
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "14:20"));
  });

  test("return for competence (5) and re-route (4.4): route and return clocks restart, the answer clock never does", async () => {
    const id = await w.h.start("omsk");
    await w.h.act(id, "triage", "omsk.curator", {
      topic: "t",
      importance: "normal",
      executors: ["omsk.executor1"],
    });
    await w.h.sleep(20 * 60_000);
    let v = await w.h.act(id, "return", "omsk.executor1", { reason: "Вопрос дорожного департамента" });
    expect(v).toMatchObject({ status: "triage", returns: 1, assignees: [] });
    expect(v.steps.route).toMatchObject({ round: 1, from: "returned" });
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:50")); // 30 m from the return at 10:20
    expect(ms(v.answerDueAt)).toBe(at(1, "11:00"));
    v = await w.h.act(id, "route", "omsk.curator", { executors: ["omsk.executor2"] });
    expect(v.status).toBe("assigned");
    expect(v.steps.return!.round).toBe(1);
    expect(ms(v.answerDueAt)).toBe(at(1, "11:00"));
  });

  test("interim answer opens the 7-working-day follow-up (11); its breach is escalated; the final closes the case", async () => {
    const id = await w.h.start("omsk");
    await w.h.act(id, "triage", "omsk.curator", {
      topic: "t",
      importance: "normal",
      executors: ["omsk.executor1"],
    });
    await w.h.act(id, "accept", "omsk.executor1");
    await w.h.act(id, "draft", "omsk.executor1", { kind: "interim", text: "Вопрос изучается." });
    await w.h.act(id, "approve", "omsk.curator");
    let v = await w.h.act(id, "publish", "omsk.curator", { url: "https://vk.com/wall-1_1?reply=1" });
    expect(v.status).toBe("follow_up");
    expect(v.steps.answer!.metAt).toBeDefined();
    // Published on Monday: the 7 working days are Tue..Fri and Mon..Wed of the next week (a plain week
    // follows only if the calendar says so; the planner decides, the workflow must follow it).
    const due = ms(v.steps.finalAfterInterim!.dueAt);
    expect(due).toBeGreaterThanOrEqual(at(9, "18:00"));
    await w.h.travelTo(new Date((due + 1) * 60_000).toISOString());
    v = await w.h.view(id);
    expect(v.overdue).toBe(true);
    expect(ms(v.steps.finalAfterInterim!.breachedAt)).toBe(due);
    await expect
      .poll(
        () =>
          w.h.smtp.mails.filter((m) => m.subject.includes(id) && m.subject.includes("finalAfterInterim"))
            .length,
      )
      .toBeGreaterThanOrEqual(1);
    await w.h.act(id, "draft", "omsk.executor1", { kind: "final", text: "Сделано." });
    await w.h.act(id, "approve", "omsk.curator");
    v = await w.h.act(id, "publish", "omsk.curator", { url: "https://vk.com/wall-1_1?reply=2" });
    expect(v.status).toBe("closed");
    expect(v.steps.finalAfterInterim).toMatchObject({
      breachedAt: expect.any(String),
      metAt: expect.any(String),
    });
    expect(v.overdue).toBe(true);
  });

  test("a calendar change moves a pending deadline: Tuesday declared non-working pushes the answer to Wednesday", async () => {
    const id = await w.h.start("omsk");
    expect(ms((await w.h.view(id)).answerDueAt)).toBe(at(1, "11:00"));
    const tuesday = new Date(at(1, "12:00") * 60_000).toISOString().slice(0, 10);
    await w.h.db.db.insert(calendarOverrides).values({
      calendarId: "ru",
      date: tuesday,
      kind: "non_working",
      reason: "test decree",
      by: "omsk.admin",
    });
    try {
      await w.h.client.workflow.getHandle(id).signal(calendarChanged, { calendarId: "ru", version: 1 });
      await expect.poll(async () => ms((await w.h.view(id)).answerDueAt)).toBe(at(2, "11:00"));
      const v = await w.h.view(id);
      expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:30")); // today's clocks are unaffected
    } finally {
      await w.h.db.db.delete(calendarOverrides).where(eq(calendarOverrides.date, tuesday));
    }
  });

  test("refused actions (wrong actor, wrong state, bad payload, other org) change nothing", async () => {
    const id = await w.h.start("omsk");
    const before = await w.h.view(id);
    const refusals: Array<[() => Promise<unknown>, string]> = [
      [
        () =>
          w.h.act(id, "triage", "omsk.executor1", {
            topic: "t",
            importance: "normal",
            executors: ["omsk.executor1"],
          }),
        "forbidden",
      ],
      [() => w.h.act(id, "accept", "omsk.executor1"), "wrong_state"],
      [() => w.h.act(id, "triage", "omsk.curator", { topic: "", importance: "urgent" }), "invalid"],
      [() => w.h.act(id, "reject", "omsk.curator", { ground: "unreadable" }), "invalid"], // not a ground in Omsk 16
      [
        () =>
          w.h.act(id, "triage", "zarechny.curator", { topic: "t", importance: "normal", executors: ["x"] }),
        "not_found",
      ],
    ];
    for (const [act, type] of refusals) await expect(act()).rejects.toMatchObject({ cause: { type } });
    // No Update was accepted: nothing of it is in history (the test server keeps the empty workflow tasks it
    // ran the validators in; the dev-server suite checks the history length itself).
    const events = (await w.h.history(id)).events ?? [];
    expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
    expect(await w.h.view(id)).toEqual(before);
  });

  test("starting the same message twice gives one case", async () => {
    const id = await w.h.start("omsk", { externalId: "dup-1" });
    const v = await w.h.view(id);
    await expect(
      w.h.client.workflow.start(caseWorkflow, {
        workflowId: id,
        taskQueue: w.h.taskQueue,
        args: [{ caseId: id, message: {} as never, org: {} as never, receivedAt: v.message.detectedAt }],
      }),
    ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  });
});
afterAll(() => {
  if (process.env.DEBUG_MAILS) for (const m of w.h.smtp.mails) console.log(m.to.join(","), "|", m.subject);
});
