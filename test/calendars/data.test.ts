// The production calendar 'ru' against the yearly decrees, written here a second time from the decrees as
// compact day lists (independent of calendars/data), plus the yearly norms for a 40-hour week.
import { describe, expect, it } from "vitest";
import {
  CalendarError,
  type CalendarOverride,
  loadCalendar,
  workingMinutesOfDay,
  workTime,
} from "../../calendars";
import { RU_YEARS } from "../../calendars/data/ru";
import { dateOf, dayNumber, firstDay, isoWeekday } from "../../calendars/days";

/** "01-01..04" expands to Jan 1–4; dates are MM-DD of the year. */
function expand(year: number, spec: string): string[] {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((item) => {
      const [from, to] = item.split("..");
      const a = dayNumber(`${year}-${from}`);
      const b = to ? dayNumber(`${year}-${from!.slice(0, 3)}${to}`) : a;
      return Array.from({ length: b - a + 1 }, (_, i) => dateOf(a + i));
    });
}

interface YearCase {
  year: number;
  decree: string; // the decree number its source must name
  off: string; // non-working weekdays (holidays, moved days off)
  workingWeekend?: string; // Saturdays/Sundays made working by the decree
  shortened: string; // art. 95 pre-holiday days
  presidential?: string; // extra non-working days by presidential decree (weekdays)
  days: number; // working days, 40-hour week, Government decree alone
  hours: number;
}

const YEARS: YearCase[] = [
  {
    year: 2019,
    decree: "No 1163",
    off: "01-01..04 01-07..08 03-08 05-01..03 05-09..10 06-12 11-04",
    shortened: "02-22 03-07 04-30 05-08 06-11 12-31",
    days: 247,
    hours: 1970,
  },
  {
    year: 2020,
    decree: "No 1375",
    off: "01-01..03 01-06..08 02-24 03-09 05-01 05-04..05 05-11 06-12 11-04",
    shortened: "04-30 05-08 06-11 11-03 12-31",
    days: 248,
    hours: 1979,
    presidential: "03-30..31 04-01..03 04-06..10 04-13..17 04-20..24 04-27..30 05-06..08 06-24 07-01",
  },
  {
    year: 2021,
    decree: "No 1648",
    off: "01-01 01-04..08 02-22..23 03-08 05-03 05-10 06-14 11-04..05 12-31",
    workingWeekend: "02-20",
    shortened: "02-20 04-30 06-11 11-03",
    days: 247,
    hours: 1972,
    presidential: "05-04..07 11-01..03",
  },
  {
    year: 2022,
    decree: "No 1564",
    off: "01-03..07 02-23 03-07..08 05-02..03 05-09..10 06-13 11-04",
    workingWeekend: "03-05",
    shortened: "02-22 03-05 11-03",
    days: 247,
    hours: 1973,
  },
  {
    year: 2023,
    decree: "No 1906",
    off: "01-02..06 02-23..24 03-08 05-01 05-08..09 06-12 11-06",
    shortened: "02-22 03-07 11-03",
    days: 247,
    hours: 1973,
  },
  {
    year: 2024,
    decree: "No 1306",
    off: "01-01..05 01-08 02-23 03-08 04-29..30 05-01 05-09..10 06-12 11-04 12-30..31",
    workingWeekend: "04-27 11-02 12-28",
    shortened: "02-22 03-07 05-08 06-11 11-02",
    days: 248,
    hours: 1979,
  },
  {
    year: 2025,
    decree: "No 1335",
    // xmlcalendar ru/2025: the 8 March day off (Sat) moved to Fri Jun 13, so Mon Mar 10 is worked.
    off: "01-01..03 01-06..08 05-01..02 05-08..09 06-12..13 11-03..04 12-31",
    workingWeekend: "11-01",
    shortened: "03-07 04-30 06-11 11-01",
    days: 247,
    hours: 1972,
  },
  {
    year: 2026,
    decree: "No 1466",
    off: "01-01..02 01-05..09 02-23 03-09 05-01 05-11 06-12 11-04 12-31",
    shortened: "04-30 05-08 06-11 11-03",
    days: 247,
    hours: 1972,
  },
];

function yearDates(year: number): string[] {
  return Array.from({ length: firstDay(year + 1) - firstDay(year) }, (_, i) => dateOf(firstDay(year) + i));
}

/** Working days and hours of a year through the engine with the default schedule (8 h, shortened 7 h). */
function totals(year: number, overrides: CalendarOverride[] = []) {
  const wt = workTime("ru", "Europe/Moscow", undefined, overrides);
  let days = 0;
  let minutes = 0;
  for (const date of yearDates(year)) {
    const m = workingMinutesOfDay(wt, date);
    if (m > 0) days++;
    minutes += m;
  }
  return { days, hours: minutes / 60 };
}

/** Overrides that undo the presidential days, giving the calendar of the Government decree alone. */
function decreeOnly(c: YearCase): CalendarOverride[] {
  const short = new Set(expand(c.year, c.shortened));
  return expand(c.year, c.presidential ?? "").map((date) => ({
    date,
    kind: short.has(date) ? "shortened" : "working",
    reason: "test: decree-only reading",
    by: "test",
    at: "2026-01-01T00:00:00Z",
  }));
}

