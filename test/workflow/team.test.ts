// Co-executors act for themselves (docs/regulations.md "co-executors"; Zarechny 16, Omsk 12), on the
// time-skipping server with hand-computed instants: each assignee accepts or returns his own part; in
// sequential mode his turn, his 30 min return window and his 2 h start when the part before his is done; a
// return removes only the one who returns, the others go on and the curator is told.
import { describe, expect, test } from "vitest";
import { min, plainWeekSuite } from "./week";

const ZONE = "Europe/Moscow";
const w = plainWeekSuite(ZONE);
const { at } = w;
const ms = min;
const iso = (minute: number) => new Date(minute * 60_000).toISOString();
const Z = (who: string) => `zarechny.${who}`;

describe("co-executors act for themselves", () => {
  test("Zarechny 16: sequential turns, each with his own return window and 2 h from when his turn comes; one return removes only him", async () => {
    const id = await w.h.start("zarechny");
    let v = await w.h.act(id, "triage", Z("curator"), {
      topic: "ЖКХ",
      importance: "normal",
      executors: [Z("executor1"), Z("executor2"), Z("executor3")],
      mode: "sequential",
    });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "10:30")); // 9: executor1's turn from the assignment
    // Not executor2's turn yet: he cannot accept for the group.
    await expect(w.h.act(id, "accept", Z("executor2"))).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });
    v = await w.h.act(id, "accept", Z("executor1"));
    expect(v.status).toBe("contributing");
    expect(v.assignees.map((a) => [a.staffId, !!a.acceptedAt])).toEqual([
      [Z("executor1"), true],
      [Z("executor2"), false],
      [Z("executor3"), false],
    ]);
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:00")); // 16: 2 h from 10:00

    // 10:40: executor1's part is done; executor2's turn, his 30 m return right and his 2 h start now.
    await w.h.travelTo(iso(at(0, "10:40")));
    v = await w.h.act(id, "contribute", Z("executor1"), { text: "Трубы заменят в мае." });
    expect(v.steps.return).toMatchObject({ round: 1, limit: true });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "11:10"));
    expect(ms(v.steps.coExecutorInput!.dueAt)).toBe(at(0, "12:40"));
    v = await w.h.act(id, "accept", Z("executor2"));
    expect(v.assignees.find((a) => a.staffId === Z("executor2"))!.acceptedAt).toBeDefined();
    await expect(w.h.act(id, "accept", Z("executor2"))).rejects.toMatchObject({
      cause: { type: "wrong_state" },
    });

    // 11:05: executor2 returns his part (9, within his window): only he leaves; executor3 composes now.
    await w.h.travelTo(iso(at(0, "11:05")));
    v = await w.h.act(id, "return", Z("executor2"), { reason: "Не наш вопрос" });
    expect(v).toMatchObject({ status: "drafting", returns: 0, overdue: false });
    expect(v.assignees.map((a) => [a.staffId, a.role, a.order])).toEqual([
      [Z("executor1"), "co-executor", 1],
      [Z("executor3"), "composer", 2],
    ]);
    expect(ms(v.steps.coExecutorInput!.metAt)).toBe(at(0, "11:05"));
    // 16: 2 h for the common answer: 11:05-13:00 and 14:00-14:05.
    expect(ms(v.steps.consolidate!.dueAt)).toBe(at(0, "14:05"));
    expect(v.steps.return).toMatchObject({ round: 2 });
    expect(ms(v.steps.return!.dueAt)).toBe(at(0, "11:35")); // executor3's own window
    await expect
      .poll(
        () =>
          w.h.smtp.mails.filter(
            (m) =>
              m.subject === `Исполнитель вернул свою часть: ${id}` &&
              m.to.includes("zarechny.curator@example.test"),
          ).length,
      )
      .toBe(1);
    v = await w.h.act(id, "draft", Z("executor3"), {
      kind: "final",
      text: "Здравствуйте! Трубы заменят в мае.",
    });
    expect(v.status).toBe("review");
  });

  test("Omsk 12: each assignee accepts his own part; a co-executor returns his part and the responsible one goes on alone", async () => {
    const id = await w.h.start("omsk");
    await w.h.act(id, "triage", "omsk.curator", {
      topic: "Дороги",
      importance: "normal",
      executors: ["omsk.executor1", "omsk.executor2"],
      mode: "responsible",
    });
    let v = await w.h.act(id, "accept", "omsk.executor2");
    expect(v.status).toBe("contributing");
    expect(v.assignees.map((a) => [a.staffId, a.role, !!a.acceptedAt])).toEqual([
      ["omsk.executor1", "composer", false],
      ["omsk.executor2", "co-executor", true],
    ]);
    v = await w.h.act(id, "accept", "omsk.executor1");
    expect(v.assignees.every((a) => a.acceptedAt)).toBe(true);
    // The co-executor returns in `contributing` (before: refused); the case does not go back to triage.
    v = await w.h.act(id, "return", "omsk.executor2", { reason: "Не наша компетенция" });
    expect(v).toMatchObject({ status: "drafting", returns: 0 });
    expect(v.assignees).toEqual([expect.objectContaining({ staffId: "omsk.executor1", role: "executor" })]);
    expect(v.steps.coExecutorInput!.metAt).toBeDefined();
    v = await w.h.act(id, "draft", "omsk.executor1", { kind: "final", text: "Ремонт в мае." });
    expect(v.status).toBe("review");
  });
});
