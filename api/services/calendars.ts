// Calendar changes decided at run time, by layer (calendars/production.ts): the national calendar only by a
// platform admin (`platform-admin`: overrides, decree imports), an org's own layer only by that org's admin.
// Each change is stored in PostgreSQL and reaches the running cases it can move through the bounded fan-out
// (workflows/calendar-fan-out.ts): those of the affected orgs whose answer is due after the earliest changed day.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { loadCalendarLayers } from "../../activities/calendar";
import { importDecree, orgsOnCalendar, startFanOut } from "../../activities/calendar-versions";
import { CalendarError, loadCalendar, workingMinutesOfDay, workTime } from "../../calendars";
import { calendarOverrides, calendarVersions, orgCalendarDays, orgs } from "../../db/schema";
import type { Actor } from "../../workflows/actions";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { bounded } from "../temporal";

export interface OverrideInput {
  date: string;
  kind: "working" | "shortened" | "non_working";
  reason: string;
}

const earliest = (days: OverrideInput[]) => days.map((d) => d.date).sort()[0]!;
const iso = (at: string) => new Date(at).toISOString();

function checkDays(calendarId: string, days: OverrideInput[]) {
  try {
    const cal = loadCalendar(calendarId);
    for (const d of days) cal.day(d.date);
  } catch (e) {
    if (e instanceof CalendarError) throw new HttpProblem(422, e.message);
    throw e;
  }
}

/** National overrides (platform admins): every org on the calendar counts by them. */
export async function putOverrides(deps: Deps, actor: Actor, calendarId: string, overrides: OverrideInput[]) {
  const users = await orgsOnCalendar(deps.db, calendarId);
  if (users.length === 0) throw new HttpProblem(404, `No org works by calendar '${calendarId}'`);
  checkDays(calendarId, overrides);
  await deps.db
    .insert(calendarOverrides)
    .values(overrides.map((o) => ({ ...o, calendarId, by: actor.staffId })))
    .onConflictDoUpdate({
      target: [calendarOverrides.calendarId, calendarOverrides.date],
      set: { kind: sql`excluded.kind`, reason: sql`excluded.reason`, by: sql`excluded.by`, at: sql`now()` },
    });
  const fanOut = await reArm(deps, calendarId, users, overrides, `${calendarId}-overrides`);
  const rows = await deps.db
    .select()
    .from(calendarOverrides)
    .where(
      and(
        eq(calendarOverrides.calendarId, calendarId),
        inArray(
          calendarOverrides.date,
          overrides.map((o) => o.date),
        ),
      ),
    );
  return {
    calendarId,
    overrides: rows.map(storedDay),
    fanOut: fanOut ?? null,
  };
}

/** The running cases a change can move, re-armed through the bounded fan-out; the wait for Temporal is bounded. */
function reArm(
  deps: Deps,
  calendarId: string,
  orgIds: Parameters<typeof startFanOut>[1]["orgs"],
  days: OverrideInput[],
  what: string,
) {
  const version = Date.now();
  return bounded(
    deps,
    "The days are saved; running cases may not have re-armed their deadlines yet: send the same PUT again.",
    () =>
      startFanOut(deps, {
        calendarId,
        version,
        orgs: orgIds,
        from: earliest(days),
        id: `${what}-${version}`,
      }),
  );
}

const storedDay = (r: {
  date: string;
  kind: OverrideInput["kind"];
  reason: string;
  by: string;
  at: string;
}) => ({
  date: r.date,
  kind: r.kind,
  reason: r.reason,
  by: r.by,
  at: iso(r.at),
});

