// The working-time engine (docs/contracts.md, docs/regulations.md "Working time"). Every clock is a sequence
// of counted intervals per local day: `working` = the schedule's periods on the calendar's working days,
// `workdays` = whole local days that have working time, `wall` = all time. Adding, subtracting and measuring
// walk days one at a time with interval arithmetic, so cost grows with the days spanned, never the minutes.
import { type Budget, type Clock, checkBudget } from "./budget";
import { dayNumber, isoWeekday } from "./days";
import { CalendarError } from "./errors";
import {
  type CalendarLayers,
  type CalendarOverride,
  loadCalendar,
  type ProductionCalendar,
} from "./production";
import { checkSchedule, DEFAULT_SCHEDULE, periodsOf, type Schedule } from "./schedule";
import { checkZone, formatInstant, frame, frameAt, localToEpoch, parseInstant } from "./zone";

export interface WorkTime {
  calendar: ProductionCalendar;
  zone: string;
  schedule: Schedule;
}

export function workTime(
  calendarId: string,
  zone: string,
  schedule: Schedule = DEFAULT_SCHEDULE,
  overrides: CalendarOverride[] | CalendarLayers = [],
): WorkTime {
  return {
    calendar: loadCalendar(calendarId, overrides),
    zone: checkZone(zone),
    schedule: checkSchedule(schedule),
  };
}

interface DayPlan {
  work: number[]; // flat [start, end, start, end, …] epoch ms of the working periods
  whole: number[]; // [local midnight, next local midnight] when the day has working time, else []
  workMs: number;
}

const plans = new WeakMap<WorkTime, Map<number, DayPlan>>();

function dayPlan(wt: WorkTime, dn: number): DayPlan {
  let memo = plans.get(wt);
  if (!memo) {
    memo = new Map();
    plans.set(wt, memo);
  }
  const hit = memo.get(dn);
  if (hit) return hit;
  const f = frame(wt.zone, dn);
  const { kind } = wt.calendar.day(f.date);
  const work: number[] = [];
  let workMs = 0;
  for (const [a, b] of periodsOf(wt.schedule, isoWeekday(dn), kind)) {
    const s = localToEpoch(wt.zone, f, a);
    const e = localToEpoch(wt.zone, f, b);
    if (e <= s) continue; // a period swallowed by a DST gap
    if (work.length > 0 && work[work.length - 1]! >= s) work[work.length - 1] = e;
    else work.push(s, e);
    workMs += e - s;
  }
  const plan = { work, whole: workMs > 0 ? [f.start, f.end] : [], workMs };
  memo.set(dn, plan);
  return plan;
}

function segments(wt: WorkTime, dn: number, clock: Clock): number[] {
  const p = dayPlan(wt, dn);
  return clock === "working" ? p.work : p.whole;
}

/** Decision — boundary: the EARLIEST instant at which `ms` of the clock have elapsed from `t` (a budget that
 * runs out at the end of a period is due at that end). Decision — start outside hours: counting begins at
 * the next counted instant. */
function forward(wt: WorkTime, t: number, ms: number, clock: Exclude<Clock, "wall">): number {
  let left = ms;
  for (let dn = frameAt(wt.zone, t).dn; ; dn++) {
    const segs = segments(wt, dn, clock);
    for (let i = 0; i < segs.length; i += 2) {
      const s = segs[i]!;
      const e = segs[i + 1]!;
      if (e <= t) continue;
      const from = Math.max(s, t);
      if (left <= e - from) return from + left;
      left -= e - from;
    }
  }
}

/** The earliest instant whose clock position is pos(t) − ms (contracts.md "subtract"), so that
 * forward(backward(e, d), d) == e for a due instant e. */
function backward(wt: WorkTime, t: number, ms: number, clock: Exclude<Clock, "wall">): number {
  let left = ms;
  for (let dn = frameAt(wt.zone, t).dn; ; dn--) {
    const segs = segments(wt, dn, clock);
    for (let i = segs.length - 2; i >= 0; i -= 2) {
      const s = segs[i]!;
      if (s >= t) continue;
      const to = Math.min(segs[i + 1]!, t);
      // Exactly used up at a period's start: pos() is flat back to the previous period's end, the earliest.
      if (left < to - s) return to - left;
      left -= to - s;
    }
  }
}

