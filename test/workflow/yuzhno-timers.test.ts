// Yuzhno-Sakhalinsk (000_42ec52c8cd571ccf.txt, Asia/Sakhalin) on the time-skipping server: the 24-hour
// `workdays` answer clock with its 8-working-hour floor (3.3), route 3 h from posting (3.1), the
// explanation path 12 h from posting (3.7), the formal appeal hand-off (3.8) and an emergency answered on a
// public holiday on the wall clock (3.9).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, plainMonday } from "./harness";
import { at as atOn, min } from "./week";

const ZONE = "Asia/Sakhalin";
let h: Harness;
let monday: string;
const at = (day: number, hhmm: string) => atOn(monday, day, hhmm);

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe("yuzhno-sakhalinsk", () => {
  test("answer: later of 24 h on working days and 8 working hours (3.3); route 3 h from posting (3.1)", async () => {
    monday = plainMonday(await h.now(), ZONE);
    await h.travelTo(monday);
    const id = await h.start("yuzhno-sakhalinsk");
    const v = await h.view(id);
    expect(min(v.answerDueAt)).toBe(at(1, "10:00")); // 24 h of Mon+Tue clock time; 8 working h end Tue 10:00 too
    expect(v.steps.answer).toMatchObject({ clock: "workdays", budget: "24h" });
    expect(min(v.steps.route!.dueAt)).toBe(at(0, "13:00")); // 10-13: the budget ends with the morning period
    expect(v.answerDueAt).toMatch(/\+11:00$/);
  });

  test("explain: the explanation clock (12 h from posting, 3.7) replaces the answer clock", async () => {
    monday = plainMonday(await h.now(), ZONE);
    await h.travelTo(monday);
    const id = await h.start("yuzhno-sakhalinsk");
    let v = await h.act(id, "explain", "yuzhno-sakhalinsk.curator", {
      reason: "court_act",
      executors: ["yuzhno-sakhalinsk.executor1"],
    });
    expect(v.status).toBe("assigned");
    expect(v.steps.answer!.cancelled).toBe(true);
    expect(min(v.steps.explanation!.dueAt)).toBe(at(1, "15:00")); // Mon 7 h + Tue 9-13, 14-15
    await h.act(id, "accept", "yuzhno-sakhalinsk.executor1");
    await expect(
      h.act(id, "draft", "yuzhno-sakhalinsk.executor1", { kind: "final", text: "Ответ" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    await h.act(id, "draft", "yuzhno-sakhalinsk.executor1", {
      kind: "explanation",
      text: "Разъяснение порядка обжалования",
    });
    await h.act(id, "approve", "yuzhno-sakhalinsk.curator");
    v = await h.act(id, "publish", "yuzhno-sakhalinsk.curator", { url: "https://vk.com/wall-4_1?reply=1" });
    expect(v.status).toBe("closed");
    expect(v.steps.explanation!.metAt).toBeDefined();
  });

  test("formal appeal under 59-FZ with the author's consent: handed off, e-mailed to the appeals office (3.8)", async () => {
    const id = await h.start("yuzhno-sakhalinsk");
    await expect(
      h.act(id, "formal-appeal", "yuzhno-sakhalinsk.curator", {
        consent: false,
        fullName: "x",
        address: "y",
      }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await h.act(id, "formal-appeal", "yuzhno-sakhalinsk.curator", {
      consent: true,
      fullName: "Петрова Анна Сергеевна",
      address: "г. Южно-Сахалинск, ул. Ленина, 1",
      phone: "+7 900 000-00-00",
    });
    expect(v.status).toBe("handed_off");

    await expect
      .poll(
        () =>
          h.smtp.mails.filter(
            (m) => m.subject.includes(id) && m.to.includes("yuzhno-sakhalinsk.appeals@example.test"),
          ).length,
      )
      .toBe(1);
    expect(Object.values(v.steps).every((s) => !s.dueAt || s.metAt || s.cancelled || s.breachedAt)).toBe(
      true,
    );
  });

  test("an emergency on a public holiday is answered on the wall clock: 24 h later, breached if missed (3.9)", async () => {
    const year = new Date(await h.now()).getUTCFullYear() + 1;
    await h.travelTo(`${year}-01-01T10:00:00+11:00`); // 1 January: a holiday by Labour Code art. 112
    const id = await h.start("yuzhno-sakhalinsk", { text: "Прорыв теплотрассы, без отопления дом 5" });
    const normal = await h.view(id);
    expect(Date.parse(normal.answerDueAt!)).toBeGreaterThan(Date.parse(`${year}-01-08T00:00:00+11:00`)); // after the holidays
    const v = await h.act(id, "triage", "yuzhno-sakhalinsk.curator", {
      topic: "ЖКХ",
      importance: "high",
      executors: ["yuzhno-sakhalinsk.executor1"],
      emergency: true,
    });
    expect(v.emergency).toBe(true);
    expect(v.steps.answer!.clock).toBe("wall");
    expect(Date.parse(v.answerDueAt!)).toBe(Date.parse(`${year}-01-02T10:00:00+11:00`));
    await h.travelTo(`${year}-01-02T10:01:00+11:00`);
    const late = await h.view(id);
    expect(late.overdue).toBe(true);
    expect(Date.parse(late.steps.answer!.breachedAt!)).toBe(Date.parse(`${year}-01-02T10:00:00+11:00`));
    await expect
      .poll(() => h.smtp.mails.filter((m) => m.subject === `Нарушен срок «answer»: ${id}`).length)
      .toBe(1);
  });
});
