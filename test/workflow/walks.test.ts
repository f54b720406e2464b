// Zarechny, Plastunovskaya and Nenets walked from message to published answer on the time-skipping server,
// each started on a plain working Monday 10:00 Moscow time so that its deadlines are checked by hand
// (default schedule 09:00–13:00, 14:00–18:00). Omsk and Yuzhno-Sakhalinsk have suites of their own.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createHarness, type Harness, plainMonday } from "./harness";
import { at as atOn, min } from "./week";

const ZONE = "Europe/Moscow";
let h: Harness;
let monday: string;
const at = (day: number, hhmm: string) => atOn(monday, day, hhmm);

beforeAll(async () => {
  h = await createHarness();
});
beforeEach(async () => {
  monday = plainMonday(await h.now(), ZONE);
  await h.travelTo(monday);
});
afterAll(async () => {
  await h?.stop();
});

describe("zarechny (001_72a8b4930195f3f4.txt)", () => {
  test("route 60 m (8), answer 8 h (10), draft lead answer − 3 h (11); sequential co-executors (16); the executor publishes (14)", async () => {
    const id = await h.start("zarechny");
    let v = await h.view(id);
    expect(min(v.steps.route!.dueAt)).toBe(at(0, "11:00"));
    expect(min(v.answerDueAt)).toBe(at(1, "10:00")); // Mon 10-13, 14-18 (7 h) + Tue 9-10
    expect(min(v.steps.draft!.dueAt)).toBe(at(0, "16:00")); // Tue 10:00 - 3 h: Tue 9-10 and Mon 16-18
    v = await h.act(id, "triage", "zarechny.curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["zarechny.executor1", "zarechny.executor2"],
      mode: "sequential",
    });
    expect(min(v.steps.return!.dueAt)).toBe(at(0, "10:30")); // 9: 30 m from receipt
    await h.act(id, "accept", "zarechny.executor2");
    v = await h.act(id, "contribute", "zarechny.executor1", { text: "Часть отдела ЖКХ" });
    expect(v.status).toBe("drafting");
    v = await h.act(id, "draft", "zarechny.executor2", { kind: "final", text: "Ответ" });
    expect(min(v.steps.review!.dueAt)).toBe(at(0, "11:00")); // 12: 60 m
    v = await h.act(id, "rework", "zarechny.curator", { reasons: ["spelling"], comment: "Опечатки" });
    expect(min(v.steps.rework!.dueAt)).toBe(at(0, "11:00")); // 13: 1 h
    await h.act(id, "draft", "zarechny.executor2", { kind: "final", text: "Ответ без опечаток" });
    await h.act(id, "approve", "zarechny.curator");
    await expect(h.act(id, "publish", "zarechny.curator", { url: "https://vk.com/r" })).rejects.toMatchObject(
      {
        cause: { type: "forbidden" },
      },
    );
    v = await h.act(id, "publish", "zarechny.executor2", { url: "https://vk.com/wall-5_1?reply=1" });
    expect(v.status).toBe("closed");
    expect(v.overdue).toBe(false);
  });
});

describe("plastunovskaya (003_7882df1e4c209347.txt)", () => {
  test("two tiers: regional 30 m not halved (9), municipal 15 m for high (10, 17), answer 4 h (17); review municipal then regional with rework (14, 15); municipal curator publishes (16)", async () => {
    const id = await h.start("plastunovskaya");
    expect(min((await h.view(id)).steps.route!.dueAt)).toBe(at(0, "10:30"));
    await h.sleep(10 * 60_000);
    let v = await h.act(id, "triage", "plastunovskaya.regional-curator", {
      topic: "ЖКХ",
      importance: "high",
    });
    expect(v.status).toBe("routing");
    expect(min(v.answerDueAt)).toBe(at(0, "15:00")); // 17: 4 h for high: 10-13, 14-15
    expect(min(v.steps.route!.dueAt)).toBe(at(0, "10:25")); // municipal leg, 15 m from 10:10
    await expect
      .poll(() => h.smtp.mails.filter((m) => m.subject.includes(id) && m.subject.startsWith("Срочно")).length)
      .toBe(1); // 24: every high case reported at once
    v = await h.act(id, "route", "plastunovskaya.municipal-curator", {
      executors: ["plastunovskaya.executor1", "plastunovskaya.executor2"],
      composer: "plastunovskaya.executor1",
    });
    await expect
      .poll(
        () =>
          h.smtp.mails.filter((m) => m.subject === `для ответа на сообщения из социальных сетей: ${id}`)
            .length,
      )
      .toBe(1);
    await h.act(id, "accept", "plastunovskaya.executor1");
    await h.act(id, "contribute", "plastunovskaya.executor2", { text: "Часть отдела дорог" });
    v = await h.act(id, "draft", "plastunovskaya.executor1", { kind: "final", text: "Ответ" });
    expect(v.reviewTier).toBe("municipal");
    await h.act(id, "approve", "plastunovskaya.municipal-curator");
    v = await h.act(id, "rework", "plastunovskaya.regional-curator", {
      reasons: ["format"],
      comment: "Без ссылок на НПА",
    });
    expect(v.status).toBe("rework");
    expect(v.steps.rework!.budget).toBe("30m"); // 15: 1 h halved for high
    await h.act(id, "draft", "plastunovskaya.executor1", { kind: "final", text: "Ответ проще" });
    await h.act(id, "approve", "plastunovskaya.municipal-curator");
    await h.act(id, "approve", "plastunovskaya.regional-curator");
    v = await h.act(id, "publish", "plastunovskaya.municipal-curator", {
      url: "https://ok.ru/group/1/topic/2?reply=1",
    });
    expect(v.status).toBe("closed");
    expect(v.drafts.map((d) => d.reviews.map((r) => `${r.tier}:${r.verdict}`))).toEqual([
      ["municipal:approved", "regional:rework"],
      ["municipal:approved", "regional:approved"],
    ]);
  });
});

describe("nenets (004_7df024af3c275bd4.txt)", () => {
  test("answer 8 h, draft lead − 4 h (16, 17); a listed topic is answered in 4 h (16 ¶2); interim then final (21)", async () => {
    const id = await h.start("nenets");
    let v = await h.view(id);
    expect(min(v.answerDueAt)).toBe(at(1, "10:00"));
    expect(min(v.steps.draft!.dueAt)).toBe(at(0, "15:00")); // Tue 10:00 - 4 h: Tue 9-10 and Mon 15-18
    v = await h.act(id, "triage", "nenets.curator", {
      topic: "ЖКХ: аварии",
      importance: "normal",
      executors: ["nenets.executor1"],
    });
    expect(min(v.answerDueAt)).toBe(at(0, "15:00"));
    await h.act(id, "accept", "nenets.executor1");
    await h.act(id, "draft", "nenets.executor1", { kind: "interim", text: "Аварийная бригада выехала" });
    await h.act(id, "approve", "nenets.curator");
    v = await h.act(id, "publish", "nenets.curator", { url: "https://vk.com/wall-6_1?reply=1" });
    expect(v.status).toBe("follow_up");
    expect(v.steps.answer!.metAt).toBeDefined();
    await h.act(id, "draft", "nenets.executor1", { kind: "final", text: "Авария устранена" });
    await h.act(id, "approve", "nenets.curator");
    v = await h.act(id, "publish", "nenets.curator", { url: "https://vk.com/wall-6_1?reply=2" });
    expect(v.status).toBe("closed");
  });
});
