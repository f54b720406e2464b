// The yearly Schedule `calendar-provisional-<calendarId>`: on 1 November and every Monday of November and
// December, 09:00 Moscow time, provisionalYearCheck asks whether next year's decree is in (shipped or
// imported) and, while it is not, e-mails the platform's admins. Created or updated by worker/setup.ts.
import { type Client, type ScheduleOptions, ScheduleOverlapPolicy } from "@temporalio/client";
import { upsertSchedule } from "./schedules";

export const calendarScheduleId = (calendarId: string) => `calendar-provisional-${calendarId}`;

export function calendarSchedule(calendarId: string, taskQueue: string) {
  const note =
    "next year's production calendar still provisional? tell the platform admins (from 1 November)";
  return {
    scheduleId: calendarScheduleId(calendarId),
    spec: {
      calendars: [
        { month: "NOVEMBER", dayOfMonth: 1, hour: 9, minute: 0, comment: "1 November" },
        { month: ["NOVEMBER", "DECEMBER"], dayOfWeek: "MONDAY", hour: 9, minute: 0, comment: "then weekly" },
      ],
      timezone: "Europe/Moscow",
    },
    action: {
      type: "startWorkflow" as const,
      workflowType: "provisionalYearCheck",
      args: [{ calendarId }],
      taskQueue,
      workflowId: calendarScheduleId(calendarId),
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: "1 day" },
    state: { note },
    memo: { calendarId },
  } satisfies ScheduleOptions;
}

export const ensureCalendarSchedule = (client: Client, taskQueue: string, calendarId = "ru") =>
  upsertSchedule(client, calendarSchedule(calendarId, taskQueue));
