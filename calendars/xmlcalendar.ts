// The xmlcalendar format (github.com/xmlcalendar/data, ru/<year>/calendar.xml: the Government's yearly decree
// in the form Russian accounting software reads), read without an XML library so it runs anywhere: the data
// generator (scripts/calendar-data.ts), `calendar import`, the admin upload. Format, from the repository's
// README: <calendar year="YYYY" date="YYYY.MM.DD"> with <holiday id title/> and <day d="MM.DD" t h f/>,
// t = 1 day off, 2 shortened working day (any weekday), 3 working Saturday/Sunday; days not listed follow
// the Mon–Fri week. Every problem is a CalendarError naming what is wrong.
import type { DecreeDay, DecreeYear } from "./data/ru/types";
import { dayNumber, isoWeekday } from "./days";
import { CalendarError } from "./errors";

export interface XmlDay {
  date: string; // YYYY-MM-DD
  type: 1 | 2 | 3;
  holiday?: string; // the title of its holiday
  from?: string; // YYYY-MM-DD the day off was moved from
}
export interface XmlCalendar {
  year: number;
  /** The file's own formation date (YYYY-MM-DD), when it names one. */
  formed?: string;
  days: XmlDay[];
}

const attrs = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([a-z]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

function monthDay(year: number, md: string | undefined, what: string): string {
  const m = /^(\d{2})\.(\d{2})$/.exec(md ?? "");
  if (!m) throw new CalendarError(`${what}: malformed day "${md ?? ""}" (expected MM.DD)`);
  const date = `${year}-${m[1]}-${m[2]}`;
  try {
    dayNumber(date);
  } catch {
    throw new CalendarError(`${what}: no such day ${date}`);
  }
  return date;
}

/** Parses and validates one file: one year, every listed date once and inside the year, known day types,
 * holiday references that the file declares, working weekend days (t=3) only on Saturday or Sunday. */
export function parseXmlCalendar(xml: string): XmlCalendar {
  const head = /<calendar\b([^>]*)>/.exec(xml);
  if (!head || !/<\/calendar>\s*$/.test(xml.trim()))
    throw new CalendarError("not an xmlcalendar file: no <calendar> element");
  const h = attrs(head[1]!);
  if (!/^\d{4}$/.test(h.year ?? "")) throw new CalendarError(`calendar: malformed year "${h.year ?? ""}"`);
  const year = Number(h.year);
  if (h.country && h.country !== "ru") throw new CalendarError(`calendar: country "${h.country}", not ru`);
  const formed = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(h.date ?? "");
  const titles = new Map<string, string>();
  for (const m of xml.matchAll(/<holiday\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    if (!a.id) throw new CalendarError("holiday without id");
    titles.set(a.id, (a.title ?? "").trim());
  }
  const seen = new Set<string>();
  const days: XmlDay[] = [];
  for (const m of xml.matchAll(/<day\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    const date = monthDay(year, a.d, "day");
    if (seen.has(date)) throw new CalendarError(`day ${date} listed twice`);
    seen.add(date);
    if (a.t !== "1" && a.t !== "2" && a.t !== "3")
      throw new CalendarError(
        `day ${date}: unknown type t="${a.t ?? ""}" (1 day off, 2 shortened, 3 working)`,
      );
    const type = Number(a.t) as 1 | 2 | 3;
    if (type === 3 && isoWeekday(dayNumber(date)) < 6)
      throw new CalendarError(`day ${date}: t="3" (working weekend day) on a weekday`);
    const day: XmlDay = { date, type };
    if (a.h !== undefined) {
      // Files of 2013–2021 declare no titles in some copies; an id then still marks a holiday.
      if (titles.size > 0 && !titles.has(a.h))
        throw new CalendarError(`day ${date}: unknown holiday h="${a.h}"`);
      day.holiday = titles.get(a.h) || `holiday ${a.h}`;
    }
    if (a.f !== undefined) {
      // The decrees move days off within their year (2021: Sat Jan 2 to Fri Nov 5).
      day.from = monthDay(year, a.f, `day ${date} f`);
    }
    days.push(day);
  }
  if (days.length === 0) throw new CalendarError(`calendar ${year}: no <day> elements`);
  days.sort((x, y) => x.date.localeCompare(y.date));
  return { year, formed: formed ? `${formed[1]}-${formed[2]}-${formed[3]}` : undefined, days };
}

const PRESIDENTIAL = /Указ Президента/;

/** The file as the engine's decreed year: only real exceptions against the Mon–Fri week, each with a note;
 * days off by presidential decree (the holiday's title names an «Указ Президента») kept apart as
 * `presidential`, as data/ru/types.ts defines them. */
export function decreeYearOf(cal: XmlCalendar, source: string): DecreeYear {
  const days: DecreeDay[] = [];
  const presidential: DecreeDay[] = [];
  for (const d of cal.days) {
    const weekend = isoWeekday(dayNumber(d.date)) >= 6;
    if (d.type === 1) {
      if (weekend) continue; // a day off anyway
      if (d.holiday && PRESIDENTIAL.test(d.holiday)) {
        presidential.push({ date: d.date, kind: "non_working", note: d.holiday });
        continue;
      }
      const note = d.holiday
        ? `${d.holiday} (Labour Code art. 112)`
        : d.from
          ? `day off moved from ${d.from}`
          : "day off (decree)";
      days.push({ date: d.date, kind: "non_working", note });
    } else if (d.type === 2) {
      days.push({
        date: d.date,
        kind: "shortened",
        note: weekend
          ? "working weekend day, shortened before a holiday (decree; Labour Code art. 95)"
          : "pre-holiday day, shortened (Labour Code art. 95)",
      });
    } else {
      days.push({ date: d.date, kind: "working", note: "working weekend day, its day off moved (decree)" });
    }
  }
  return {
    year: cal.year,
    source,
    days,
    ...(presidential.length > 0 ? { presidential } : {}),
  };
}
