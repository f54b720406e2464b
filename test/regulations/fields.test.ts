// The non-step fields the workflow reads instead of asking which regulation it runs: who routes, reviews and
// publishes, co-execution, triage outcomes and grounds, shorter budgets, emergencies, escalation and reports.
// Each expectation names the seed paragraph it checks.
import { describe, expect, test } from "vitest";
import { getProfile } from "../../regulations";

const yuzhno = getProfile("yuzhno-sakhalinsk");
const zarechny = getProfile("zarechny");
const omsk = getProfile("omsk");
const plast = getProfile("plastunovskaya");
const nenets = getProfile("nenets");
const all = [yuzhno, zarechny, omsk, plast, nenets];
const para = (source: string) => source.slice(source.indexOf("§"));

describe("who acts", () => {
  test("routing: one curator everywhere but Plastunovskaya, regional then municipal (9, 10)", () => {
    expect(all.map((p) => p.routing.tiers)).toEqual([
      ["operator"],
      ["curator"],
      ["curator"],
      ["regional_curator", "municipal_curator"],
      ["curator"],
    ]);
  });

  test("review: Plastunovskaya municipal then regional curator (12, 14); the others one tier", () => {
    expect(plast.review.tiers).toEqual(["municipal_curator", "regional_curator"]);
    expect(para(plast.review.source)).toBe("§12, 14");
    for (const p of [yuzhno, zarechny, omsk, nenets]) expect(p.review.tiers).toHaveLength(1);
  });

  test("publisher: Yuzhno 3.3 operator, Zarechny 14 executor, Omsk 10 curator, Plastunovskaya 16 municipal curator, Nenets 20 curator", () => {
    expect(all.map((p) => [p.publisher.by, para(p.publisher.source)])).toEqual([
      ["operator", "§3.3"],
      ["executor", "§14"],
      ["curator", "§10 ¶2"],
      ["municipal_curator", "§16"],
      ["curator", "§20"],
    ]);
  });

  test("co-execution: Zarechny 16 and Nenets 22 sequential, Omsk 12 responsible, Plastunovskaya 19 parallel", () => {
    expect(all.map((p) => p.coExecution?.mode)).toEqual([
      undefined,
      "sequential-last-composes",
      "responsible-composes",
      "parallel-named-composer",
      "sequential-last-composes",
    ]);
  });
});

