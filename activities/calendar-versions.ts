// A new decree without a release: an xmlcalendar file (`calendar import`, POST /v1/calendars/:id/imports)
// validated, stored as a new version of the national calendar (calendar_versions), and the running cases
// whose deadlines lie after its earliest changed day re-armed through the bounded fan-out
// (workflows/calendar-fan-out.ts). Shared by the API and the CLI.
import type { Client } from "@temporalio/client";
import { eq } from "drizzle-orm";
import { type CalendarLayers, type DayKind, loadCalendar } from "../calendars";
import { dateOf, firstDay } from "../calendars/days";
import { decreeYearOf, parseXmlCalendar } from "../calendars/xmlcalendar";
import type { Db } from "../db/client";
import { calendarVersions, orgs } from "../db/schema";
import type { calendarFanOut } from "../workflows/calendar-fan-out";
import { loadCalendarOverrides, loadDecreedYears } from "./calendar";

export interface FanOutDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/** The days of `year` whose kind differs between two national calendars. */
export function changedDays(calendarId: string, before: CalendarLayers, after: CalendarLayers, year: number) {
  const a = loadCalendar(calendarId, before);
  const b = loadCalendar(calendarId, after);
  const out: Array<{ date: string; before: DayKind; after: DayKind }> = [];
  for (let dn = firstDay(year); dn < firstDay(year + 1); dn++) {
    const date = dateOf(dn);
    const [x, y] = [a.day(date).kind, b.day(date).kind];
    if (x !== y) out.push({ date, before: x, after: y });
  }
  return out;
}

/** Starts the bounded fan-out of a change from `from` on to the running cases of `orgIds`. */
export async function startFanOut(
  deps: FanOutDeps,
  change: { calendarId: string; version: number; orgs: string[]; from: string; id: string },
): Promise<string | undefined> {
  if (change.orgs.length === 0) return undefined;
  const workflowId = `calendar-fan-out-${change.id}`;
  await deps.temporal.workflow.start<typeof calendarFanOut>("calendarFanOut", {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [{ calendarId: change.calendarId, version: change.version, orgs: change.orgs, from: change.from }],
  });
  return workflowId;
}

export const orgsOnCalendar = async (db: Db, calendarId: string) =>
  (await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.calendarId, calendarId))).map((o) => o.id);

/** Validates the file (CalendarError with the reason), stores it as the next version and fans the change out. */
export async function importDecree(deps: FanOutDeps, calendarId: string, xml: string, by: string) {
  const parsed = parseXmlCalendar(xml);
  const decree = decreeYearOf(
    parsed,
    `imported xmlcalendar ${calendarId}/${parsed.year}/calendar.xml${parsed.formed ? ` of ${parsed.formed}` : ""} by ${by}`,
  );
  const national = await loadCalendarOverrides(deps.db, calendarId);
  const decreed = await loadDecreedYears(deps.db, calendarId);
  const after: CalendarLayers = {
    decreed: [...decreed.filter((d) => d.year !== decree.year), decree],
    national,
  };
  loadCalendar(calendarId, after).day(`${decree.year}-01-01`); // the year is one the engine covers
  const changed = changedDays(calendarId, { decreed }, { decreed: after.decreed }, decree.year);
  const [row] = await deps.db
    .insert(calendarVersions)
    .values({ calendarId, year: decree.year, decree, xml, by })
    .returning({ version: calendarVersions.version, at: calendarVersions.at });
  const version = row!.version;
  const fanOut =
    changed.length > 0
      ? await startFanOut(deps, {
          calendarId,
          version,
          orgs: await orgsOnCalendar(deps.db, calendarId),
          from: changed[0]!.date,
          id: `${calendarId}-v${version}`,
        })
      : undefined;
  return { calendarId, version, year: decree.year, at: new Date(row!.at).toISOString(), changed, fanOut };
}
