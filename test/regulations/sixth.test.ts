// A sixth regulation is one more profile: registered through the same path as the built-in five, validated
// by the same schema and planned by the same code. The profile (a made-up okrug with its own zone, working
// hours and halving rule) lives only in this test.
import { describe, expect, test } from "vitest";
import {
  dueFrom,
  getProfile,
  listProfiles,
  type ProfileInput,
  plan,
  registerProfile,
} from "../../regulations";

const seed = "005_0123456789abcdef.txt";
const s = (p: string) => `${seed} §${p}`;
const HOURS: Array<[number, number]> = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];

const sixth: ProfileInput = {
  id: "test-okrug",
  title: "Test okrug: a sixth regulation",
  seed,
  zone: "Asia/Yekaterinburg",
  calendar: "ru",
  // 08:00–17:00 with lunch 12:00–13:00.
  schedule: {
    weekly: { "1": HOURS, "2": HOURS, "3": HOURS, "4": HOURS, "5": HOURS, "6": [], "7": [] },
    shortenedBy: 60,
    workingWeekendAs: 1,
  },
  steps: {
    route: { from: "detection", normal: { budget: "40m", source: s("3") }, high: "half" },
    draft: { from: "detection", normal: { budget: "answer-90m", source: s("5") } },
    review: { from: "draft_submitted", normal: { budget: "1h", source: s("6") }, high: "half" },
    answer: {
      from: "detection",
      normal: { budget: "6h", source: s("4") },
      high: { budget: "3h", source: s("4 ¶2") },
    },
  },
  routing: { tiers: ["curator"], source: s("3") },
  review: { tiers: ["curator"], source: s("6") },
  publisher: { by: "curator", source: s("7") },
  outcomes: [
    { outcome: "process", source: s("3") },
    { outcome: "reject", source: s("8") },
  ],
  rejectGrounds: [{ ground: "obscene", source: s("8") }],
  reviewReasons: [{ reason: "other", source: s("6") }],
  draftKinds: [{ kind: "final", source: s("5") }],
  highImportance: { rule: "halved", source: s("4 ¶3") },
  escalation: { roles: ["supervisor"], official: "deputy head", source: s("9") },
  reports: {},
};

describe("a sixth regulation from a profile alone", () => {
  const registered = registerProfile(sixth);

  test("is listed and found by id beside the five", () => {
    expect(getProfile("test-okrug")).toBe(registered);
    expect(listProfiles()).toHaveLength(6);
  });

  test("is planned in its own zone, on its own working hours, with its halving rule", () => {
    // Wed 11 March 2026, 11:00 in Yekaterinburg (+05:00).
    const p = plan(registered, "2026-03-11T06:00:00Z", "high");
    expect(p.start).toBe("2026-03-11T11:00:00+05:00");
    expect(p.steps.route).toMatchObject({ budget: "20m", dueAt: "2026-03-11T11:20:00+05:00" });
    // 11–12 and 13–15 make 3 h; the draft is due 90 working minutes earlier, across lunch.
    expect(p.steps.answer).toMatchObject({ budget: "3h", dueAt: "2026-03-11T15:00:00+05:00" });
    expect(p.steps.draft).toMatchObject({ budget: "90m", dueAt: "2026-03-11T13:30:00+05:00" });
    expect(p.steps.review).toMatchObject({ budget: "30m", dueAt: null, source: `${s("6")}; ${s("4 ¶3")}` });
    expect(Object.keys(p.steps)).toEqual(["route", "draft", "review", "answer"]);
  });

  test("arms later steps the same way", () => {
    expect(dueFrom(registered, "review", "normal", "2026-03-11T16:30:00+05:00")).toBe(
      "2026-03-12T08:30:00+05:00",
    );
  });

  test("cannot take an id that is already registered", () => {
    expect(() => registerProfile({ ...sixth })).toThrow(/already registered/);
    expect(() => registerProfile({ ...sixth, id: "omsk" })).toThrow(/already registered/);
  });
});
