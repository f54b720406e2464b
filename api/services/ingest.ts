// Ingestion for the API (activities/ingest.ts does the work): an unknown org is a 422 problem, and the
// integrator's answer (`accepted`).
import * as cases from "../../activities/ingest";
import { getCase } from "../../workflows/actions";
import type { Message } from "../../workflows/message";
import type { CaseView } from "../../workflows/view";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { bounded } from "../temporal";

export async function ingest(deps: Deps, message: Message) {
  try {
    return await bounded(
      deps,
      "The case may have been started: send the message again (a resend answers 200 with the case).",
      () => cases.ingest(deps, message),
    );
  } catch (e) {
    if (e instanceof cases.UnknownOrgError) throw new HttpProblem(422, e.message, { type: "unknown-org" });
    throw e;
  }
}

/**
 * What the integrator is told: the case, its status now, and its open deadlines. A new case is in triage
 * by definition (docs/process.md), so only a resend asks the workflow: waiting for a new workflow's first task
 * to answer a query made ingestion ~11× slower than a bare start (bench/ingest.bench.ts).
 */
export async function accepted(
  deps: Deps,
  caseId: string,
  deadlines: Record<string, string>,
  created: boolean,
) {
  if (created) return { caseId, workflowId: caseId, status: "triage" as const, deadlines };
  const view = await bounded(deps, "The case exists: send the message again later for its status.", () =>
    deps.temporal.workflow.getHandle(caseId).query(getCase),
  );
  return { caseId, workflowId: view.workflowId, status: view.status, deadlines: pendingDeadlines(view) };
}

/** A resend's deadlines: the due instants of the case's steps still open (not met, not cancelled) now. */
export function pendingDeadlines(view: CaseView): Record<string, string> {
  return Object.fromEntries(
    Object.entries(view.steps)
      .filter(([, s]) => s.dueAt && !s.metAt && !s.cancelled && !s.whenNeeded)
      .map(([step, s]) => [step, s.dueAt!]),
  );
}
