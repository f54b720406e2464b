// A year with no decree yet, derived from the Labour Code alone, so deadlines far ahead are still computable
// (and shown as provisional until the decree is added to data/).
import type { DecreeDay } from "./data/ru";
import { dateOf, dayNumber, isoWeekday } from "./days";

export const PROVISIONAL_SOURCE = "provisional, derived from Labour Code art. 95, 112";

const NEW_YEAR = ["01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08"];
const OTHER = ["02-23", "03-08", "05-01", "05-09", "06-12", "11-04"];

/** Exceptions against the plain Mon–Fri week:
 * - art. 112 part 1: Jan 1–6 and 8 (New Year), Jan 7, Feb 23, Mar 8, May 1, May 9, Jun 12, Nov 4;
 * - art. 112 part 2: a holiday on Sat/Sun moves the day off to the next working day, except Jan 1–8;
 * - Dec 31 non-working (taken as law from 2025 on; the 2025 and 2026 decrees each moved a day off onto it);
 * - art. 95: the working day right before a non-working holiday is shortened. */
export function provisionalYear(year: number): DecreeDay[] {
  const off = new Map<number, string>();
  const holidays: number[] = [];
  for (const md of [...NEW_YEAR, ...OTHER, "12-31"]) {
    const dn = dayNumber(`${year}-${md}`);
    holidays.push(dn);
    if (isoWeekday(dn) <= 5) off.set(dn, `holiday ${md} (Labour Code art. 112)`);
  }
  for (const md of OTHER) {
    const dn = dayNumber(`${year}-${md}`);
    if (isoWeekday(dn) <= 5) continue;
    let next = dn + 1;
    while (isoWeekday(next) > 5 || off.has(next)) next++;
    off.set(next, `day off for the ${md} holiday on a weekend (Labour Code art. 112 part 2)`);
  }
  const days: DecreeDay[] = [];
  for (const [dn, note] of off) days.push({ date: dateOf(dn), kind: "non_working", note });
  for (const h of holidays) {
    const eve = h - 1;
    if (isoWeekday(eve) <= 5 && !off.has(eve) && dateOf(eve).startsWith(String(year))) {
      days.push({
        date: dateOf(eve),
        kind: "shortened",
        note: `pre-holiday day before ${dateOf(h).slice(5)} (Labour Code art. 95)`,
      });
    }
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
