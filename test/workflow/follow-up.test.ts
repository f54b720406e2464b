// The final answer after an interim (docs/regulations.md "final answer after an interim"), on the
// time-skipping server: Zarechny 15 (also Omsk 11, Nenets 21) sets the term for the final *draft*;
// Plastunovskaya 18 for the final answer's publication, its regional curator sets the follow-up budget
// (`set-budgets`) within the 7 working days; Omsk 11's high cases agree the term with the curator.
import { describe, expect, test } from "vitest";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at, completed } = w;
const ms = min;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const Z = (who: string) => `zarechny.${who}`;
const P = (who: string) => `plastunovskaya.${who}`;

describe("final answer after an interim", () => {
  test("Zarechny 15: the final draft sent before the term meets it, though the answer is published after", async () => {
    const id = await w.h.start("zarechny");
    await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1")],
    });
    await w.h.act(id, "accept", Z("executor1"));
    await w.h.act(id, "draft", Z("executor1"), { kind: "interim", text: "Вопрос изучается." });
    await w.h.act(id, "approve", Z("curator"));
    let v = await w.h.act(id, "publish", Z("executor1"), { url: "https://vk.com/wall-5_7?reply=1" });
    expect(v.status).toBe("follow_up");
    // "N working days": due at the end of the 7th working day after Monday's (the planner reads the calendar).
    const due = ms(v.steps.finalAfterInterim!.dueAt);
    expect(due).toBeGreaterThanOrEqual(at(9, "18:00"));

    // Ten minutes before the term ends (18:00 of a working day) the final draft reaches the curator.
    await w.h.travelTo(iso(due - 10));
    v = await w.h.act(id, "draft", Z("executor1"), { kind: "final", text: "Здравствуйте! Сделано." });
    expect(ms(v.steps.finalAfterInterim!.metAt)).toBe(due - 10);
    await w.h.act(id, "approve", Z("curator"));
    // An hour after the term ended, within publish's own 30 m (14; due 09:20 next working day): published,
    // and the term is not breached.
    await w.h.travelTo(iso(due + 60));
    v = await w.h.view(id);
    expect(v.steps.finalAfterInterim!.breachedAt).toBeUndefined();
    v = await w.h.act(id, "publish", Z("executor1"), { url: "https://vk.com/wall-5_7?reply=2" });
    expect(v).toMatchObject({ status: "closed", overdue: false });
    await completed(id);
  });

  async function plastunovskayaInterim(importance: "normal" | "high") {
    const id = await w.h.start("plastunovskaya");
    await w.h.act(id, "triage", P("regional-curator"), { topic: "ЖКХ", importance });
    await w.h.act(id, "route", P("municipal-curator"), { executors: [P("executor1")] });
    await w.h.act(id, "accept", P("executor1"));
    await w.h.act(id, "draft", P("executor1"), { kind: "interim", text: "Вопрос изучается." });
    await w.h.act(id, "approve", P("municipal-curator"));
    await w.h.act(id, "approve", P("regional-curator"));
    const v = await w.h.act(id, "publish", P("municipal-curator"), {
      url: "https://vk.com/wall-7_1?reply=1",
    });
    expect(v.status).toBe("follow_up");
    return id;
  }

  test("Plastunovskaya 18: the regional curator sets the follow-up budget within 7 working days; the final answer's publication meets it", async () => {
    const id = await plastunovskayaInterim("high");
    const set = (who: string, finalAfterInterim: string) =>
      w.h.act(id, "set-budgets", P(who), { finalAfterInterim });
    await expect(set("municipal-curator", "2wd")).rejects.toMatchObject({ cause: { type: "forbidden" } });
    await expect(set("regional-curator", "8wd")).rejects.toMatchObject({ cause: { type: "invalid" } });
    // Interim published Monday: 2 working days after it end Wednesday 18:00.
    let v = await set("regional-curator", "2wd");
    expect(v.steps.finalAfterInterim).toMatchObject({ budget: "2wd", round: 0 });
    expect(ms(v.steps.finalAfterInterim!.dueAt)).toBe(at(2, "18:00"));
    expect(v.steps.finalAfterInterim!.source).toContain("§18");

    // The final draft on Wednesday 17:00 does not meet it (18: «окончательного ответа автору»).
    await w.h.travelTo(iso(at(2, "17:00")));
    v = await w.h.act(id, "draft", P("executor1"), { kind: "final", text: "Здравствуйте! Сделано." });
    expect(v.steps.finalAfterInterim!.metAt).toBeUndefined();
    await w.h.act(id, "approve", P("municipal-curator"));
    await w.h.act(id, "approve", P("regional-curator"));
    v = await w.h.act(id, "publish", P("municipal-curator"), { url: "https://vk.com/wall-7_1?reply=2" });
    expect(v.status).toBe("closed");
    expect(ms(v.steps.finalAfterInterim!.metAt)).toBe(at(2, "17:00"));
    expect(v.steps.finalAfterInterim!.breachedAt).toBeUndefined();
  });

  test("Omsk 11: a high case's term is agreed with the curator (set-budgets); a normal case's is fixed", async () => {
    const start = async (importance: "normal" | "high") => {
      const id = await w.h.start("omsk");
      await w.h.act(id, "triage", "omsk.curator", {
        topic: "ЖКХ",
        importance,
        executors: ["omsk.executor1"],
      });
      await w.h.act(id, "accept", "omsk.executor1");
      await w.h.act(id, "draft", "omsk.executor1", { kind: "interim", text: "Вопрос изучается." });
      await w.h.act(id, "approve", "omsk.curator");
      await w.h.act(id, "publish", "omsk.curator", { url: "https://vk.com/wall-1_5?reply=1" });
      return id;
    };
    const normal = await start("normal");
    await expect(
      w.h.act(normal, "set-budgets", "omsk.curator", { finalAfterInterim: "3wd" }),
    ).rejects.toMatchObject({ cause: { type: "invalid" } });
    const high = await start("high");
    await expect(
      w.h.act(high, "set-budgets", "omsk.executor1", { finalAfterInterim: "3wd" }),
    ).rejects.toMatchObject({ cause: { type: "forbidden" } });
    // Omsk is 3 h ahead of Moscow: the interim went out Monday 13:00 local (lunch); 16 working hours after
    // it are Mon 14-18 (4 h), Tue 9-13, 14-18 (8 h), Wed 9-13 (4 h): Wednesday 13:00 Asia/Omsk = 10:00 Moscow.
    const v = await w.h.act(high, "set-budgets", "omsk.curator", { finalAfterInterim: "16h" });
    expect(v.steps.finalAfterInterim).toMatchObject({ budget: "16h" });
    expect(ms(v.steps.finalAfterInterim!.dueAt)).toBe(at(2, "10:00"));
  });
});
