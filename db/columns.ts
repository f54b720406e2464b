// Column helpers shared by the schema files (db/schema.ts, db/calendar-schema.ts).
import { timestamp } from "drizzle-orm/pg-core";

/** A timestamptz read and written as its ISO-like string (PostgreSQL's text form). */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
