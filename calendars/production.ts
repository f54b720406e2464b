import { type DecreeDay, RU_YEARS } from "./data/ru";
import { dayNumber, isoWeekday } from "./days";
import { CalendarError } from "./errors";
import { PROVISIONAL_SOURCE, provisionalYear } from "./provisional";
import type { DayKind } from "./schedule";

export interface CalendarOverride {
  date: string; // YYYY-MM-DD
  kind: DayKind;
  reason: string;
  by: string;
  at: string;
}
export interface DayInfo {
  date: string;
  kind: DayKind;
  provisional: boolean;
  note?: string;
}
export interface ProductionCalendar {
  id: string;
  years: number[];
  day(date: string): DayInfo;
  source(year: number): string;
}

/** Decreed years come from data/ru; later years up to LAST_YEAR are derived (provisional). Earlier years
 * are not needed by any regulation and are refused rather than guessed. */
export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2035;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
const KINDS: readonly DayKind[] = ["working", "shortened", "non_working"];

interface YearTable {
  provisional: boolean;
  source: string;
  exceptions: Map<string, DecreeDay>;
}

const tables = new Map<number, YearTable>();

function yearTable(year: number): YearTable {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new CalendarError(`year outside data: ${year} (calendar 'ru' covers ${FIRST_YEAR}–${LAST_YEAR})`);
  }
  let t = tables.get(year);
  if (t) return t;
  const decreed = RU_YEARS.get(year);
  const exceptions = new Map<string, DecreeDay>();
  if (decreed) {
    for (const d of decreed.days) exceptions.set(d.date, d);
    // Presidential non-working days win over the Government decree (e.g. Apr 30 2020, shortened by art. 95,
    // became non-working by decree No 239); the decree's reading is kept in the note.
    for (const p of decreed.presidential ?? []) {
      const under = exceptions.get(p.date);
      exceptions.set(p.date, under ? { ...p, note: `${p.note}; otherwise ${under.kind}: ${under.note}` } : p);
    }
    t = { provisional: false, source: decreed.source, exceptions };
  } else {
    for (const d of provisionalYear(year)) exceptions.set(d.date, d);
    t = { provisional: true, source: PROVISIONAL_SOURCE, exceptions };
  }
  tables.set(year, t);
  return t;
}

function baseDay(date: string): DayInfo {
  const dn = dayNumber(date);
  const t = yearTable(Number(date.slice(0, 4)));
  const e = t.exceptions.get(date);
  if (e) return { date, kind: e.kind, provisional: t.provisional, note: e.note };
  return { date, kind: isoWeekday(dn) >= 6 ? "non_working" : "working", provisional: t.provisional };
}

function checkOverride(o: CalendarOverride): CalendarOverride {
  dayNumber(o.date);
  if (!KINDS.includes(o.kind)) throw new CalendarError(`override ${o.date}: unknown kind "${o.kind}"`);
  return o;
}

function build(id: string, overrides: CalendarOverride[]): ProductionCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, checkOverride(o)]));
  const memo = new Map<string, DayInfo>();
  return {
    id,
    years: YEARS,
    source: (year) => yearTable(year).source,
    day(date) {
      let info = memo.get(date);
      if (info) return info;
      info = baseDay(date);
      const o = byDate.get(date);
      // Run-time emergency decrees win over the data (contracts.md: "overrides win").
      if (o) info = { ...info, kind: o.kind, note: `override by ${o.by} at ${o.at}: ${o.reason}` };
      memo.set(date, info);
      return info;
    },
  };
}

const plain = new Map<string, ProductionCalendar>();

/** "ru" is the only calendar; without overrides one shared instance keeps its day memo across callers. */
export function loadCalendar(id: string, overrides: CalendarOverride[] = []): ProductionCalendar {
  if (id !== "ru") throw new CalendarError(`unknown calendar "${id}" (known: ru)`);
  if (overrides.length > 0) return build(id, overrides);
  let cal = plain.get(id);
  if (!cal) {
    cal = build(id, []);
    plain.set(id, cal);
  }
  return cal;
}
