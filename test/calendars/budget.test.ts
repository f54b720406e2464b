// Budgets as the regulations write them (docs/regulations.md "Steps and budgets": m and h of working time, wd
// days).
import { describe, expect, it } from "vitest";
import { CalendarError, formatBudget, parseBudget } from "../../calendars";

describe("parseBudget / formatBudget (docs/contracts.md)", () => {
  it("reads minutes, hours and working days", () => {
    expect(parseBudget("30m")).toEqual({ minutes: 30 });
    expect(parseBudget("8h")).toEqual({ minutes: 480 });
    expect(parseBudget("7wd")).toEqual({ workdays: 7 });
  });
  it("prints whole hours as hours, the rest as minutes", () => {
    expect(formatBudget({ minutes: 480 })).toBe("8h");
    expect(formatBudget({ minutes: 90 })).toBe("90m");
    expect(formatBudget({ minutes: 45 })).toBe("45m");
    expect(formatBudget({ minutes: 0 })).toBe("0m");
    expect(formatBudget({ workdays: 7 })).toBe("7wd");
  });
  it("round-trips every budget of the step table", () => {
    for (const s of ["15m", "30m", "45m", "1h", "2h", "3h", "4h", "8h", "9h", "12h", "24h", "7wd"]) {
      expect(formatBudget(parseBudget(s))).toBe(s);
    }
  });
  it("CalendarError for a malformed budget", () => {
    for (const bad of ["", "8", "h", "8x", "-1h", "1.5h", "8 hours", "7d"]) {
      expect(() => parseBudget(bad), bad).toThrow(CalendarError);
    }
  });
});
