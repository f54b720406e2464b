// Yuzhno-Sakhalinsk (000_42ec52c8cd571ccf.txt, Asia/Sakhalin) on the time-skipping server: the walk from
// message to the answer published by the operator, route 3 h from posting (3.1), draft 4 h and rework 3 h
// (3.2) and the structure's own total of 23 h across rework rounds (3.2 ¶5); the 24 h `workdays` answer
// clock over a weekend and its 8-working-hour floor on a shortened day (3.3); reject with a ground and link
// (3.6); explain, 12 h from posting (3.7); formal appeal (3.8); and an emergency on 1 January whose every
// step runs on the wall clock, with its breach (3.9).
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { calendarOverrides, cases } from "../../db/schema";
import { calendarChanged } from "../../workflows/actions";
import { plainMonday } from "./harness";
import { min, plainWeekSuite } from "./week";

const ZONE = "Asia/Sakhalin";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const DAY = 86_400_000;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const dateOf = (minute: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(minute * 60_000);

describe("yuzhno-sakhalinsk", () => {
  test("message -> operator routes within 3 h of posting (3.1) -> draft 4 h (3.2) -> rework 3 h (3.2) -> published by the operator (3.3)", async () => {
    // Posted at 09:30, found at 10:00: routing counts from the posting, the answer from the detection.
    const id = await w.h.start("yuzhno-sakhalinsk", { publishedAt: iso(at(0, "09:30")) });
    let v = await w.h.view(id);
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "12:30")); // 3.1: 09:30 + 3 working hours
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00")); // 3.3: 24 h of Mon+Tue clock time
    expect(v.steps.return).toBeUndefined(); // the operator re-routes itself; no return window
    await w.h.sleep(30 * 60_000); // 10:30
    v = await w.h.act(id, "triage", "yuzhno-sakhalinsk.curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["yuzhno-sakhalinsk.executor2"],
    });
    expect(v.status).toBe("assigned");
    expect(ms(v.steps.route!.metAt)).toBe(at(0, "10:30"));
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "15:30")); // 3.2 ¶1: 4 h from receipt: 10:30-13, 14-15:30
    await w.h.act(id, "accept", "yuzhno-sakhalinsk.executor2");
    await w.h.sleep(60 * 60_000); // 11:30
    v = await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor2", { kind: "final", text: "Ремонт в июне." });
    expect(v).toMatchObject({ status: "review", reviewTier: "single" });
    expect(v.steps.review).toBeUndefined(); // 3.2 ¶2: the operator checks within the answer budget
    v = await w.h.act(id, "rework", "yuzhno-sakhalinsk.curator", {
      reasons: ["not_to_the_point"],
      comment: "Укажите участок",
    });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "15:30")); // 3.2 ¶4: 3 h: 11:30-13, 14-15:30
    v = await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor2", {
      kind: "final",
      text: "Участок от д. 1 до д. 20 отремонтируют в июне.",
    });
    v = await w.h.act(id, "approve", "yuzhno-sakhalinsk.curator");
    expect(v.status).toBe("publishing");
    await expect(
      w.h.act(id, "publish", "yuzhno-sakhalinsk.executor2", { url: "https://vk.com/wall-4_1?reply=1" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    v = await w.h.act(id, "publish", "yuzhno-sakhalinsk.curator", { url: "https://vk.com/wall-4_1?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: false, reworkRounds: 1 });
    expect(ms(v.steps.answer!.metAt)).toBe(at(0, "11:30"));
    // 3.2 ¶5: the structure's own total ended with its last draft, an hour of the 23.
    expect(v.steps.executorTotal).toMatchObject({ budget: "23h", clock: "workdays", round: 0 });
    expect(ms(v.steps.executorTotal!.metAt)).toBe(at(0, "11:30"));
    expect(v.steps.executorTotal!.breachedAt).toBeUndefined();
    await completed(id);
  });

  test("the structure's own total of 23 h (3.2 ¶5) stops while the operator holds the draft and runs out across rework rounds", async () => {
    const id = await w.h.start("yuzhno-sakhalinsk");
    let v = await w.h.act(id, "triage", "yuzhno-sakhalinsk.curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["yuzhno-sakhalinsk.executor2"],
    });
    // Mon 10:00 + 23 h on the clock of 3.3 (every hour of working days): Tue 09:00.
    expect(v.steps.executorTotal).toMatchObject({ budget: "23h", clock: "workdays", spentMinutes: 0 });
    expect(ms(v.steps.executorTotal!.dueAt)).toBe(at(1, "09:00"));
    await w.h.act(id, "accept", "yuzhno-sakhalinsk.executor2");
    await w.h.sleep(3 * 3_600_000); // 13:00: three hours of the structure's
    v = await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor2", { kind: "final", text: "Проверим." });
    expect(Math.round(v.steps.executorTotal!.spentMinutes!)).toBe(180);
    expect(ms(v.steps.executorTotal!.pausedAt)).toBe(at(0, "13:00"));

    // The operator holds the draft past the instant the total would have run out had it kept running.
    await w.h.travelTo(iso(at(1, "10:00")));
    v = await w.h.view(id);
    expect(v.steps.executorTotal!.breachedAt).toBeUndefined();
    v = await w.h.act(id, "rework", "yuzhno-sakhalinsk.curator", {
      reasons: ["not_to_the_point"],
      comment: "Конкретнее",
    });
    // 20 h left from Tue 10:00: Tue 10-24 (14 h) + Wed 0-6.
    expect(v.steps.executorTotal!.pausedAt).toBeUndefined();
    expect(ms(v.steps.executorTotal!.dueAt)).toBe(at(2, "06:00"));
    await w.h.sleep(2 * 3_600_000); // Tue 12:00
    v = await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor2", { kind: "final", text: "Отремонтируем." });
    expect(Math.round(v.steps.executorTotal!.spentMinutes!)).toBe(300);
    await w.h.sleep(2.5 * 3_600_000); // Tue 14:30
    v = await w.h.act(id, "rework", "yuzhno-sakhalinsk.curator", { reasons: ["other"], comment: "Сроки?" });
    // 18 h left from Tue 14:30: Wed 08:30, before the working day in which the rework's own 3 h end.
    expect(ms(v.steps.executorTotal!.dueAt)).toBe(at(2, "08:30"));
    expect(ms(v.steps.rework!.dueAt)).toBe(at(1, "17:30"));
    // 75 % of 23 h (1035 min) is 735 min into this stretch: Wed 02:45.
    expect(ms(v.steps.executorTotal!.warnAt)).toBe(at(2, "02:45"));

    await w.h.travelTo(iso(at(2, "08:31")));
    v = await w.h.view(id);
    expect(ms(v.steps.executorTotal!.breachedAt)).toBe(at(2, "08:30"));
    const breach = () => w.h.smtp.mails.filter((m) => m.subject === `Нарушен срок «executorTotal»: ${id}`);
    await expect.poll(() => breach().length).toBe(1);
    expect(breach()[0]!.to).toEqual(
      ["yuzhno-sakhalinsk.executor2@example.test", "yuzhno-sakhalinsk.supervisor@example.test"].sort(),
    );
    // Approved late: the total stays breached, met when the last draft came.
    await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor2", { kind: "final", text: "Ремонт в среду." });
    v = await w.h.act(id, "approve", "yuzhno-sakhalinsk.curator");
    expect(v.steps.executorTotal).toMatchObject({
      breachedAt: expect.any(String),
      metAt: expect.any(String),
    });
  });

  test("the 24 h answer clock counts only working days: found on Friday 15:00, due Monday 15:00 (3.3)", async () => {
    // A Friday followed by a plain week, so the Monday after the weekend is a full working day.
    for (let next = plainMonday(w.monday, ZONE); Date.parse(next) !== Date.parse(w.monday) + 7 * DAY; ) {
      w.monday = next;
      next = plainMonday(w.monday, ZONE);
    }
    await w.h.travelTo(iso(at(4, "15:00")));
    const id = await w.h.start("yuzhno-sakhalinsk", { publishedAt: iso(at(4, "12:30")) });
    const v = await w.h.view(id);
    // Fri 15-24 (9 h) + Mon 0-15 (15 h); the 8 working hours (Fri 15-18, Mon 9-13, 14-15) end then too.
    expect(ms(v.answerDueAt)).toBe(at(7, "15:00"));
    expect(ms(v.steps.route!.dueAt)).toBe(at(4, "16:30")); // 3.1: 12:30-13, 14-16:30
  });

  test("the 8-working-hour floor: found at 12:00 on a shortened day, the 24 h window holds 7 working hours, so 13:00 next day (3.3)", async () => {
    await w.h.travelTo(iso(at(0, "12:00")));
    const id = await w.h.start("yuzhno-sakhalinsk");
    expect(ms((await w.h.view(id)).answerDueAt)).toBe(at(1, "12:00")); // a full Monday: both end Tue 12:00
    const date = dateOf(at(0, "12:00"));
    await w.h.db.db.insert(calendarOverrides).values({
      calendarId: "ru",
      date,
      kind: "shortened",
      reason: "test: a pre-holiday day (art. 95)",
      by: "yuzhno-sakhalinsk.admin",
    });
    try {
      await w.h.client.workflow.getHandle(id).signal(calendarChanged, { calendarId: "ru", version: 1 });
      // Mon 12-13, 14-17 (4 h) + Tue 9-12 (3 h) = 7 h by Tue 12:00; the eighth hour ends Tue 13:00.
      await expect.poll(async () => ms((await w.h.view(id)).answerDueAt)).toBe(at(1, "13:00"));
      expect((await w.h.view(id)).steps.answer).toMatchObject({ clock: "workdays", budget: "24h" });
    } finally {
      await w.h.db.db
        .delete(calendarOverrides)
        .where(and(eq(calendarOverrides.calendarId, "ru"), eq(calendarOverrides.date, date)));
    }
  });

  test("reject with a ground (3.6 ¶1): rejected, nothing published, the case ends", async () => {
    const id = await w.h.start("yuzhno-sakhalinsk", { text: "неразборчивый набор символов" });
    await expect(
      w.h.act(id, "reject", "yuzhno-sakhalinsk.curator", { ground: "repeat_no_new_arguments" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } }); // not a ground in 3.6
    await expect(
      w.h.act(id, "reject", "yuzhno-sakhalinsk.executor1", { ground: "unreadable" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    const v = await w.h.act(id, "reject", "yuzhno-sakhalinsk.curator", {
      ground: "unreadable",
      comment: "Текст не читается",
    });
    expect(v).toMatchObject({ status: "rejected", publications: [], rejection: { ground: "unreadable" } });
    expect(Object.values(v.steps).every((s) => s.metAt || s.cancelled || s.breachedAt)).toBe(true);
    await completed(id);
    await expect(
      w.h.act(id, "triage", "yuzhno-sakhalinsk.curator", {
        topic: "t",
        importance: "normal",
        executors: ["yuzhno-sakhalinsk.executor1"],
      }),
    ).rejects.toBeDefined();
    await expect
      .poll(async () => (await w.h.db.db.select().from(cases).where(eq(cases.caseId, id)))[0]?.status)
      .toBe("rejected");
  });

  test("link to an answer already on the official site (3.6 ¶2): publishing, then closed when the operator posts it", async () => {
    const id = await w.h.start("yuzhno-sakhalinsk");
    let v = await w.h.act(id, "link", "yuzhno-sakhalinsk.curator", {
      url: "https://yuzhno-sakh.ru/news/remont-dorog",
    });
    expect(v.status).toBe("publishing");
    expect(v.steps.route!.metAt).toBeDefined();
    expect(v.drafts).toEqual([
      expect.objectContaining({ kind: "link", text: "https://yuzhno-sakh.ru/news/remont-dorog" }),
    ]);
    v = await w.h.act(id, "publish", "yuzhno-sakhalinsk.curator", { url: "https://vk.com/wall-4_2?reply=1" });
    expect(v.status).toBe("closed");
    expect(v.publications).toEqual([
      expect.objectContaining({ kind: "link", by: "yuzhno-sakhalinsk.curator" }),
    ]);
    expect(v.steps.answer!.metAt).toBeDefined();
    await completed(id);
  });

  test("explain (3.7): 12 h from posting replaces the answer clock; only an explanation is drafted", async () => {
    const id = await w.h.start("yuzhno-sakhalinsk", { publishedAt: iso(at(0, "09:30")) });
    let v = await w.h.act(id, "explain", "yuzhno-sakhalinsk.curator", {
      reason: "out_of_competence",
      executors: ["yuzhno-sakhalinsk.executor1"],
    });
    expect(v.status).toBe("assigned");
    expect(v.steps.answer!.cancelled).toBe(true);
    expect(v.answerDueAt).toBeUndefined();
    // Mon 09:30-13, 14-18 (7.5 h) + Tue 9-13 (4 h) + 14:00-14:30
    expect(ms(v.steps.explanation!.dueAt)).toBe(at(1, "14:30"));
    expect(v.steps.explanation!.from).toBe("posting");
    await w.h.act(id, "accept", "yuzhno-sakhalinsk.executor1");
    await expect(
      w.h.act(id, "draft", "yuzhno-sakhalinsk.executor1", { kind: "final", text: "Ответ" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor1", {
      kind: "explanation",
      text: "Вопрос относится к ведению Правительства Сахалинской области.",
    });
    await w.h.act(id, "approve", "yuzhno-sakhalinsk.curator");
    v = await w.h.act(id, "publish", "yuzhno-sakhalinsk.curator", { url: "https://vk.com/wall-4_3?reply=1" });
    expect(v.status).toBe("closed");
    expect(v.publications).toEqual([expect.objectContaining({ kind: "explanation" })]);
    expect(v.steps.explanation!.metAt).toBeDefined();
    expect(v.steps.answer!.metAt).toBeUndefined();
    await completed(id);
  });

  test("formal appeal under 59-FZ with consent (3.8): handed off; the appeals office gets the name and address", async () => {
    const id = await w.h.start("yuzhno-sakhalinsk", {
      text: "Прошу рассмотреть как обращение: нет отопления",
    });
    await expect(
      w.h.act(id, "formal-appeal", "yuzhno-sakhalinsk.curator", {
        consent: false,
        fullName: "x",
        address: "y",
      }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await w.h.act(id, "formal-appeal", "yuzhno-sakhalinsk.curator", {
      consent: true,
      fullName: "Петрова Анна Сергеевна",
      address: "г. Южно-Сахалинск, ул. Ленина, д. 1, кв. 2",
      phone: "+7 900 000-00-00",
    });
    expect(v).toMatchObject({ status: "handed_off", publications: [] });
    await completed(id);
    const appeals = () =>
      w.h.smtp.mails.filter(
        (m) => m.subject.includes(id) && m.to.includes("yuzhno-sakhalinsk.appeals@example.test"),
      );
    await expect.poll(() => appeals().length).toBe(1);
    const text = appeals()[0]!.text;
    expect(text).toContain("Петрова Анна Сергеевна");
    expect(text).toContain("г. Южно-Сахалинск, ул. Ленина, д. 1, кв. 2");
    expect(text).toContain("+7 900 000-00-00");
    expect(text).toContain("нет отопления");
  });

  // Last: it travels to 1 January.
  test("emergency on a holiday (3.9): found on 1 January 10:00, answered on the wall clock by 2 January 10:00; missed, it is breached and escalated", async () => {
    const year = new Date(await w.h.now()).getUTCFullYear() + 1;
    const jan = (d: number, hhmm: string) => Date.parse(`${year}-01-0${d}T${hhmm}:00+11:00`) / 60_000;
    await w.h.travelTo(iso(jan(1, "10:00"))); // a non-working day by Labour Code art. 112
    const id = await w.h.start("yuzhno-sakhalinsk", { text: "Прорыв теплотрассы, дом 5 без отопления" });
    const normal = await w.h.view(id);
    expect(ms(normal.answerDueAt)).toBeGreaterThan(jan(8, "23:59")); // as a plain case: after the holidays
    let v = await w.h.act(id, "triage", "yuzhno-sakhalinsk.curator", {
      topic: "ЖКХ",
      importance: "normal",
      executors: ["yuzhno-sakhalinsk.executor1"],
      emergency: true,
    });
    expect(v.emergency).toBe(true);
    expect(v.steps.answer).toMatchObject({ clock: "wall", budget: "24h" });
    expect(ms(v.answerDueAt)).toBe(jan(2, "10:00"));
    // Every step runs on the wall clock, not only the answer (docs/regulations.md "Yuzhno-Sakhalinsk
    // emergencies"): the structure's 4 h (3.2 ¶1) and its own 23 h (3.2 ¶5) run through the holiday too.
    expect(v.steps.draft).toMatchObject({ clock: "wall", budget: "4h" });
    expect(ms(v.steps.draft!.dueAt)).toBe(jan(1, "14:00"));
    expect(v.steps.executorTotal).toMatchObject({ clock: "wall", budget: "23h" });
    expect(ms(v.steps.executorTotal!.dueAt)).toBe(jan(2, "09:00"));
    await w.h.act(id, "accept", "yuzhno-sakhalinsk.executor1");

    await w.h.travelTo(iso(jan(2, "10:01")));
    v = await w.h.view(id);
    expect(v.overdue).toBe(true);
    expect(ms(v.steps.answer!.breachedAt)).toBe(jan(2, "10:00"));
    const breaches = () => w.h.smtp.mails.filter((m) => m.subject === `Нарушен срок «answer»: ${id}`);
    await expect.poll(() => breaches().length).toBe(1);
    expect(breaches()[0]!.to).toContain("yuzhno-sakhalinsk.supervisor@example.test");

    // Answered late: published, still overdue, escalated once.
    await w.h.act(id, "draft", "yuzhno-sakhalinsk.executor1", {
      kind: "final",
      text: "Аварийная бригада на месте.",
    });
    await w.h.act(id, "approve", "yuzhno-sakhalinsk.curator");
    v = await w.h.act(id, "publish", "yuzhno-sakhalinsk.curator", { url: "https://vk.com/wall-4_4?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: true });
    expect(v.steps.answer).toMatchObject({ breachedAt: expect.any(String), metAt: expect.any(String) });
    await completed(id);
    expect(breaches()).toHaveLength(1);
  });
});
