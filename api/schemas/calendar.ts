// Calendar days, overrides and decree imports (calendars/production.ts: layers).
import { z } from "zod";

export const calendarParams = z.object({ calendarId: z.string().regex(/^[a-z0-9_-]{1,50}$/) });
export const date = z.iso.date().describe("YYYY-MM-DD");
export const dayKind = z.enum(["working", "shortened", "non_working"]);
export const dayInput = z.object({ date, kind: dayKind, reason: z.string().min(1).max(500) });
export const storedDay = dayInput.extend({ by: z.string(), at: z.string() });
export const dayRange = z.object({ from: date, to: date.describe("inclusive; at most 366 days after from") });

export const layer = z
  .enum(["week", "decree", "imported", "provisional", "national", "org"])
  .describe(
    "what set the day: the Mon–Fri week, the shipped decree, an imported decree, a provisional year, a national override (platform admins) or the org's own layer",
  );
export const calendarDay = z.object({
  date: z.string(),
  kind: dayKind,
  provisional: z.boolean().describe("the year's decree is not published yet"),
  layer,
  note: z.string().optional(),
  workingMinutes: z.number().int(),
});

export const fanOut = z
  .string()
  .nullable()
  .describe("id of the workflow that re-arms the running cases the change can move (null: none to tell)");

export const importResult = z.object({
  calendarId: z.string(),
  version: z.number().int(),
  year: z.number().int(),
  at: z.string(),
  changed: z
    .array(z.object({ date: z.string(), before: dayKind, after: dayKind }))
    .describe("the days whose kind the new version changes"),
  fanOut: fanOut.optional(),
});
