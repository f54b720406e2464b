import { type DecreeDay, type DecreeYear, RU_YEARS } from "./data/ru";
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
/** Which layer set a day: the plain Mon–Fri week, an exception of the shipped decree (data/ru), of a decree
 * imported at run time (`calendar import`), of a provisional year, a national override (platform admins) or
 * the org's own layer (its admin). Later layers win, in this order. */
export type CalendarLayer = "week" | "decree" | "imported" | "provisional" | "national" | "org";
export interface DayInfo {
  date: string;
  kind: DayKind;
  provisional: boolean;
  layer: CalendarLayer;
  note?: string;
}
/** A calendar as a case counts on it: the shipped national data, decreed years imported after the release
 * (each replaces the shipped or provisional year), the national overrides and the org's own days. */
export interface CalendarLayers {
  decreed?: DecreeYear[];
  national?: CalendarOverride[];
  org?: CalendarOverride[];
}
export interface ProductionCalendar {
  id: string;
  years: number[];
  day(date: string): DayInfo;
  source(year: number): string;
}

/** Decreed years come from data/ru (generated from the xmlcalendar files, scripts/calendar-data.ts); later
 * years up to LAST_YEAR are derived (provisional). Earlier years than the first file are refused rather than
 * guessed. */
export const FIRST_YEAR = Math.min(...RU_YEARS.keys());
/** The last year the shipped data decrees; provisional years start after it. */
export const LAST_DECREED_YEAR = Math.max(...RU_YEARS.keys());
export const LAST_YEAR = 2035;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
const KINDS: readonly DayKind[] = ["working", "shortened", "non_working"];

interface YearTable {
  provisional: boolean;
  layer: CalendarLayer;
  source: string;
  exceptions: Map<string, DecreeDay>;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new CalendarError(`year outside data: ${year} (calendar 'ru' covers ${FIRST_YEAR}–${LAST_YEAR})`);
  }
}

function decreedTable(decreed: DecreeYear, layer: CalendarLayer): YearTable {
  const exceptions = new Map<string, DecreeDay>();
  for (const d of decreed.days) exceptions.set(d.date, d);
  // Presidential non-working days win over the Government decree (e.g. Apr 30 2020, shortened by art. 95,
  // became non-working by decree No 239); the decree's reading is kept in the note.
  for (const p of decreed.presidential ?? []) {
    const under = exceptions.get(p.date);
    exceptions.set(p.date, under ? { ...p, note: `${p.note}; otherwise ${under.kind}: ${under.note}` } : p);
  }
  return { provisional: false, layer, source: decreed.source, exceptions };
}

const tables = new Map<number, YearTable>();

/** The shipped year: decreed from data/ru, or provisional after the last decreed one. */
function yearTable(year: number): YearTable {
  checkYear(year);
  let t = tables.get(year);
  if (t) return t;
  const decreed = RU_YEARS.get(year);
  if (decreed) t = decreedTable(decreed, "decree");
  else {
    const exceptions = new Map<string, DecreeDay>();
    for (const d of provisionalYear(year)) exceptions.set(d.date, d);
    t = { provisional: true, layer: "provisional", source: PROVISIONAL_SOURCE, exceptions };
  }
  tables.set(year, t);
  return t;
}

function baseDay(date: string, imported: Map<number, YearTable>): DayInfo {
  const dn = dayNumber(date);
  const year = Number(date.slice(0, 4));
  const t = imported.get(year) ?? yearTable(year);
  const e = t.exceptions.get(date);
  if (e) return { date, kind: e.kind, provisional: t.provisional, layer: t.layer, note: e.note };
  return {
    date,
    kind: isoWeekday(dn) >= 6 ? "non_working" : "working",
    provisional: t.provisional,
    layer: "week",
  };
}

function checkOverride(o: CalendarOverride): CalendarOverride {
  dayNumber(o.date);
  if (!KINDS.includes(o.kind)) throw new CalendarError(`override ${o.date}: unknown kind "${o.kind}"`);
  return o;
}

function build(id: string, layers: CalendarLayers): ProductionCalendar {
  const imported = new Map<number, YearTable>();
  for (const y of layers.decreed ?? []) {
    checkYear(y.year);
    for (const d of [...y.days, ...(y.presidential ?? [])]) {
      if (!d.date.startsWith(`${y.year}-`))
        throw new CalendarError(`decree ${y.year}: day ${d.date} of another year`);
      checkOverride({ ...d, reason: d.note, by: "", at: "" });
    }
    imported.set(y.year, decreedTable(y, "imported"));
  }
  const byDate = new Map<string, CalendarOverride & { layer: CalendarLayer }>();
  for (const o of layers.national ?? []) byDate.set(o.date, { ...checkOverride(o), layer: "national" });
  for (const o of layers.org ?? []) byDate.set(o.date, { ...checkOverride(o), layer: "org" });
  const memo = new Map<string, DayInfo>();
  return {
    id,
    years: YEARS,
    source: (year) => (imported.get(year) ?? yearTable(year)).source,
    day(date) {
      let info = memo.get(date);
      if (info) return info;
      info = baseDay(date, imported);
      const o = byDate.get(date);
      // Run-time decisions win over the data (contracts.md: "overrides win"); the org's layer over the nation's.
      if (o)
        info = { ...info, kind: o.kind, layer: o.layer, note: `override by ${o.by} at ${o.at}: ${o.reason}` };
      memo.set(date, info);
      return info;
    },
  };
}

const plain = new Map<string, ProductionCalendar>();
const layered = new WeakMap<object, ProductionCalendar>();

const isEmpty = (l: CalendarLayers) => !l.decreed?.length && !l.national?.length && !l.org?.length;

/** "ru" is the only calendar. Without layers one shared instance keeps its day memo across callers; a layers
 * object (or overrides array) keeps its own instance while the caller holds it, so a case that rebuilds its
 * planner on every step still reads each day once. An array is the national overrides alone. */
export function loadCalendar(
  id: string,
  layers: CalendarOverride[] | CalendarLayers = [],
): ProductionCalendar {
  if (id !== "ru") throw new CalendarError(`unknown calendar "${id}" (known: ru)`);
  const l: CalendarLayers = Array.isArray(layers) ? { national: layers } : layers;
  if (isEmpty(l)) {
    let cal = plain.get(id);
    if (!cal) {
      cal = build(id, {});
      plain.set(id, cal);
    }
    return cal;
  }
  let cal = layered.get(layers);
  if (!cal) {
    cal = build(id, l);
    layered.set(layers, cal);
  }
  return cal;
}
