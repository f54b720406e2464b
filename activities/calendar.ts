// Run-time overrides of a production calendar (ad-hoc non-working days by decree, moved days), entered by
// an admin through the API and read by a case when it starts and on `calendarChanged`.
import { asc, eq } from "drizzle-orm";
import type { CalendarOverride, DayKind } from "../calendars";
import type { Db } from "../db/client";
import { calendarOverrides } from "../db/schema";

export type { CalendarOverride };

export async function loadCalendarOverrides(db: Db, calendarId: string): Promise<CalendarOverride[]> {
  const rows = await db
    .select()
    .from(calendarOverrides)
    .where(eq(calendarOverrides.calendarId, calendarId))
    .orderBy(asc(calendarOverrides.date));
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind as DayKind,
    reason: r.reason,
    by: r.by,
    at: new Date(r.at).toISOString(),
  }));
}
