// `npx tsx cli/main.ts plan …` as a script would run it: the exact JSON shape of docs/architecture.md
// "Command line" on stdout, and exit code 2 with one line on stderr for each user error.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

const tsx = "node_modules/.bin/tsx";
const cli = (...args: string[]) => {
  const r = spawnSync(tsx, ["cli/main.ts", "plan", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("plan", () => {
  test("prints the contract's shape: regulation, importance, start, and per step budget/clock/from/dueAt", () => {
    const r = cli("omsk", "2026-03-11T04:00:00Z", "--importance", "high");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual(["regulation", "importance", "start", "steps"]);
    expect(json).toMatchObject({
      regulation: "omsk",
      importance: "high",
      start: "2026-03-11T10:00:00+06:00",
    });
    for (const step of Object.values(json.steps))
      expect(Object.keys(step as object)).toEqual(["budget", "clock", "from", "dueAt"]);
    // Omsk 6 ¶2 and 7 ¶2: answer in 4 h, draft 2 h before it; 9: rework 30 m from its own event.
    expect(json.steps.answer).toEqual({
      budget: "4h",
      clock: "working",
      from: "detection",
      dueAt: "2026-03-11T15:00:00+06:00",
    });
    expect(json.steps.draft.dueAt).toBe("2026-03-11T12:00:00+06:00");
    expect(json.steps.rework).toEqual({
      budget: "30m",
      clock: "working",
      from: "rework_requested",
      dueAt: null,
    });
    expect(json.steps.finalAfterInterim.budget).toBe("7wd");
  });

  test("a shortened answer shows the proportional draft lead (Nenets 16 ¶2, 17; Zarechny 8, 11)", () => {
    // Nenets listed topic: 4 h answer, lead 4 h × 4/8 = 2 h: 10:00 + 4 h = 15:00, draft 12:00 (lunch 13–14).
    const listed = JSON.parse(cli("nenets", "2026-03-11T10:00:00+03:00", "--listed-topic").out);
    expect(listed.steps.answer).toMatchObject({ budget: "4h", dueAt: "2026-03-11T15:00:00+03:00" });
    expect(listed.steps.draft).toMatchObject({ budget: "2h", dueAt: "2026-03-11T12:00:00+03:00" });
    // Zarechny 2 h: lead 3 h × 2/8 = 45 m before 12:00.
    const short = JSON.parse(cli("zarechny", "2026-03-11T10:00:00+03:00", "--answer-budget", "2h").out);
    expect(short.steps.draft).toMatchObject({ budget: "75m", dueAt: "2026-03-11T11:15:00+03:00" });
  });

  test("defaults to normal importance; Yuzhno-Sakhalinsk 3.3 worked example", () => {
    const json = JSON.parse(cli("yuzhno-sakhalinsk", "2026-04-30T12:00:00+11:00").out);
    expect(json.importance).toBe("normal");
    expect(json.steps.answer).toEqual({
      budget: "24h",
      clock: "workdays",
      from: "detection",
      dueAt: "2026-05-04T13:00:00+11:00",
    });
    expect(Object.keys(json.steps)).toEqual(["route", "draft", "rework", "answer", "explanation"]);
  });

  test.each([
    [["moscow", "2026-03-11T10:00:00+03:00"], /Unknown regulation "moscow"/],
    [["omsk", "2026-03-11 10:00"], /malformed start instant/],
    [["omsk", "2026-02-30T10:00:00+06:00"], /malformed start instant/],
    [["omsk", "2026-03-11T10:00:00+06:00", "--importance", "urgent"], /normal or high/],
    [["omsk"], /usage: plan/],
    [["omsk", "2026-03-11T10:00:00+06:00", "--colour"], /colour/],
  ])("exits 2 with one line on stderr: %j", (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const err = r.err.split("\n").filter((l) => l && !l.startsWith("npm warn"));
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });
});
