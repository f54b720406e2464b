// Read-only reference data: production calendar days and regulation plans (calendars/, regulations/), with
// the national layers from PostgreSQL applied (imported decrees, overrides), as running cases count by them.

import { loadCalendarOverrides, loadDecreedYears } from "../../activities/calendar";
import { CalendarError, loadCalendar, workingMinutesOfDay, workTime } from "../../calendars";
import { getProfile, listProfiles, plan, RegulationError } from "../../regulations";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";

const DAY = 86_400_000;

export async function calendarDays(deps: Deps, calendarId: string, from: string, to: string) {
  const first = Date.parse(`${from}T00:00:00Z`);
  const span = (Date.parse(`${to}T00:00:00Z`) - first) / DAY;
  if (span < 0 || span > 366)
    throw new HttpProblem(422, "from..to must span 0 to 366 days", {
      errors: [{ path: "querystring.to", message: "at most 366 days after from" }],
    });
  // The national calendar: imported decrees and national overrides (an org's own days: GET /v1/orgs/:id/calendar/days).
  const overrides = await nationalLayers(deps, calendarId);
  const wt = reference(() => {
    loadCalendar(calendarId);
    // Minutes of a day depend on the schedule, not on the zone: any zone will do.
    return workTime(calendarId, "Europe/Moscow", undefined, overrides);
  }, 404);
  const days = Array.from({ length: span + 1 }, (_, i) =>
    new Date(first + i * DAY).toISOString().slice(0, 10),
  );
  return reference(
    () => days.map((date) => ({ ...wt.calendar.day(date), workingMinutes: workingMinutesOfDay(wt, date) })),
    422,
  );
}

/** The national calendar as it stands: imported decrees and national overrides, no org's own days. */
async function nationalLayers(deps: Deps, calendarId: string) {
  const [decreed, national] = await Promise.all([
    loadDecreedYears(deps.db, calendarId),
    loadCalendarOverrides(deps.db, calendarId),
  ]);
  return { decreed, national };
}

export const regulations = () => listProfiles();

export async function regulationPlan(
  deps: Deps,
  id: string,
  q: { start: string; importance: "normal" | "high"; publishedAt?: string },
) {
  const profile = reference(() => getProfile(id), 404);
  const overrides = await nationalLayers(deps, profile.calendar);
  return reference(
    () => plan(profile, q.start, q.importance, { overrides, publishedAt: q.publishedAt }),
    422,
  );
}

/** The engines' own errors are the caller's: an unknown id (404) or a value outside the data (422). */
function reference<T>(f: () => T, status: 404 | 422): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CalendarError || e instanceof RegulationError) throw new HttpProblem(status, e.message);
    throw e;
  }
}
