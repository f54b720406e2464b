// One page of a calendar change's fan-out (workflows/calendar-fan-out.ts): the running cases of the given
// orgs whose answer is due after the earliest changed day (or has no due yet), listed through visibility
// (search attributes CaseOrg, CaseAnswerDueAt), each signalled `calendarChanged` with at most `concurrency`
// signals in flight. A case that finished between the listing and its signal has nothing to re-arm.
import type { Client } from "@temporalio/client";
import { calendarChanged } from "../workflows/actions";

export interface FanOutPage {
  calendarId: string;
  version: number;
  orgs: string[];
  /** The earliest changed day (YYYY-MM-DD): a deadline due before it counted no changed day. */
  from: string;
  pageSize: number;
  concurrency: number;
  /** base64 of visibility's page token; absent for the first page. */
  pageToken?: string;
}

const quoted = (s: string) => `'${s.replaceAll("'", "")}'`;

/**
 * The cases a change from `from` on can move. A day in any Russian zone (UTC+2 … +12) starts after 12:00Z of
 * the day before, so one day earlier is safe. While the answer is pending its due is the case's last
 * deadline, so a case answered before the changed day is left alone; the answer's due no longer bounds the
 * pending deadlines of a case past it (overdue: later steps still run) or after an interim answer (the final
 * answer's working days), so those are always told, and so is a case without an answer due (the explanation
 * path, or not indexed yet). Telling a case too many is harmless: it re-arms to the same instants.
 */
export function fanOutQuery(orgs: string[], from: string): string {
  const since = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString();
  return [
    "WorkflowType = 'caseWorkflow'",
    "ExecutionStatus = 'Running'",
    `CaseOrg IN (${orgs.map(quoted).join(", ")})`,
    `(CaseAnswerDueAt >= '${since}' OR CaseAnswerDueAt IS NULL OR CaseOverdue = true OR CaseStatus = 'follow_up')`,
  ].join(" AND ");
}

export async function signalCasePage(
  temporal: Client,
  page: FanOutPage,
): Promise<{ listed: number; signalled: number; pageToken?: string }> {
  if (page.orgs.length === 0) return { listed: 0, signalled: 0 };
  const res = await temporal.workflowService.listWorkflowExecutions({
    namespace: temporal.options.namespace,
    query: fanOutQuery(page.orgs, page.from),
    pageSize: page.pageSize,
    nextPageToken: page.pageToken ? Buffer.from(page.pageToken, "base64") : undefined,
  });
  const cases = (res.executions ?? []).flatMap((e) =>
    e.execution?.workflowId ? [{ id: e.execution.workflowId, runId: e.execution.runId ?? undefined }] : [],
  );
  let signalled = 0;
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      await temporal.workflow
        .getHandle(c.id, c.runId)
        .signal(calendarChanged, { calendarId: page.calendarId, version: page.version })
        .then(
          () => signalled++,
          () => {}, // finished between the listing and the signal
        );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(page.concurrency, cases.length)) }, lane));
  const token =
    res.nextPageToken && res.nextPageToken.length > 0
      ? Buffer.from(res.nextPageToken).toString("base64")
      : undefined;
  return { listed: cases.length, signalled, pageToken: token };
}
