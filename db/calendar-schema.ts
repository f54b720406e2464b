// The production calendar's tables (docs/architecture.md "Data"): the national run-time overrides (platform
// admins), each calendar's version (what a running case re-arms against), and an org's own layer of days.
import { index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { dayKinds } from "../calendars/schedule";
import { ts } from "./columns";
import { orgs } from "./schema";

export const calendarOverrides = pgTable(
  "calendar_overrides",
  {
    id: serial("id").primaryKey(),
    calendarId: text("calendar_id").notNull(),
    date: text("date").notNull(),
    kind: text("kind", { enum: dayKinds }).notNull(),
    reason: text("reason").notNull(),
    by: text("by").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("calendar_overrides_day").on(t.calendarId, t.date)],
);

/**
 * Versions of a national production calendar imported after the release (`calendar import`, the admin
 * upload of an xmlcalendar file): each row is one decreed year, replacing the shipped or provisional year
 * from its version on; the national calendar is the shipped data with the latest version of each year.
 */
export const calendarVersions = pgTable(
  "calendar_versions",
  {
    version: serial("version").primaryKey(),
    calendarId: text("calendar_id").notNull(),
    year: integer("year").notNull(),
    /** The decreed year as the engine reads it (calendars DecreeYear). */
    decree: jsonb("decree").notNull(),
    /** The uploaded file as it came. */
    xml: text("xml").notNull(),
    by: text("by").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("calendar_versions_year").on(t.calendarId, t.year)],
);

/** An org's own calendar layer over the national one: regional holidays, local days off (its admin). */
export const orgCalendarDays = pgTable(
  "org_calendar_days",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    date: text("date").notNull(),
    kind: text("kind", { enum: dayKinds }).notNull(),
    reason: text("reason").notNull(),
    by: text("by").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.date] })],
);
