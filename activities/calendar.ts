// A case's calendar as layers (calendars/production.ts): decreed years imported after the release
// (calendar_versions, the latest version of each year), the national run-time overrides (platform admins:
// PUT /v1/calendars/:id/overrides) and the org's own layer (its admin: PUT /v1/orgs/:orgId/calendar/days).
// Read by ingestion when a case starts and by the case on `calendarChanged`.
import { asc, type Column, desc, eq, inArray } from "drizzle-orm";
import type { CalendarLayers, CalendarOverride, DayKind, DecreeYear } from "../calendars";
import type { Db } from "../db/client";
import { calendarOverrides, calendarVersions, orgCalendarDays, orgs } from "../db/schema";

export type { CalendarLayers, CalendarOverride };

const asOverride = (r: { date: string; kind: DayKind; reason: string; by: string; at: string }) => ({
  date: r.date,
  kind: r.kind,
  reason: r.reason,
  by: r.by,
  at: new Date(r.at).toISOString(),
});

/** A calendar by its id, or the calendar of an org (read in the same statement: no round trip before it). */
export type CalendarRef = string | { ofOrg: string };

const calendarIs = (db: Db, column: Column, ref: CalendarRef) =>
  typeof ref === "string"
    ? eq(column, ref)
    : inArray(column, db.select({ id: orgs.calendarId }).from(orgs).where(eq(orgs.id, ref.ofOrg)));

export async function loadCalendarOverrides(db: Db, calendarId: CalendarRef): Promise<CalendarOverride[]> {
  const rows = await db
    .select()
    .from(calendarOverrides)
    .where(calendarIs(db, calendarOverrides.calendarId, calendarId))
    .orderBy(asc(calendarOverrides.date));
  return rows.map(asOverride);
}

/** The imported decreed years in force: the latest version of each year. */
export async function loadDecreedYears(db: Db, calendarId: CalendarRef): Promise<DecreeYear[]> {
  const rows = await db
    .selectDistinctOn([calendarVersions.year], { decree: calendarVersions.decree })
    .from(calendarVersions)
    .where(calendarIs(db, calendarVersions.calendarId, calendarId))
    .orderBy(asc(calendarVersions.year), desc(calendarVersions.version));
  return rows.map((r) => r.decree as DecreeYear);
}

export async function loadOrgCalendarDays(db: Db, orgId: string): Promise<CalendarOverride[]> {
  const rows = await db
    .select()
    .from(orgCalendarDays)
    .where(eq(orgCalendarDays.orgId, orgId))
    .orderBy(asc(orgCalendarDays.date));
  return rows.map(asOverride);
}

export async function loadCalendarLayers(
  db: Db,
  input: { calendarId: CalendarRef; orgId: string },
): Promise<CalendarLayers> {
  const [decreed, national, org] = await Promise.all([
    loadDecreedYears(db, input.calendarId),
    loadCalendarOverrides(db, input.calendarId),
    loadOrgCalendarDays(db, input.orgId),
  ]);
  return { decreed, national, org };
}