describe("triage", () => {
  test("outcomes: only Yuzhno-Sakhalinsk explains (3.7), links (3.6) and hands off formal appeals (3.8)", () => {
    expect(yuzhno.outcomes.map((o) => `${o.outcome} ${para(o.source)}`)).toEqual([
      "process §3.1",
      "reject §3.6 ¶1",
      "explain §3.7",
      "link §3.6 ¶2",
      "formal_appeal §3.8",
    ]);
    for (const p of [zarechny, omsk, plast, nenets])
      expect(p.outcomes.map((o) => o.outcome)).toEqual(["process", "reject"]);
    expect(yuzhno.explainReasons.map((r) => r.reason)).toEqual([
      "out_of_competence",
      "abuse_of_right",
      "court_act",
      "repeated",
    ]);
  });

  test("reject grounds: threats, obscenity, insults everywhere; unreadable/no point Yuzhno 3.6; repeats Omsk 16 ¶2", () => {
    const grounds = (p: typeof omsk) => p.rejectGrounds.map((g) => g.ground);
    for (const p of all) expect(grounds(p)).toEqual(expect.arrayContaining(["threat", "obscene", "insult"]));
    expect(grounds(yuzhno)).toEqual(["threat", "obscene", "insult", "unreadable", "no_point"]);
    expect(omsk.rejectGrounds.at(-1)).toEqual({
      ground: "repeat_no_new_arguments",
      source: "002_065ac137eac5f223.txt §16 ¶2",
    });
    for (const p of [zarechny, plast, nenets]) expect(grounds(p)).toHaveLength(3);
  });

  test("review reasons: Plastunovskaya's list of 14.1–14.5, free text everywhere", () => {
    expect(plast.reviewReasons.map((r) => r.reason)).toEqual([
      "not_to_the_point",
      "format",
      "redirect",
      "no_greeting",
      "spelling",
      "other",
    ]);
    for (const p of all) expect(p.reviewReasons.map((r) => r.reason)).toContain("other");
  });

  test("shorter answer budget: Zarechny 8 and Nenets 14 for both importances, Omsk 4.3 for normal only", () => {
    expect(all.map((p) => p.shorterAnswer?.importances)).toEqual([
      undefined,
      ["normal", "high"],
      ["normal"],
      undefined,
      ["normal", "high"],
    ]);
    expect(para(omsk.shorterAnswer!.source)).toBe("§4.3");
  });

  test("Nenets 16 ¶2: listed topics are answered in 4 h; nobody else has such a list", () => {
    expect(nenets.listedTopicAnswer).toEqual({ budget: "4h", source: "004_7df024af3c275bd4.txt §16 ¶2" });
    expect(all.filter((p) => p.listedTopicAnswer)).toEqual([nenets]);
  });

  test("Yuzhno-Sakhalinsk 3.9: emergencies put every step on the wall clock and go on call; nobody else has one", () => {
    expect(yuzhno.emergency).toEqual({
      clock: "wall",
      steps: ["route", "draft", "rework", "answer", "explanation"],
      executorTotal: true,
      onCall: true,
      source: "000_42ec52c8cd571ccf.txt §3.9",
    });
    expect(all.filter((p) => p.emergency)).toEqual([yuzhno]);
  });

  test("high importance: Omsk fixed (6 ¶2), Plastunovskaya halved (17), the others the same budgets", () => {
    expect(all.map((p) => p.highImportance.rule)).toEqual(["same", "same", "fixed", "halved", "same"]);
  });
});

describe("escalation and reports", () => {
  test("breaches go to the responsible official: Zarechny 21, Omsk 18, Nenets 27 (and Yuzhno 4.1, Plastunovskaya 7.1)", () => {
    expect(all.map((p) => para(p.escalation.source))).toEqual(["§4.1", "§21", "§18", "§7.1", "§27"]);
    for (const p of all) expect(p.escalation.roles).toEqual(["supervisor"]);
  });

  test("significant messages are reported at once: Zarechny 23, Omsk 19, Plastunovskaya 24, Nenets 29", () => {
    expect(all.map((p) => p.reports.significant && para(p.reports.significant.source))).toEqual([
      undefined,
      "§23",
      "§19",
      "§2.2, 24",
      "§29",
    ]);
  });

  test("Plastunovskaya 24 reports every high-importance incident at once; nobody else does", () => {
    expect(all.filter((p) => p.reports.highImmediately)).toEqual([plast]);
  });

  test("monthly reports: Zarechny 22, Plastunovskaya 23 (by the 5th), Nenets 28", () => {
    expect(
      all.map((p) => p.reports.monthly?.dueDayOfNextMonth ?? (p.reports.monthly ? "any" : undefined)),
    ).toEqual([undefined, "any", undefined, 5, "any"]);
  });

  test("Plastunovskaya 10, 12: the e-mail subjects; 18: after an interim the regional curator sets the budgets", () => {
    expect(plast.subjects).toMatchObject({
      assignment: "для ответа на сообщения из социальных сетей",
      draftBack: "ответ на сообщение из социальных сетей",
    });
    expect(plast.afterInterim?.budgetsSetBy).toBe("regional_curator");
    expect(all.filter((p) => p.subjects || p.afterInterim)).toEqual([plast]);
  });

  test("Yuzhno-Sakhalinsk 3.2: the structure's own total of 23 h from assignment", () => {
    expect(yuzhno.executorTotal).toMatchObject({ budget: "23h", from: "assignment" });
  });
});
