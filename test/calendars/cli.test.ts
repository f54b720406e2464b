// The calendar command line, exactly as docs/architecture.md "Command line" specifies it, run as a user
// would.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "cli/main.ts", "calendar", ...args], {
    encoding: "utf8",
    cwd: process.cwd(),
  });
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr.split("\n").filter((l) => l && !l.startsWith("npm warn")),
  };
}

describe('cli calendar (docs/architecture.md "Command line")', () => {
  it("days ru 2026: one JSON object per day with kind and working minutes of the default schedule", () => {
    const { code, out } = cli("days", "ru", "2026");
    expect(code).toBe(0);
    const days = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: "2026-01-01", kind: "non_working", workingMinutes: 0 });
    expect(days.find((d) => d.date === "2026-04-30")).toEqual({
      date: "2026-04-30",
      kind: "shortened",
      workingMinutes: 420,
    });
    expect(days.find((d) => d.date === "2026-01-12")).toEqual({
      date: "2026-01-12",
      kind: "working",
      workingMinutes: 480,
    });
    expect(days.reduce((s, d) => s + d.workingMinutes, 0)).toBe(1972 * 60); // decree No 1466: 1972 hours
  });

  it('days of a provisional year carry "provisional":true on every line', () => {
    const lines = cli("days", "ru", "2027")
      .out.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.every((d) => d.provisional === true)).toBe(true);
  });

  it("add: the Yuzhno-Sakhalinsk worked example on both clocks, and the default zone Europe/Moscow", () => {
    expect(cli("add", "ru", "2026-04-30T12:00:00+11:00", "8h", "--tz", "Asia/Sakhalin").out).toBe(
      "2026-05-04T13:00:00+11:00\n",
    );
    const workdays = cli(
      "add",
      "ru",
      "2026-04-30T12:00:00+11:00",
      "24h",
      "--tz",
      "Asia/Sakhalin",
      "--clock",
      "workdays",
    );
    expect(workdays.out).toBe("2026-05-04T12:00:00+11:00\n");
    expect(cli("add", "ru", "2026-04-30T16:45:00+03:00", "15m").out).toBe("2026-04-30T17:00:00+03:00\n");
    expect(cli("add", "ru", "2026-05-08T11:00:00+03:00", "7wd").out).toBe("2026-05-20T18:00:00+03:00\n");
  });

  it("exit 2 and one line on stderr for every user error", () => {
    const cases: Array<[string[], RegExp]> = [
      [["days", "xx", "2026"], /unknown calendar/],
      [["days", "ru", "2012"], /year outside data/],
      [["add", "ru", "2026-04-30T12:00:00+03:00", "8h", "--tz", "Mars/Olympus"], /unknown zone/],
      [["add", "ru", "2026-02-30T12:00:00+03:00", "8h"], /malformed instant/],
      [["add", "ru", "2026-04-30T12:00:00+03:00", "8 hours"], /malformed budget/],
      [["add", "ru", "2026-04-30T12:00:00+03:00", "8h", "--clock", "lunar"], /unknown clock/],
      [["frobnicate"], /usage/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
      expect(r.out).toBe("");
    }
  });
});
