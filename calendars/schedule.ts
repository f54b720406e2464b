import { CalendarError } from "./errors";

export const dayKinds = ["working", "shortened", "non_working"] as const;
export type DayKind = (typeof dayKinds)[number];
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes from local midnight. */
export interface Schedule {
  weekly: Record<IsoWeekday, Array<[number, number]>>; // ISO weekday -> working periods
  shortenedBy: number; // minutes cut from the END of a shortened day
  workingWeekendAs: 1 | 2 | 3 | 4 | 5; // a working Saturday/Sunday uses this weekday's hours
}

const DAY: Array<[number, number]> = [
  [9 * 60, 13 * 60],
  [14 * 60, 18 * 60],
];

/** docs/regulations.md "Working time": Mon–Fri 09:00–18:00, lunch 13:00–14:00; a shortened day ends at
 * 17:00 (Labour Code art. 95: one hour shorter); a working weekend day uses the weekday hours. */
export const DEFAULT_SCHEDULE: Schedule = {
  weekly: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: [], 7: [] },
  shortenedBy: 60,
  workingWeekendAs: 1,
};

/** Throws CalendarError unless periods are sorted, disjoint, within the day, and some weekday has hours
 * (a schedule with no working time would make every deadline infinite). */
export function checkSchedule(s: Schedule): Schedule {
  let total = 0;
  for (const wd of [1, 2, 3, 4, 5, 6, 7] as const) {
    const periods = s.weekly?.[wd];
    if (!Array.isArray(periods)) throw new CalendarError(`schedule: weekday ${wd} has no period list`);
    let prev = 0;
    for (const p of periods) {
      const [a, b] = p;
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < prev || b <= a || b > 1440) {
        throw new CalendarError(
          `schedule: weekday ${wd} period ${JSON.stringify(p)} is not sorted within 0..1440`,
        );
      }
      prev = b;
      if (wd <= 5) total += b - a;
    }
  }
  if (total === 0) throw new CalendarError("schedule: no working hours Monday to Friday");
  if (!Number.isInteger(s.shortenedBy) || s.shortenedBy < 0)
    throw new CalendarError("schedule: bad shortenedBy");
  if (![1, 2, 3, 4, 5].includes(s.workingWeekendAs))
    throw new CalendarError("schedule: bad workingWeekendAs");
  return s;
}

const cache = new WeakMap<Schedule, Map<string, ReadonlyArray<readonly [number, number]>>>();

/** The local working periods of a day of this kind and weekday. A working weekend day takes the hours of
 * `workingWeekendAs`; a shortened day loses `shortenedBy` minutes from its end (art. 95). */
export function periodsOf(
  s: Schedule,
  weekday: IsoWeekday,
  kind: DayKind,
): ReadonlyArray<readonly [number, number]> {
  if (kind === "non_working") return [];
  let memo = cache.get(s);
  if (!memo) {
    memo = new Map();
    cache.set(s, memo);
  }
  const key = `${weekday}${kind}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const base = s.weekly[weekday >= 6 ? s.workingWeekendAs : weekday];
  const out: Array<[number, number]> = base.map(([a, b]) => [a, b]);
  if (kind === "shortened") {
    let cut = s.shortenedBy;
    while (cut > 0 && out.length > 0) {
      const last = out[out.length - 1]!;
      const len = last[1] - last[0];
      if (len > cut) {
        last[1] -= cut;
        cut = 0;
      } else {
        out.pop();
        cut -= len;
      }
    }
  }
  memo.set(key, out);
  return out;
}
