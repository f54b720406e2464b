// The yearly reminder (worker/calendar-schedule.ts): from 1 November, while next year's production calendar
// is still provisional (no decree shipped in calendars/data nor imported into calendar_versions), the
// platform's admins (role `platform-admin`) are e-mailed, once per check day, to import the decree
// (`npx tsx cli/main.ts calendar import <file.xml>` or POST /v1/calendars/:id/imports).
import { and, arrayContains, eq, isNotNull } from "drizzle-orm";
import { RU_YEARS } from "../calendars/data/ru";
import type { Db } from "../db/client";
import { calendarVersions, staff } from "../db/schema";
import type { Mailer } from "./mail";
import { sendOnce } from "./once";

export interface ProvisionalCheck {
  calendarId: string;
  year: number;
  /** The check's day (YYYY-MM-DD): one e-mail per day at most, whatever the retries. */
  day: string;
}

export async function noticeProvisionalYear(
  deps: { db: Db; mailer: Mailer },
  input: ProvisionalCheck,
): Promise<{ provisional: boolean; sent: number }> {
  const imported = await deps.db
    .select({ version: calendarVersions.version })
    .from(calendarVersions)
    .where(and(eq(calendarVersions.calendarId, input.calendarId), eq(calendarVersions.year, input.year)))
    .limit(1);
  if (RU_YEARS.has(input.year) || imported.length > 0) return { provisional: false, sent: 0 };
  const admins = await deps.db
    .select({ email: staff.email })
    .from(staff)
    .where(
      and(arrayContains(staff.roles, ["platform-admin"]), eq(staff.active, true), isNotNull(staff.email)),
    );
  const to = admins.flatMap((a) => (a.email ? [a.email] : []));
  if (to.length === 0) return { provisional: true, sent: 0 };
  const key = `calendar-provisional:${input.calendarId}:${input.year}:${input.day}`;
  const subject = `Производственный календарь ${input.year} ещё не загружен (календарь ${input.calendarId} предварительный)`;
  const text = [
    `Календарь ${input.calendarId} на ${input.year} год построен по Трудовому кодексу (ст. 95, 112), без постановления`,
    "Правительства о переносе выходных дней: сроки дел, уходящие в этот год, могут сдвинуться.",
    "",
    "Когда постановление опубликовано, загрузите его файл в формате xmlcalendar (ru/<год>/calendar.xml):",
    "  npx tsx cli/main.ts calendar import calendar.xml",
    `  или POST /v1/calendars/${input.calendarId}/imports {"xml": "..."} (роль platform-admin).`,
  ].join("\n");
  const { ran } = await sendOnce(deps.db, { key, channel: "email", recipient: to.join(", "), subject }, () =>
    deps.mailer.send({ key, to, subject, text }),
  );
  return { provisional: true, sent: ran ? to.length : 0 };
}