async function orgCalendarOf(deps: Deps, orgId: string): Promise<string> {
  const [org] = await deps.db.select({ calendarId: orgs.calendarId }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new HttpProblem(404, `Unknown org '${orgId}'`);
  return org.calendarId;
}

/** The org's own layer (its admin): regional holidays, local days off. Only the org's cases are re-armed. */
export async function putOrgDays(deps: Deps, actor: Actor, orgId: string, days: OverrideInput[]) {
  if (actor.org !== orgId) throw new HttpProblem(403, `Your org '${actor.org}' cannot change '${orgId}'`);
  const calendarId = await orgCalendarOf(deps, orgId);
  checkDays(calendarId, days);
  await deps.db
    .insert(orgCalendarDays)
    .values(days.map((d) => ({ ...d, orgId, by: actor.staffId })))
    .onConflictDoUpdate({
      target: [orgCalendarDays.orgId, orgCalendarDays.date],
      set: { kind: sql`excluded.kind`, reason: sql`excluded.reason`, by: sql`excluded.by`, at: sql`now()` },
    });
  const fanOut = await reArm(deps, calendarId, [orgId], days, `${orgId}-days`);
  const rows = await deps.db
    .select()
    .from(orgCalendarDays)
    .where(
      and(
        eq(orgCalendarDays.orgId, orgId),
        inArray(
          orgCalendarDays.date,
          days.map((d) => d.date),
        ),
      ),
    );
  return {
    orgId,
    calendarId,
    days: rows.map(storedDay),
    fanOut: fanOut ?? null,
  };
}

/** Removes days from the org's layer: the national calendar applies to them again. */
export async function deleteOrgDays(deps: Deps, actor: Actor, orgId: string, dates: string[]) {
  if (actor.org !== orgId) throw new HttpProblem(403, `Your org '${actor.org}' cannot change '${orgId}'`);
  const calendarId = await orgCalendarOf(deps, orgId);
  const gone = await deps.db
    .delete(orgCalendarDays)
    .where(and(eq(orgCalendarDays.orgId, orgId), inArray(orgCalendarDays.date, dates)))
    .returning({ date: orgCalendarDays.date });
  const version = Date.now();
  const fanOut =
    gone.length > 0
      ? await startFanOut(deps, {
          calendarId,
          version,
          orgs: [orgId],
          from: gone.map((g) => g.date).sort()[0]!,
          id: `${orgId}-days-${version}`,
        })
      : undefined;
  return { orgId, removed: gone.map((g) => g.date).sort(), fanOut: fanOut ?? null };
}

const DAY = 86_400_000;

/** The org's calendar day by day, with the layer that set each day and its working minutes. */
export async function orgDays(deps: Deps, actor: Actor, orgId: string, from: string, to: string) {
  if (actor.org !== orgId) throw new HttpProblem(403, `Your org is '${actor.org}', not '${orgId}'`);
  const calendarId = await orgCalendarOf(deps, orgId);
  const first = Date.parse(`${from}T00:00:00Z`);
  const span = (Date.parse(`${to}T00:00:00Z`) - first) / DAY;
  if (span < 0 || span > 366)
    throw new HttpProblem(422, "from..to must span 0 to 366 days", {
      errors: [{ path: "querystring.to", message: "at most 366 days after from" }],
    });
  const layers = await loadCalendarLayers(deps.db, { calendarId, orgId });
  try {
    const wt = workTime(calendarId, "Europe/Moscow", undefined, layers);
    return Array.from({ length: span + 1 }, (_, i) => {
      const date = new Date(first + i * DAY).toISOString().slice(0, 10);
      return { ...wt.calendar.day(date), workingMinutes: workingMinutesOfDay(wt, date) };
    });
  } catch (e) {
    if (e instanceof CalendarError) throw new HttpProblem(422, e.message);
    throw e;
  }
}

/** The imported versions of the national calendar, newest first (the file itself is kept, not listed). */
export async function listVersions(deps: Deps, calendarId: string) {
  const rows = await deps.db
    .select({
      version: calendarVersions.version,
      year: calendarVersions.year,
      by: calendarVersions.by,
      at: calendarVersions.at,
      decree: calendarVersions.decree,
    })
    .from(calendarVersions)
    .where(eq(calendarVersions.calendarId, calendarId))
    .orderBy(desc(calendarVersions.version));
  return rows.map((r) => ({
    version: r.version,
    year: r.year,
    by: r.by,
    at: iso(r.at),
    source: (r.decree as { source?: string }).source ?? "",
  }));
}

/** A decree file uploaded by a platform admin: a new version of the national calendar. */
export async function importCalendar(deps: Deps, actor: Actor, calendarId: string, xml: string) {
  if ((await orgsOnCalendar(deps.db, calendarId)).length === 0)
    throw new HttpProblem(404, `No org works by calendar '${calendarId}'`);
  try {
    return await importDecree(deps, calendarId, xml, actor.staffId);
  } catch (e) {
    if (e instanceof CalendarError)
      throw new HttpProblem(422, e.message, { errors: [{ path: "body.xml", message: e.message }] });
    throw e;
  }
}
