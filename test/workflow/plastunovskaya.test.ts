// Plastunovskaya (003_7882df1e4c209347.txt, Europe/Moscow, two-tier) on the time-skipping server: the regional
// curator triages and forwards (9), the municipal curator routes (10) to parallel co-executors with a composer
// it names (19); the draft goes through both tiers, a regional rework goes back through the municipal
// curator to the executor and the redraft passes both tiers again (12, 14, 15; docs/regulations.md); the municipal curator publishes (16); high importance halves
// items 10–16 but not 9 or 19 (17) and is reported at once (24); e-mail subjects as the regulation fixes them.
import { describe, expect, test } from "vitest";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const recipients = (subject: string) =>
  w.h.smtp.mails
    .filter((m) => m.subject === subject)
    .map((m) => m.to.join(","))
    .sort();
const P = (who: string) => `plastunovskaya.${who}`;
const mail = (who: string) => `plastunovskaya.${who}@example.test`;

describe("plastunovskaya", () => {
  test("regional curator forwards within 30 m (9), municipal curator routes within 30 m (10) to parallel contributors with a named composer (19)", async () => {
    const id = await w.h.start("plastunovskaya");
    let v = await w.h.view(id);
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:30")); // 9
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00")); // 8: 8 h from detection
    await expect(
      w.h.act(id, "triage", P("municipal-curator"), { topic: "ЖКХ", importance: "normal" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } }); // the regional curator triages (9)
    await w.h.sleep(10 * 60_000); // 10:10
    v = await w.h.act(id, "triage", P("regional-curator"), {
      topic: "ЖКХ",
      location: "ст. Пластуновская",
      importance: "normal",
    });
    expect(v.status).toBe("routing");
    expect(v.steps.route).toMatchObject({ round: 1, from: "forwarded" });
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:40")); // 10: 30 m from the forwarding
    await expect(
      w.h.act(id, "route", P("regional-curator"), { executors: [P("executor1")] }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } }); // the municipal curator routes (10)

    await w.h.sleep(10 * 60_000); // 10:20
    v = await w.h.act(id, "route", P("municipal-curator"), {
      executors: [P("executor1"), P("executor2")],
      composer: P("executor2"),
    });
    expect(v.status).toBe("assigned");
    expect(ms(v.steps.route!.metAt)).toBe(at(0, "10:20"));
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:50")); // 11
    expect(v.assignees).toEqual([
      { staffId: P("executor1"), role: "co-executor", department: "plastunovskaya.housing" },
      { staffId: P("executor2"), role: "composer", department: "plastunovskaya.roads" },
    ]);
    // The executors, and (10 ¶2) the heads of their departments, copied (patch assignment-copies).
    await expect
      .poll(() => recipients(`для ответа на сообщения из социальных сетей: ${id}`))
      .toEqual([[mail("executor1"), mail("executor2"), mail("housing.head"), mail("roads.head")].join(",")]);

    v = await w.h.act(id, "accept", P("executor2"));
    expect(v.status).toBe("contributing");
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:20")); // 19.2: 2 h, for all at once
    await expect(w.h.act(id, "contribute", P("executor2"), { text: "x" })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    }); // the composer writes the answer itself
    v = await w.h.act(id, "contribute", P("executor1"), { text: "Трубы заменят в мае." });
    expect(v.status).toBe("drafting");
    await expect(w.h.act(id, "draft", P("executor1"), { kind: "final", text: "x" })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    v = await w.h.act(id, "draft", P("executor2"), {
      kind: "final",
      text: "Здравствуйте! Трубы заменят в мае.",
    });
    expect(v).toMatchObject({ status: "review", reviewTier: "municipal" });
    expect(v.contributions.map((c) => c.staffId)).toEqual([P("executor1")]);
  });

  test("two tiers (12, 14, 15): the municipal curator forwards with no budget of his own, the regional curator reviews in 30 m; a regional rework goes through the municipal curator under one 1 h clock; the municipal curator publishes (16)", async () => {
    const id = await w.h.start("plastunovskaya");
    await w.h.act(id, "triage", P("regional-curator"), { topic: "Дороги", importance: "normal" });
    await w.h.act(id, "route", P("municipal-curator"), { executors: [P("executor2")] });
    await w.h.act(id, "accept", P("executor2"));
    await w.h.sleep(60 * 60_000); // 11:00
    let v = await w.h.act(id, "draft", P("executor2"), { kind: "final", text: "Дорогу отремонтируют." });
    expect(v).toMatchObject({ status: "review", reviewTier: "municipal" });
    // 12: the municipal curator has no review budget of his own; the answer clock (8) governs.
    expect(v.steps.review).toBeUndefined();
    // No question was asked: the clarification window (13, "в случае необходимости") lapsed without a breach.
    expect(v.steps.clarification).toMatchObject({ whenNeeded: true });
    expect(v.steps.clarification!.breachedAt).toBeUndefined();
    expect(v.overdue).toBe(false);
    // The draft goes to the municipal curator with the subject the regulation fixes (12).
    const up = `ответ на сообщение из социальных сетей: ${id}`;
    const back = `${up} — на доработку`;
    await expect.poll(() => recipients(up)).toEqual([mail("municipal-curator")]);
    await expect(w.h.act(id, "approve", P("regional-curator"))).rejects.toMatchObject({
      cause: { type: "forbidden" },
    }); // the municipal tier first

    await w.h.sleep(10 * 60_000); // 11:10
    v = await w.h.act(id, "approve", P("municipal-curator"), { comment: "Согласовано" });
    expect(v).toMatchObject({ status: "review", reviewTier: "regional" });
    expect(v.steps.review).toMatchObject({ round: 0 });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "11:40")); // 14: the regional curator's 30 m
    await expect.poll(() => recipients(up)).toEqual([mail("municipal-curator"), mail("regional-curator")]);
    await expect(w.h.act(id, "approve", P("municipal-curator"))).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });

    await w.h.sleep(10 * 60_000); // 11:20
    v = await w.h.act(id, "rework", P("regional-curator"), {
      reasons: ["format", "no_greeting"],
      comment: "Без ссылок на НПА, с приветствием",
    });
    // 15: back to the municipal curator first, under one clock of 1 h from the send-back.
    expect(v).toMatchObject({ status: "review", reviewTier: "municipal", reworkRounds: 1 });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "12:20"));
    await expect.poll(() => recipients(back)).toEqual([mail("municipal-curator")]);
    await expect(w.h.act(id, "approve", P("municipal-curator"))).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    await w.h.sleep(5 * 60_000); // 11:25: he passes it on; the same clock runs
    v = await w.h.act(id, "rework", P("municipal-curator"), {
      reasons: ["format"],
      comment: "См. замечания",
    });
    expect(v).toMatchObject({ status: "rework", reworkRounds: 1 });
    expect(v.steps.rework).toMatchObject({ round: 0 });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "12:20"));
    await expect.poll(() => recipients(back)).toEqual([mail("executor2"), mail("municipal-curator")]);

    await w.h.sleep(25 * 60_000); // 11:50
    v = await w.h.act(id, "draft", P("executor2"), {
      kind: "final",
      text: "Здравствуйте! Дорогу на ул. Мира отремонтируют в июне.",
    });
    expect(v).toMatchObject({ status: "review", reviewTier: "municipal" });
    expect(v.steps.rework!.metAt).toBeUndefined(); // not yet with the regional curator
    await w.h.sleep(10 * 60_000); // 12:00
    v = await w.h.act(id, "approve", P("municipal-curator"));
    expect(ms(v.steps.rework!.metAt)).toBe(at(0, "12:00"));
    expect(v.steps.review).toMatchObject({ round: 1 });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "12:30"));
    v = await w.h.act(id, "approve", P("regional-curator"));
    expect(v.status).toBe("publishing");
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "12:30")); // 16: 30 m
    for (const who of [P("regional-curator"), P("executor2")])
      await expect(
        w.h.act(id, "publish", who, { url: "https://ok.ru/group/3/topic/1?reply=1" }),
      ).rejects.toMatchObject({
        cause: { type: "forbidden" },
      });
    v = await w.h.act(id, "publish", P("municipal-curator"), {
      url: "https://ok.ru/group/3/topic/1?reply=1",
    });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    expect(v.publications).toEqual([expect.objectContaining({ by: P("municipal-curator"), kind: "final" })]);
    expect(v.drafts.map((d) => d.reviews.map((r) => `${r.tier}:${r.verdict}:${r.by}`))).toEqual([
      [`municipal:approved:${P("municipal-curator")}`, `regional:rework:${P("regional-curator")}`],
      [`municipal:approved:${P("municipal-curator")}`, `regional:approved:${P("regional-curator")}`],
    ]);
    await completed(id);
    // Each draft went to the municipal curator and, forwarded, to the regional one.
    expect(recipients(up)).toHaveLength(4);
  });

  test("high importance halves items 10–16 (17) but not 9 or 19; answer in 4 h (17); reported at once (24)", async () => {
    const id = await w.h.start("plastunovskaya");
    let v = await w.h.act(id, "triage", P("regional-curator"), { topic: "ЖКХ", importance: "high" });
    expect(v.steps.route).toMatchObject({ round: 1, from: "forwarded", budget: "15m" }); // the regional leg was met
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:15")); // 10: 30 m halved
    expect(ms(v.answerDueAt)).toBe(at(0, "15:00")); // 17: 4 h: 10-13, 14-15
    const report = `Срочно (high importance): ${id}`;
    await expect.poll(() => recipients(report)).toEqual([mail("supervisor")]);

    await w.h.sleep(5 * 60_000); // 10:05
    v = await w.h.act(id, "route", P("municipal-curator"), { executors: [P("executor1")] });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:20")); // 11: 30 m halved
    expect(ms(v.steps.clarification!.dueAt)).toBe(at(0, "10:35")); // 13: 1 h halved
    await w.h.sleep(5 * 60_000); // 10:10
    v = await w.h.act(id, "return", P("executor1"), { reason: "Вопрос отдела дорог" });
    expect(v).toMatchObject({ status: "routing", returns: 1 });
    expect(v.steps.route).toMatchObject({ from: "returned", budget: "15m" });
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:25")); // 11: the re-route, halved
    v = await w.h.act(id, "route", P("municipal-curator"), {
      executors: [P("executor1"), P("executor2")],
      composer: P("executor2"),
    });
    await w.h.act(id, "accept", P("executor2"));
    v = await w.h.view(id);
    expect(v.steps.coExecutorInput!.budget).toBe("2h"); // 19 is outside 10–16
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:10"));
    await w.h.act(id, "contribute", P("executor1"), { text: "Часть ЖКХ" });
    v = await w.h.act(id, "draft", P("executor2"), { kind: "final", text: "Ответ" });
    v = await w.h.act(id, "rework", P("municipal-curator"), { reasons: ["spelling"], comment: "Опечатки" });
    expect(ms(v.steps.rework!.dueAt)).toBe(at(0, "10:40")); // 15: 30 m, to the regional curator
    await w.h.act(id, "draft", P("executor2"), { kind: "final", text: "Ответ без опечаток" });
    v = await w.h.act(id, "approve", P("municipal-curator"));
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "10:25")); // 14: the regional curator's 15 m
    v = await w.h.act(id, "approve", P("regional-curator"));
    expect(v.steps.publish!.budget).toBe("15m");
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "10:25")); // 16: 15 m
    v = await w.h.act(id, "publish", P("municipal-curator"), { url: "https://vk.com/wall-3_1?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    await completed(id);
    expect(recipients(report)).toHaveLength(1);
  });
});