describe("production calendar 'ru' 2019–2026 against the yearly decrees", () => {
  for (const c of YEARS) {
    describe(`${c.year} (Government decree ${c.decree}; Labour Code art. 95, 112)`, () => {
      const cal = loadCalendar("ru");

      it("every day has the kind the decree gives it", () => {
        const off = new Set([...expand(c.year, c.off), ...expand(c.year, c.presidential ?? "")]);
        const short = new Set(expand(c.year, c.shortened));
        const weekendWork = new Set(expand(c.year, c.workingWeekend ?? ""));
        for (const date of yearDates(c.year)) {
          const weekend = isoWeekday(dayNumber(date)) >= 6;
          const expected = off.has(date)
            ? "non_working"
            : short.has(date)
              ? "shortened"
              : weekendWork.has(date) || !weekend
                ? "working"
                : "non_working";
          const info = cal.day(date);
          expect({ date, kind: info.kind }).toEqual({ date, kind: expected });
          expect(info.provisional).toBe(false);
        }
      });

      it(`40-hour week norm under the decree alone: ${c.days} days, ${c.hours} hours`, () => {
        expect(totals(c.year, decreeOnly(c))).toEqual({ days: c.days, hours: c.hours });
      });

      it("names its legal source, and every stored exception is a real exception with a note", () => {
        expect(cal.source(c.year)).toContain(c.decree);
        expect(cal.source(c.year)).toContain("Labour Code art. 95, 112");
        const data = RU_YEARS.get(c.year)!;
        for (const d of [...data.days, ...(data.presidential ?? [])]) {
          const weekend = isoWeekday(dayNumber(d.date)) >= 6;
          // Against the plain Mon–Fri week: a weekday made non-working, a weekend day made working, or shortened.
          expect(d.kind === "shortened" || (d.kind === "working") === weekend, d.date).toBe(true);
          expect(d.date.startsWith(String(c.year)), d.date).toBe(true);
          expect(d.note.length, d.date).toBeGreaterThan(10);
          expect(cal.day(d.date).note, d.date).toBeTruthy();
        }
      });
    });
  }

  it("2020 with the presidential non-working days (decrees 206, 239, 294, 345, 354): 29 weekdays fewer, Apr 30 and May 8 among them shortened", () => {
    expect(totals(2020)).toEqual({ days: 248 - 29, hours: 1979 - 27 * 8 - 2 * 7 });
    // xmlcalendar marks Apr 30 2020 with decree No 239 alone (the day it would have been shortened is not kept).
    expect(loadCalendar("ru").day("2020-04-30").note).toMatch(/№239/);
    expect(loadCalendar("ru").source(2020)).toMatch(/No 206.*No 239.*No 294.*No 345.*No 354/);
  });

  it("2021 with the presidential non-working days (decrees 242, 595): 7 weekdays fewer, Nov 3 among them shortened", () => {
    expect(totals(2021)).toEqual({ days: 247 - 7, hours: 1972 - 6 * 8 - 7 });
    expect(loadCalendar("ru").source(2021)).toMatch(/No 242.*No 595/);
  });

  it("Dec 31 is non-working in 2025 and 2026 (decrees 1335 and 1466 move a January day off onto it)", () => {
    expect(loadCalendar("ru").day("2025-12-31").kind).toBe("non_working");
    expect(loadCalendar("ru").day("2026-12-31").kind).toBe("non_working");
  });
});

describe("provisional years (no decree yet): Labour Code art. 95, 112", () => {
  const cal = loadCalendar("ru");

  it("2027 follows art. 112 (weekend holidays move to the next working day, except January) and art. 95", () => {
    const off = new Set(expand(2027, "01-01 01-04..08 02-23 03-08 05-03 05-10 06-14 11-04 12-31"));
    const short = new Set(expand(2027, "02-22 04-30 06-11 11-03 12-30"));
    for (const date of yearDates(2027)) {
      const weekend = isoWeekday(dayNumber(date)) >= 6;
      const expected = off.has(date)
        ? "non_working"
        : short.has(date)
          ? "shortened"
          : weekend
            ? "non_working"
            : "working";
      expect({ date, kind: cal.day(date).kind }).toEqual({ date, kind: expected });
    }
  });

  it("every day of 2027–2035 is marked provisional and the source says so", () => {
    for (let year = 2027; year <= 2035; year++) {
      expect(cal.source(year)).toBe("provisional, derived from Labour Code art. 95, 112");
      expect(yearDates(year).every((d) => cal.day(d).provisional)).toBe(true);
    }
    expect(cal.day("2026-12-30").provisional).toBe(false);
  });

  it("art. 112 part 2: January holidays on a weekend give no day off automatically (2028: Jan 1–2 Sat–Sun)", () => {
    expect(cal.day("2028-01-10").kind).toBe("working");
    expect(cal.day("2028-01-07").kind).toBe("non_working");
  });

  it("art. 112 part 2 with art. 95: a Sunday holiday moves its day off to Monday, the Friday before a Saturday holiday is shortened (2029: Jun 12 Tue, Nov 4 Sun)", () => {
    expect(cal.day("2029-11-05").kind).toBe("non_working");
    expect(cal.day("2029-11-02").kind).toBe("working"); // its next day is Saturday, not the holiday
    expect(cal.day("2029-06-11").kind).toBe("shortened");
  });
});

describe("CalendarError: year outside data", () => {
  it("refuses years before 2013 (the first xmlcalendar file) and after 2035", () => {
    const cal = loadCalendar("ru");
    expect(() => cal.day("2012-12-31")).toThrow(CalendarError);
    expect(() => cal.day("2036-01-01")).toThrow(/year outside data/);
    expect(() => cal.source(2012)).toThrow(/year outside data/);
    expect(cal.day("2035-12-31").provisional).toBe(true);
  });
  it("refuses an unknown calendar and malformed dates", () => {
    expect(() => loadCalendar("de")).toThrow(/unknown calendar/);
    expect(() => loadCalendar("ru").day("2026-02-30")).toThrow(CalendarError);
    expect(() => loadCalendar("ru").day("26-1-1")).toThrow(CalendarError);
  });
});
