// One Temporal Schedule per org for the monthly report: `monthly-report-<org>`, on the 1st of every month at
// 06:00 in the org's zone, starting monthlyReportWorkflow for the month just ended. Created or brought up
// to date by worker/setup.ts (idempotent).
//
// Plastunovskaya wants the report by the 5th of the next month (003_7882df1e4c209347.txt §23, the profile's
// `reports.monthly.dueDayOfNextMonth`): it runs on the 1st like the others, well inside that, and the due
// day is written in the calendar's comment, the Schedule's note and memo, and the report itself (`dueBy`).
import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
} from "@temporalio/client";
import type { Db } from "../db/client";
import { orgs } from "../db/schema";
import { getProfile } from "../regulations";
import type { MonthlyReportArgs } from "../workflows/monthly-report";

export const reportScheduleId = (org: string) => `monthly-report-${org}`;

export interface ReportOrg {
  id: string;
  regulation: string;
  zone: string;
}

export function reportSchedule(org: ReportOrg, taskQueue: string) {
  const monthly = getProfile(org.regulation).reports.monthly;
  const due = monthly?.dueDayOfNextMonth;
  const comment = due
    ? `monthly report, due by day ${due} of the next month (${monthly.source})`
    : "monthly report";
  const spec: ScheduleSpec = {
    calendars: [{ dayOfMonth: 1, hour: 6, minute: 0, comment }],
    timezone: org.zone,
  };
  return {
    scheduleId: reportScheduleId(org.id),
    spec,
    action: {
      type: "startWorkflow" as const,
      workflowType: "monthlyReportWorkflow",
      args: [{ org: org.id } satisfies MonthlyReportArgs],
      taskQueue,
      // The Schedule appends the scheduled time: monthly-report-<org>-<instant>.
      workflowId: reportScheduleId(org.id),
    },
    policies: {
      overlap: ScheduleOverlapPolicy.SKIP,
      // A server down at 06:00 on the 1st still starts the run when it is back within 4 days (before the 5th).
      catchupWindow: "4 days",
    },
    state: { note: comment },
    memo: { org: org.id, dueDayOfNextMonth: due ?? null },
  } satisfies ScheduleOptions;
}

/** Creates the org's report Schedule, or updates the spec, action and policies of an existing one. */
export async function ensureReportSchedule(
  client: Client,
  org: ReportOrg,
  taskQueue: string,
): Promise<"created" | "updated"> {
  // A report Schedule paused by hand stays paused.
  return upsertSchedule(client, reportSchedule(org, taskQueue));
}

/**
 * Creates a Schedule, or brings an existing one to these options: spec, action, policies, note, and the
 * paused state when `paused` is given (otherwise the Schedule keeps its own).
 */
export async function upsertSchedule(
  client: Client,
  options: ScheduleOptions & { state: { note?: string } },
  paused?: boolean,
): Promise<"created" | "updated"> {
  try {
    await client.schedule.create(options);
    return "created";
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
  await client.schedule.getHandle(options.scheduleId).update((prev) => ({
    spec: options.spec,
    action: options.action,
    policies: options.policies,
    state: { ...prev.state, note: options.state.note, ...(paused === undefined ? {} : { paused }) },
  }));
  return "updated";
}

/** Every org's report Schedule (worker/setup.ts). */
export async function ensureReportSchedules(client: Client, db: Db, taskQueue: string) {
  const all = await db.select({ id: orgs.id, regulation: orgs.regulation, zone: orgs.zone }).from(orgs);
  const done: Record<string, "created" | "updated"> = {};
  for (const org of all.sort((a, b) => a.id.localeCompare(b.id)))
    done[org.id] = await ensureReportSchedule(client, org, taskQueue);
  return done;
}
