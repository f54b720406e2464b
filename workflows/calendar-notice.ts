// Run by the Schedule `calendar-provisional-<calendarId>` (worker/calendar-schedule.ts): is next year still
// provisional? If so the platform's admins are told (activities/calendar-notice.ts).
import { proxyActivities } from "@temporalio/workflow";
import type { createActivities } from "../activities";

type Activities = ReturnType<typeof createActivities>;
const { noticeProvisionalYear } = proxyActivities<Activities>({
  startToCloseTimeout: "1 minute",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "10 minutes" },
});

export async function provisionalYearCheck(input: { calendarId: string }) {
  const today = new Date(Date.now()).toISOString().slice(0, 10); // the workflow's (deterministic) clock
  const year = Number(today.slice(0, 4)) + 1;
  return { year, ...(await noticeProvisionalYear({ calendarId: input.calendarId, year, day: today })) };
}