function measure(wt: WorkTime, a: number, b: number, clock: Exclude<Clock, "wall">): number {
  if (b <= a) return 0;
  let total = 0;
  const last = frameAt(wt.zone, b - 1).dn;
  for (let dn = frameAt(wt.zone, a).dn; dn <= last; dn++) {
    const segs = segments(wt, dn, clock);
    for (let i = 0; i < segs.length; i += 2) {
      const overlap = Math.min(segs[i + 1]!, b) - Math.max(segs[i]!, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

const hasWork = (wt: WorkTime, dn: number) => dayPlan(wt, dn).workMs > 0;
const endOfWork = (wt: WorkTime, dn: number) => {
  const w = dayPlan(wt, dn).work;
  return w[w.length - 1]!;
};

/** Decision — "N working days": the end of the N-th working day after the event's day (the event's day does
 * not count), whatever the clock; "end" = the end of that day's working hours (18:00, a shortened day 17:00).
 * A working day is one with working time under the org's schedule. 0wd is the end of the working day the
 * clock starts on. */
function addWorkdays(wt: WorkTime, t: number, n: number): number {
  let dn = frameAt(wt.zone, t).dn;
  if (n === 0) {
    while (!hasWork(wt, dn) || endOfWork(wt, dn) <= t) dn++;
    return endOfWork(wt, dn);
  }
  for (let counted = 0; counted < n; ) if (hasWork(wt, ++dn)) counted++;
  return endOfWork(wt, dn);
}

/** The earliest instant whose N-th working day after is the day of `e`: local midnight of the N-th working
 * day before it (0wd: the day after the previous working day). */
function subtractWorkdays(wt: WorkTime, e: number, n: number): number {
  let dn = frameAt(wt.zone, e).dn;
  for (let counted = 0; counted < Math.max(n, 1); ) if (hasWork(wt, --dn)) counted++;
  return frame(wt.zone, n === 0 ? dn + 1 : dn).start;
}

function clockOf(clock: Clock): Clock {
  if (clock !== "working" && clock !== "workdays" && clock !== "wall") {
    throw new CalendarError(`unknown clock "${clock}" (working, workdays, wall)`);
  }
  return clock;
}

export function addBudget(wt: WorkTime, startISO: string, budget: Budget, clock: Clock): string {
  const t = parseInstant(startISO, wt.zone);
  const c = clockOf(clock);
  const b = checkBudget(budget);
  let due: number;
  if ("workdays" in b) due = addWorkdays(wt, t, b.workdays);
  else if (c === "wall") due = t + b.minutes * 60_000;
  else due = forward(wt, t, b.minutes * 60_000, c);
  return formatInstant(due, wt.zone);
}

export function subtractBudget(wt: WorkTime, endISO: string, budget: Budget, clock: Clock): string {
  const e = parseInstant(endISO, wt.zone);
  const c = clockOf(clock);
  const b = checkBudget(budget);
  let at: number;
  if ("workdays" in b) at = subtractWorkdays(wt, e, b.workdays);
  else if (c === "wall") at = e - b.minutes * 60_000;
  else at = backward(wt, e, b.minutes * 60_000, c);
  return formatInstant(at, wt.zone);
}

/** Minutes of the clock in [a, b); 0 when b is not after a. Fractional when the instants carry seconds. */
export function between(wt: WorkTime, aISO: string, bISO: string, clock: Clock): number {
  const a = parseInstant(aISO, wt.zone);
  const b = parseInstant(bISO, wt.zone);
  const c = clockOf(clock);
  const ms = c === "wall" ? Math.max(0, b - a) : measure(wt, a, b, c);
  return ms / 60_000;
}

/** The instant itself when it is working time, else the start of the next working period. */
export function nextWorkingInstant(wt: WorkTime, iso: string): string {
  return formatInstant(forward(wt, parseInstant(iso, wt.zone), 0, "working"), wt.zone);
}

export function workingMinutesOfDay(wt: WorkTime, date: string): number {
  return dayPlan(wt, dayNumber(date)).workMs / 60_000;
}
