import { CalendarError } from "./errors";

/** docs/regulations.md "Working time": `working` (schedule on working days), `workdays` (every clock
 * minute of working days; Yuzhno-Sakhalinsk 3.3), `wall` (24/7; emergencies). */
export type Clock = "working" | "workdays" | "wall";
export type Budget = { minutes: number } | { workdays: number };

export const CLOCKS: readonly Clock[] = ["working", "workdays", "wall"];

export function isClock(s: string): s is Clock {
  return (CLOCKS as readonly string[]).includes(s);
}

/** "30m" | "8h" | "7wd" (whole, non-negative numbers; the regulations never use fractions). */
export function parseBudget(s: string): Budget {
  const m = /^(\d{1,6})(m|h|wd)$/.exec(s.trim());
  if (!m) throw new CalendarError(`malformed budget "${s}" (expected e.g. 30m, 8h, 7wd)`);
  const n = Number(m[1]);
  if (m[2] === "wd") return { workdays: n };
  return { minutes: m[2] === "h" ? n * 60 : n };
}

/** Whole hours print as hours ("8h"), anything else as minutes ("90m"); working days as "7wd". */
export function formatBudget(b: Budget): string {
  if ("workdays" in b) return `${b.workdays}wd`;
  return b.minutes > 0 && b.minutes % 60 === 0 ? `${b.minutes / 60}h` : `${b.minutes}m`;
}

/** Rejects budgets the engine cannot count (negative, fractional, not a number). */
export function checkBudget(b: Budget): Budget {
  const n = "workdays" in b ? b.workdays : b.minutes;
  if (!Number.isInteger(n) || n < 0) throw new CalendarError(`malformed budget ${JSON.stringify(b)}`);
  return b;
}
