// The duties the texts name (issue 14, first half; docs/regulations.md), on the time-skipping server with
// hand-computed instants: a substitute takes over (`reassign`: Zarechny 7, Nenets 13, Plastunovskaya 7.2),
// significance seen later (`flag`: Zarechny 23), a formal appeal once executors work on the case
// (Yuzhno-Sakhalinsk 3.8), a repeat message marked at triage (Zarechny 17) and who is named on an assignment
// (Omsk 12.2).
import { describe, expect, test } from "vitest";
import { getTimeline } from "../../workflows/actions";
import { min, plainWeekSuite } from "./week";

const w = plainWeekSuite("Europe/Moscow");
const { at } = w;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const Z = (who: string) => `zarechny.${who}`;
const mailsTo = (subject: string, to: string) =>
  w.h.smtp.mails.filter((m) => m.subject === subject && m.to.includes(to));

describe("substitutes: reassign (Zarechny 7, Nenets 13, Plastunovskaya 7.2)", () => {
  test("Zarechny 7: the curator hands a drafting case to a substitute; the new executor gets the assignment and his own return window, the former one can no longer act, the answer clock runs on", async () => {
    const id = await w.h.start("zarechny");
    let v = await w.h.act(id, "triage", Z("curator"), {
      topic: "Дороги",
      importance: "normal",
      executors: [Z("executor1")],
    });
    const answer = v.steps.answer!;
    await w.h.act(id, "accept", Z("executor1"));
    // Only the curator reassigns, and only once executors hold the case.
    await expect(
      w.h.act(id, "reassign", Z("executor1"), { executors: [Z("executor2")], reason: "отпуск" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });

    await w.h.travelTo(iso(at(0, "10:20")));
    v = await w.h.act(id, "reassign", Z("curator"), {
      executors: [Z("executor2")],
      reason: "Исполнитель в отпуске, замещает executor2",
    });
    expect(v.status).toBe("assigned");
    expect(v.assignees.map((a) => [a.staffId, a.role])).toEqual([[Z("executor2"), "executor"]]);
    // 9: the substitute's own 30 min to return it, from the reassignment.
    expect(v.steps.return).toMatchObject({ round: 1, limit: true });
    expect(min(v.steps.return!.dueAt)).toBe(at(0, "10:50"));
    // The answer clock keeps running: the same start and due instant (docs/regulations.md "substitutes").
    expect(v.steps.answer).toMatchObject({ startedAt: answer.startedAt, dueAt: answer.dueAt, round: 0 });
    expect(v.answerDueAt).toBe(answer.dueAt);
    // Who held the case when.
    expect(v.holders).toEqual([
      {
        staffIds: [Z("executor1")],
        since: expect.any(String),
        until: expect.any(String),
        reason: "Исполнитель в отпуске, замещает executor2",
      },
      { staffIds: [Z("executor2")], since: expect.any(String) },
    ]);
    expect(min(v.holders![0]!.since)).toBe(at(0, "10:00"));
    expect(min(v.holders![0]!.until)).toBe(at(0, "10:20"));
    expect(min(v.holders![1]!.since)).toBe(at(0, "10:20"));

    // The former executor lost the case: he can neither take it, nor return it, nor draft it.
    await expect(w.h.act(id, "accept", Z("executor1"))).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    await expect(w.h.act(id, "return", Z("executor1"), { reason: "x" })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    const assignment = `Сообщение из социальной сети для ответа: ${id}`;
    await expect.poll(() => mailsTo(assignment, "zarechny.executor2@example.test").length).toBe(1);
    await expect
      .poll(
        () =>
          mailsTo(`Сообщение передано другому исполнителю: ${id}`, "zarechny.executor1@example.test").length,
      )
      .toBe(1);

    await w.h.act(id, "accept", Z("executor2"));
    await expect(
      w.h.act(id, "draft", Z("executor1"), { kind: "final", text: "Здравствуйте! Ответ." }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    v = await w.h.act(id, "draft", Z("executor2"), { kind: "final", text: "Здравствуйте! Ремонт в мае." });
    expect(v.status).toBe("review");
    // Not in review: the draft is the curator's now.
    await expect(
      w.h.act(id, "reassign", Z("curator"), { executors: [Z("executor1")], reason: "вернулся" }),
    ).rejects.toMatchObject({ cause: { type: "wrong_state" } });
    await w.h.act(id, "approve", Z("curator"));
    v = await w.h.act(id, "publish", Z("executor2"), { url: "https://vk.com/wall-1_1?reply=2" });
    expect(v.status).toBe("closed");
    expect(v.steps.answer!.metAt).toBeDefined();
    const timeline = await w.h.client.workflow.getHandle(id).query(getTimeline);
    expect(timeline.find((e) => e.type === "reassigned")).toMatchObject({
      actor: Z("curator"),
      data: { from: [Z("executor1")], to: [Z("executor2")], status: "drafting" },
    });
  });

  test("Zarechny 7: reassigned in rework, the substitute takes it back to rework under the running rework clock", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    await w.h.act(id, "accept", Z("executor1"));
    await w.h.act(id, "draft", Z("executor1"), { kind: "final", text: "Здравствуйте! Черновик." });
    await w.h.travelTo(iso(at(0, "10:30")));
    let v = await w.h.act(id, "rework", Z("curator"), { reasons: ["not_to_the_point"], comment: "Сроки?" });
    expect(min(v.steps.rework!.dueAt)).toBe(at(0, "11:30")); // 13: 1 h
    await w.h.travelTo(iso(at(0, "10:40")));
    v = await w.h.act(id, "reassign", Z("curator"), { executors: [Z("executor2")], reason: "болезнь" });
    expect(v.status).toBe("assigned");
    expect(min(v.steps.rework!.dueAt)).toBe(at(0, "11:30"));
    expect(v.steps.rework!.metAt).toBeUndefined();
    v = await w.h.act(id, "accept", Z("executor2"));
    expect(v.status).toBe("rework");
    v = await w.h.act(id, "draft", Z("executor2"), { kind: "final", text: "Здравствуйте! Ремонт в мае." });
    expect(v).toMatchObject({ status: "review", overdue: false });
    expect(min(v.steps.rework!.metAt)).toBe(at(0, "10:40"));
  });

  test("Zarechny 7, 16: reassigned while co-executors supply their parts, the new order starts over; the former co-executor's part is no longer his to give", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1"), Z("executor2")],
      mode: "sequential",
    });
    let v = await w.h.act(id, "accept", Z("executor1"));
    expect(v.status).toBe("contributing");
    await w.h.travelTo(iso(at(0, "10:15")));
    v = await w.h.act(id, "reassign", Z("curator"), {
      executors: [Z("executor3"), Z("executor2")],
      mode: "sequential",
      reason: "executor1 на больничном",
    });
    expect(v.status).toBe("assigned");
    expect(v.assignees.map((a) => [a.staffId, a.role, a.order])).toEqual([
      [Z("executor3"), "co-executor", 1],
      [Z("executor2"), "composer", 2],
    ]);
    expect(min(v.steps.return!.dueAt)).toBe(at(0, "10:45")); // 9: executor3's turn from the reassignment
    await expect(w.h.act(id, "contribute", Z("executor1"), { text: "Часть." })).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    v = await w.h.act(id, "accept", Z("executor3"));
    expect(v.status).toBe("contributing");
    expect(min(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:15")); // 16: 2 h from his turn
    await expect(w.h.act(id, "contribute", Z("executor1"), { text: "Часть." })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    v = await w.h.act(id, "contribute", Z("executor3"), { text: "Выплаты назначены." });
    expect(v.status).toBe("drafting");
    v = await w.h.act(id, "draft", Z("executor2"), {
      kind: "final",
      text: "Здравствуйте! Выплаты назначены.",
    });
    expect(v.status).toBe("review");
    expect(v.contributions.map((c) => c.staffId)).toEqual([Z("executor3")]);
  });

  test("Omsk: reassigned in follow-up, the substitute takes it back to follow-up; only the final answer is left, on the running term", async () => {
    const O = (who: string) => `omsk.${who}`;
    const id = await w.h.start("omsk");
    await w.h.act(id, "triage", O("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [O("executor1")],
    });
    await w.h.act(id, "accept", O("executor1"));
    await w.h.act(id, "draft", O("executor1"), { kind: "interim", text: "Здравствуйте! Вопрос изучается." });
    await w.h.act(id, "approve", O("curator"));
    let v = await w.h.act(id, "publish", O("curator"), { url: "https://vk.com/wall-1_1?reply=1" });
    expect(v.status).toBe("follow_up");
    const term = v.steps.finalAfterInterim!;
    v = await w.h.act(id, "reassign", O("curator"), { executors: [O("executor2")], reason: "командировка" });
    expect(v.status).toBe("assigned");
    v = await w.h.act(id, "accept", O("executor2"));
    expect(v.status).toBe("follow_up");
    expect(v.steps.finalAfterInterim).toMatchObject({
      startedAt: term.startedAt,
      dueAt: term.dueAt,
      round: term.round,
    });
    await expect(
      w.h.act(id, "draft", O("executor2"), { kind: "interim", text: "Здравствуйте! Ещё изучается." }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    v = await w.h.act(id, "draft", O("executor2"), { kind: "final", text: "Здравствуйте! Сделано." });
    expect(v.status).toBe("review");
  });

  test("Plastunovskaya 7.2: the municipal curator reassigns, not the regional one; 10 ¶2: the department heads are copied", async () => {
    const P = (who: string) => `plastunovskaya.${who}`;
    const id = await w.h.start("plastunovskaya");
    await w.h.act(id, "triage", P("regional-curator"), { topic: "ЖКХ", importance: "normal" });
    await w.h.act(id, "route", P("municipal-curator"), { executors: [P("executor1")] });
    const to = { executors: [P("executor2")], reason: "отпуск" };
    await expect(w.h.act(id, "reassign", P("regional-curator"), to)).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    const v = await w.h.act(id, "reassign", P("municipal-curator"), to);
    expect(v.assignees.map((a) => a.staffId)).toEqual([P("executor2")]);
    // 10 ¶2: each assignment is also sent to the head of the department it goes to (departments.head_email).
    const subject = `для ответа на сообщения из социальных сетей: ${id}`;
    await expect.poll(() => w.h.smtp.mails.filter((m) => m.subject === subject).length).toBe(2);
    const [first, second] = w.h.smtp.mails.filter((m) => m.subject === subject);
    expect(first!.to).toEqual(
      expect.arrayContaining([
        "plastunovskaya.executor1@example.test",
        "plastunovskaya.housing.head@example.test",
      ]),
    );
    expect(second!.to).toEqual(
      expect.arrayContaining([
        "plastunovskaya.executor2@example.test",
        "plastunovskaya.roads.head@example.test",
      ]),
    );
    expect(second!.to).not.toContain("plastunovskaya.housing.head@example.test");
  });
});

describe("significance seen later: flag (Zarechny 23)", () => {
  test("a curator or supervisor flags an open case; the head gets the immediate report once", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    await expect(w.h.act(id, "flag", Z("executor1"), { significant: true })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    await expect(w.h.act(id, "flag", Z("supervisor"), { significant: false })).rejects.toMatchObject({
      cause: { type: "invalid" },
    });
    await w.h.act(id, "accept", Z("executor1"));
    const v = await w.h.act(id, "flag", Z("supervisor"), { significant: true, note: "Резонанс в СМИ" });
    expect(v).toMatchObject({ significant: true, status: "drafting" });
    await expect(w.h.act(id, "flag", Z("curator"), { significant: true })).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    const report = `Срочно (socially significant): ${id}`;
    // The seed names no head for Zarechny: its one escalation address (activities/recipients.ts).
    await expect.poll(() => mailsTo(report, "zarechny.supervisor@example.test").length).toBe(1);
    expect(mailsTo(report, "zarechny.supervisor@example.test")[0]!.text).toContain("Резонанс в СМИ");
  });

  test("flagged before triage, the case stays significant and the report is not sent twice", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "flag", Z("curator"), { significant: true });
    const v = await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    expect(v.significant).toBe(true);
    const report = `Срочно (socially significant): ${id}`;
    await expect.poll(() => mailsTo(report, "zarechny.supervisor@example.test").length).toBe(1);
    await w.h.act(id, "accept", Z("executor1")); // the outbox has drained past the triage's notices
    await expect
      .poll(() => w.h.smtp.mails.filter((m) => m.subject.includes(id)).length)
      .toBeGreaterThanOrEqual(2);
    expect(mailsTo(report, "zarechny.supervisor@example.test")).toHaveLength(1);
  });
});

describe("formal appeal after triage (Yuzhno-Sakhalinsk 3.8 «при обработке сообщения»)", () => {
  test("while the executor drafts: handed off, every open clock stops, the appeals office gets it once", async () => {
    const Y = (who: string) => `yuzhno-sakhalinsk.${who}`;
    const id = await w.h.start("yuzhno-sakhalinsk", { text: "Прошу зарегистрировать обращение: нет воды" });
    await w.h.act(id, "triage", Y("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Y("executor1")],
    });
    await w.h.act(id, "accept", Y("executor1"));
    const appeal = {
      consent: true,
      fullName: "Петров Пётр Петрович",
      address: "г. Южно-Сахалинск, ул. Мира, 3",
    };
    await expect(w.h.act(id, "formal-appeal", Y("executor1"), appeal)).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    const v = await w.h.act(id, "formal-appeal", Y("curator"), appeal);
    expect(v.status).toBe("handed_off");
    expect(Object.values(v.steps).every((s) => s.metAt || s.cancelled || s.breachedAt)).toBe(true);
    await w.completed(id);
    await expect
      .poll(
        () =>
          w.h.smtp.mails.filter(
            (m) => m.subject.includes(id) && m.to.includes("yuzhno-sakhalinsk.appeals@example.test"),
          ).length,
      )
      .toBe(1);
  });

  test("not once the draft is with the operator (review)", async () => {
    const Y = (who: string) => `yuzhno-sakhalinsk.${who}`;
    const id = await w.h.start("yuzhno-sakhalinsk");
    await w.h.act(id, "triage", Y("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Y("executor1")],
    });
    await w.h.act(id, "accept", Y("executor1"));
    await w.h.act(id, "draft", Y("executor1"), { kind: "final", text: "Здравствуйте! Ответ." });
    await expect(
      w.h.act(id, "formal-appeal", Y("curator"), { consent: true, fullName: "П", address: "А" }),
    ).rejects.toMatchObject({ cause: { type: "wrong_state" } });
  });
});

describe("repeat messages and who is named on an assignment", () => {
  test("Zarechny 17: the curator marks the earlier case at triage; the assignment says to state the measures taken", async () => {
    const earlier = await w.h.start("zarechny");
    await w.h.act(earlier, "reject", Z("curator"), { ground: "obscene" });
    const id = await w.h.start("zarechny");
    await expect(
      w.h.act(id, "triage", Z("curator"), {
        topic: "Дороги",
        importance: "normal",
        executors: [Z("executor1")],
        repeatOf: id,
      }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await w.h.act(id, "triage", Z("curator"), {
      topic: "Дороги",
      importance: "normal",
      executors: [Z("executor1")],
      repeatOf: earlier,
    });
    expect(v.linkedTo).toBe(earlier);
    const subject = `Сообщение из социальной сети для ответа: ${id}`;
    await expect.poll(() => mailsTo(subject, "zarechny.executor1@example.test").length).toBe(1);
    expect(mailsTo(subject, "zarechny.executor1@example.test")[0]!.text).toContain(
      `Повторное сообщение (ранее: ${earlier}): в ответе укажите принятые меры.`,
    );
  });

  test("Omsk 12.2: the assignment names the responsible executor first and the co-executors", async () => {
    const O = (who: string) => `omsk.${who}`;
    const id = await w.h.start("omsk");
    const v = await w.h.act(id, "triage", O("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [O("executor2"), O("executor1")],
      mode: "responsible",
    });
    expect(v.assignees.find((a) => a.role === "composer")!.staffId).toBe(O("executor2"));
    const subject = `Сообщение из социальной сети для ответа: ${id}`;
    await expect.poll(() => mailsTo(subject, "omsk.executor1@example.test").length).toBe(1);
    expect(mailsTo(subject, "omsk.executor1@example.test")[0]!.text).toContain(
      `Ответственный исполнитель: ${O("executor2")}\nСоисполнители: ${O("executor1")}`,
    );
  });
});

describe("Plastunovskaya 2.3: the administration's own findings («публикации в социальных сетях»)", () => {
  test("the municipal curator opens them and sends them to executors, without the regional triage", async () => {
    const P = (who: string) => `plastunovskaya.${who}`;
    const own = await w.h.start("plastunovskaya", { foundBy: "administration" });
    const triage = { topic: "ЖКХ", importance: "normal", executors: [P("executor1")] };
    await expect(w.h.act(own, "triage", P("regional-curator"), triage)).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    await expect(
      w.h.act(own, "triage", P("municipal-curator"), { topic: "ЖКХ", importance: "normal" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    await w.h.travelTo(iso(at(0, "10:10")));
    const v = await w.h.act(own, "triage", P("municipal-curator"), triage);
    expect(v).toMatchObject({ status: "assigned", message: { foundBy: "administration" } });
    expect(v.assignees.map((a) => a.staffId)).toEqual([P("executor1")]);
    expect(min(v.steps.route!.metAt)).toBe(at(0, "10:10"));
    expect(v.steps.route!.round).toBe(0); // no municipal routing round: the case never went to `routing`

    // A message the regional system found still goes through the regional curator (9).
    const found = await w.h.start("plastunovskaya");
    await expect(w.h.act(found, "triage", P("municipal-curator"), triage)).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
  });
});
