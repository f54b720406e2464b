// WARN_AT_SHARE (README "Configuration"): the share of a step's budget at which its holder is warned. It is
// read once per process (config.ts), copied into each case at start (activities/ingest.ts) and used by the
// planner for every step and by the clocks for a cap (workflows/planning.ts, clocks.ts).
import { describe, expect, test } from "vitest";
import { shareOf } from "../../config";
import { Clocks } from "../../workflows/clocks";
import type { OrgSettings } from "../../workflows/message";
import { casePlanner } from "../../workflows/planning";

const omsk: OrgSettings = {
  id: "omsk",
  regulation: "omsk",
  calendarId: "ru",
  zone: "Asia/Omsk",
  urgentTopics: [],
};
// Monday 2 March 2026, 10:00 in Omsk: a plain working week (09:00–18:00, lunch 13:00–14:00).
const monday10 = "2026-03-02T10:00:00+06:00";
const local = (iso?: string) =>
  iso ? new Date(Date.parse(iso) + 6 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : undefined;

function answerClock(org: OrgSettings) {
  const planner = casePlanner(org, { national: [] });
  const clocks = new Clocks(
    planner({ importance: "normal", emergency: false }),
    planner.warnAt,
    planner.meter,
    planner.warnShare,
  );
  return clocks.arm("answer", monday10, "detection");
}

describe("WARN_AT_SHARE", () => {
  test("the warning falls at the configured share of the step's working budget", () => {
    // Omsk 6 ¶1: the answer within 9 working hours of detection: Monday 10–13 and 14–18 (7 h), Tuesday
    // 9–11 (2 h): due Tuesday 11:00, 540 working minutes.
    const standard = answerClock(omsk);
    expect(local(standard.dueAt)).toBe("2026-03-03 11:00");
    // 75 % = 405 working minutes: 10:00–13:00 (180) and 14:00–17:45 (225).
    expect(local(standard.warnAt)).toBe("2026-03-02 17:45");
    // 50 % = 270 working minutes: 10:00–13:00 (180) and 14:00–15:30 (90).
    const half = answerClock({ ...omsk, warnAtShare: 0.5 });
    expect(local(half.warnAt)).toBe("2026-03-02 15:30");
    expect(half.dueAt).toBe(standard.dueAt);
  });

  test("a case started before the setting (no warnAtShare in its input) warns at 75 %", () => {
    expect(casePlanner(omsk, { national: [] }).warnShare).toBe(0.75);
  });

  test("the setting is a share strictly between 0 and 1; anything else stops the process at start", () => {
    expect(shareOf(undefined)).toBe(0.75);
    expect(shareOf("0.9")).toBe(0.9);
    for (const bad of ["0", "1", "75", "-0.5", "abc"]) expect(() => shareOf(bad)).toThrow(/WARN_AT_SHARE/);
  });
});
