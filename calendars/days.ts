// Civil dates as day numbers (days since 1970-01-01), so the engine walks days with integer arithmetic and
// never asks a time-zone library what "tomorrow" is. Date.UTC is deterministic (safe in the workflow sandbox).
import { CalendarError } from "./errors";

export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new CalendarError(`malformed date "${date}" (expected YYYY-MM-DD)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dn = Date.UTC(y, mo - 1, d) / DAY_MS;
  if (dateOf(dn) !== date) throw new CalendarError(`no such date "${date}"`);
  return dn;
}

export function dateOf(dn: number): string {
  return new Date(dn * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(dn: number): number {
  return new Date(dn * DAY_MS).getUTCFullYear();
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dn: number): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return (((((dn + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export function firstDay(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}
