// monthlyReportWorkflow: an org's monthly report (docs/regulations.md "Along the way"), started by the org's
// Schedule `monthly-report-<org>` on the 1st at 06:00 in its zone (worker/schedules.ts) or by
// POST /v1/reports/monthly. Generates and stores the month's report, then e-mails it once per org and month.
import { defineSearchAttributeKey, SearchAttributeType } from "@temporalio/common";
import { proxyActivities, workflowInfo } from "@temporalio/workflow";
import type { createActivities } from "../activities";

type Activities = ReturnType<typeof createActivities>;
const { generateMonthlyReport, mailMonthlyReport } = proxyActivities<Activities>({
  startToCloseTimeout: "10 minutes",
  // Bounded: about an hour of attempts, then the run fails and shows as failed in Temporal UI; deterministic
  // failures (a bad month, an unknown org) are non-retryable and fail it at once.
  retry: {
    initialInterval: "5 seconds",
    backoffCoefficient: 2,
    maximumInterval: "10 minutes",
    maximumAttempts: 10,
  },
});

/** Set by the server on every run a Schedule starts: the instant the run was due at. */
const TemporalScheduledStartTime = defineSearchAttributeKey(
  "TemporalScheduledStartTime",
  SearchAttributeType.DATETIME,
);

export interface MonthlyReportArgs {
  org: string;
  /** YYYY-MM; absent (a scheduled run): the month before the run's scheduled time, in the org's zone. */
  month?: string;
}

export interface MonthlyReportResult {
  org: string;
  month: string;
  cases: number;
  /** Recipients e-mailed by this run: 0 when the month's report was e-mailed before, or without SMTP. */
  mailed: number;
  /** Recipients whose e-mail was only recorded, for lack of SMTP_URL (dev): nothing was sent to them. */
  recorded: number;
  /** The instant the run counts from: the Schedule's scheduled time, or the workflow's start. */
  at: string;
}

export async function monthlyReportWorkflow(args: MonthlyReportArgs): Promise<MonthlyReportResult> {
  const info = workflowInfo();
  // The scheduled time, not the start: a run delayed (worker down, catch-up) reports the month it was due for.
  const at = (info.typedSearchAttributes.get(TemporalScheduledStartTime) ?? info.startTime).toISOString();
  const { month, cases } = await generateMonthlyReport({ org: args.org, month: args.month, at });
  const mail = await mailMonthlyReport({ org: args.org, month });
  // Activities completed before `recorded` existed answered `{sent}` only.
  return { org: args.org, month, cases, mailed: mail.sent, recorded: mail.recorded ?? 0, at };
}
