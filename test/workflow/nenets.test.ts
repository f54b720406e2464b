// Nenets autonomous okrug (004_7df024af3c275bd4.txt, Europe/Moscow) on the time-skipping server: three
// sequential co-executors in the curator's order, the last composing (22); the curator routes (14), reviews
// (18) and publishes (20); the 4 h answer for topics on the org's list (16 ¶2); the curator's shorter answer
// budget (14) and the draft lead (17); interim then final answer after 7 working days at most (21).
import { describe, expect, test } from "vitest";
import { plainMonday } from "./harness";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const DAY = 86_400_000;
const N = (who: string) => `nenets.${who}`;

describe("nenets", () => {
  test("three co-executors in the curator's order, 2 h each, the last composes (Nenets 22); the curator publishes (20)", async () => {
    const id = await w.h.start("nenets");
    let v = await w.h.view(id);
    expect(ms(v.steps.route!.dueAt)).toBe(at(0, "10:30")); // 14: 30 m
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00")); // 16 ¶1: 8 working hours
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "15:00")); // 17: Tue 10:00 - 4 h = Tue 9-10, Mon 15-18
    v = await w.h.act(id, "triage", N("curator"), {
      topic: "Дороги",
      importance: "normal",
      executors: [N("executor2"), N("executor3"), N("executor1")],
      mode: "sequential",
    });
    expect(v.assignees.map((a) => [a.staffId, a.role, a.order])).toEqual([
      [N("executor2"), "co-executor", 1],
      [N("executor3"), "co-executor", 2],
      [N("executor1"), "composer", 3],
    ]);
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:30")); // 15: 30 m
    v = await w.h.act(id, "accept", N("executor2"));
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:00")); // 22.3: 2 h
    await expect(w.h.act(id, "contribute", N("executor3"), { text: "x" })).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    await w.h.sleep(20 * 60_000); // 10:20
    v = await w.h.act(id, "contribute", N("executor2"), { text: "Дорога в плане на лето." });
    expect(v.steps.coExecutorInput).toMatchObject({ round: 1 });
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:20"));
    await w.h.sleep(20 * 60_000); // 10:40
    v = await w.h.act(id, "contribute", N("executor3"), { text: "Компенсации не положены." });
    expect(v.status).toBe("drafting");
    expect(ms(v.steps.consolidate!.dueAt)).toBe(at(0, "12:40")); // 22.3-4: the last gets 2 h for the common answer
    await expect(w.h.act(id, "draft", N("executor3"), { kind: "final", text: "x" })).rejects.toMatchObject({
      cause: { type: "forbidden" },
    });
    v = await w.h.act(id, "draft", N("executor1"), { kind: "final", text: "Ремонт летом." });
    expect(ms(v.steps.review!.dueAt)).toBe(at(0, "11:10")); // 18: 30 m
    v = await w.h.act(id, "approve", N("curator"));
    expect(ms(v.steps.publish!.dueAt)).toBe(at(0, "11:10")); // 20: 30 m
    await expect(
      w.h.act(id, "publish", N("executor1"), { url: "https://vk.com/wall-6_1?reply=1" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    v = await w.h.act(id, "publish", N("curator"), { url: "https://vk.com/wall-6_1?reply=1" });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    expect(v.contributions.map((c) => c.staffId)).toEqual([N("executor2"), N("executor3")]);
    await completed(id);
  });

  test("a topic on the org's list is answered within 4 working hours (Nenets 16 ¶2); others keep 8 h", async () => {
    const listed = await w.h.start("nenets");
    let v = await w.h.act(listed, "triage", N("curator"), {
      topic: "ЖКХ: аварии",
      importance: "normal",
      executors: [N("executor1")],
    });
    expect(ms(v.answerDueAt)).toBe(at(0, "15:00")); // 10-13, 14-15
    expect(v.steps.answer!.budget).toBe("4h");
    // 17 under the Decision "draft lead for a shortened answer budget": 4 h × 4/8 = 2 h before 15:00.
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "12:00")); // 14-15 and 12-13
    expect(v.overdue).toBe(false);
    const other = await w.h.start("nenets");
    v = await w.h.act(other, "triage", N("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [N("executor1")],
    });
    expect(ms(v.answerDueAt)).toBe(at(1, "10:00"));
  });

  test("the curator sets a shorter answer budget (Nenets 14); the draft lead follows (17); a longer one is refused", async () => {
    const id = await w.h.start("nenets");
    const triage = (answerBudget: string) =>
      w.h.act(id, "triage", N("curator"), {
        topic: "Дороги",
        importance: "high",
        executors: [N("executor1")],
        answerBudget,
      });
    await expect(triage("9h")).rejects.toMatchObject({ cause: { type: "invalid" } });
    const v = await triage("6h");
    expect(ms(v.answerDueAt)).toBe(at(0, "17:00")); // 10-13, 14-17
    // 17: 4 h × 6/8 = 3 h before 17:00: the afternoon 14-17; the engine names the lunch's start, 13:00.
    expect(ms(v.steps.draft!.dueAt)).toBe(at(0, "13:00"));
  });

  test("interim answer, then the final one within 7 working days of it (Nenets 21)", async () => {
    // A plain week follows, so the seventh working day after Monday is the next Wednesday.
    for (let next = plainMonday(w.monday, ZONE); Date.parse(next) !== Date.parse(w.monday) + 7 * DAY; ) {
      w.monday = next;
      next = plainMonday(w.monday, ZONE);
    }
    await w.h.travelTo(w.monday);
    const id = await w.h.start("nenets");
    await w.h.act(id, "triage", N("curator"), {
      topic: "Дороги",
      importance: "normal",
      executors: [N("executor2")],
    });
    await w.h.act(id, "accept", N("executor2"));
    await w.h.act(id, "draft", N("executor2"), {
      kind: "interim",
      text: "Вопрос изучается, ответим до конца месяца.",
    });
    await w.h.act(id, "approve", N("curator"));
    let v = await w.h.act(id, "publish", N("curator"), { url: "https://vk.com/wall-6_2?reply=1" });
    expect(v.status).toBe("follow_up");
    expect(v.steps.answer!.metAt).toBeDefined();
    // Tue..Fri, Mon..Wed: the end of the 7th working day after the day of the interim answer.
    expect(ms(v.steps.finalAfterInterim!.dueAt)).toBe(at(9, "18:00"));
    await expect(
      w.h.act(id, "draft", N("executor2"), { kind: "interim", text: "Ещё изучаем" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });

    await w.h.travelTo(new Date(at(8, "11:00") * 60_000).toISOString()); // next Tuesday, in time
    v = await w.h.act(id, "draft", N("executor2"), { kind: "final", text: "Ремонт назначен на июнь." });
    await w.h.act(id, "approve", N("curator"));
    v = await w.h.act(id, "publish", N("curator"), { url: "https://vk.com/wall-6_2?reply=2" });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    expect(v.steps.finalAfterInterim!.metAt).toBeDefined();
    expect(v.publications.map((p) => p.kind)).toEqual(["interim", "final"]);
    await completed(id);
  });
});
