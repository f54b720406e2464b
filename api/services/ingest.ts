// Ingestion: a message becomes a case, once. The workflow id is the message's identity, so a resend (or a
// race of two) finds the running or closed case instead of starting another.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { eq } from "drizzle-orm";
import { loadCalendarOverrides } from "../../activities/calendar";
import type { Schedule } from "../../calendars";
import { orgs } from "../../db/schema";
import { getProfile, plan } from "../../regulations";
import { getCase } from "../../workflows/actions";
import type { caseWorkflow } from "../../workflows/case";
import { type CaseInput, caseIdOf, type Message, type OrgSettings } from "../../workflows/message";
import {
  CaseImportance,
  CaseNetwork,
  CaseOrg,
  CaseRegulation,
  CaseStatus,
} from "../../workflows/search-attributes";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";

/** What ingestion uses: the API passes its Deps, the worker (feed poller) its own client and pool. */
export type IngestDeps = Pick<Deps, "db" | "temporal" | "taskQueue">;

export async function loadOrg(deps: IngestDeps, orgId: string): Promise<OrgSettings> {
  const [org] = await deps.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new HttpProblem(422, `Unknown org '${orgId}'`, { type: "unknown-org" });
  return {
    id: org.id,
    regulation: org.regulation,
    calendarId: org.calendarId,
    zone: org.zone,
    schedule: org.schedule ?? undefined,
    urgentTopics: org.urgentTopics,
  };
}

export async function ingest(
  deps: IngestDeps,
  message: Message,
  now = new Date(),
): Promise<{ caseId: string; created: boolean; deadlines: Record<string, string> }> {
  const org = await loadOrg(deps, message.org);
  const caseId = caseIdOf(message);
  const overrides = await loadOverrides(deps, org.calendarId);
  const input: CaseInput = { caseId, message, org, receivedAt: now.toISOString(), overrides };
  const deadlines = startDeadlines(org, message, overrides);
  try {
    // By name: the API never loads workflow code (type-only import above).
    await deps.temporal.workflow.start<typeof caseWorkflow>("caseWorkflow", {
      workflowId: caseId,
      taskQueue: deps.taskQueue,
      args: [input],
      // A closed case is not reopened by a resend: its id stays taken.
      workflowIdReusePolicy: "REJECT_DUPLICATE",
      typedSearchAttributes: [
        { key: CaseStatus, value: "triage" },
        { key: CaseOrg, value: org.id },
        { key: CaseRegulation, value: org.regulation },
        { key: CaseImportance, value: message.hints.importance ?? "normal" },
        { key: CaseNetwork, value: message.network },
      ],
    });
    return { caseId, created: true, deadlines };
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return { caseId, created: false, deadlines };
    throw e;
  }
}

/** The calendar's run-time overrides (PUT /v1/calendars/:id/overrides), copied into the case at start. */
export const loadOverrides = (deps: IngestDeps, calendarId: string) =>
  loadCalendarOverrides(deps.db, calendarId);

/**
 * The due instants the regulation fixes at the start (route, answer, a leading draft), from the same
 * planner and anchors the workflow arms its clocks with: detection, posting, the org's overrides.
 */
function startDeadlines(
  org: OrgSettings,
  message: Message,
  overrides: NonNullable<CaseInput["overrides"]>,
): Record<string, string> {
  const { steps } = plan(
    getProfile(org.regulation),
    message.detectedAt,
    message.hints.importance ?? "normal",
    {
      overrides,
      publishedAt: message.publishedAt,
      schedule: org.schedule as Schedule | undefined,
    },
  );
  return Object.fromEntries(
    Object.entries(steps).flatMap(([step, s]) => (s?.dueAt ? [[step, s.dueAt]] : [])),
  );
}

/**
 * What the integrator is told: the case, its status now, and its start deadlines. A new case is in triage
 * by definition (PROCESS.md), so only a resend asks the workflow: waiting for a new workflow's first task
 * to answer a query made ingestion ~11× slower than a bare start (bench/ingest.bench.ts).
 */
export async function accepted(
  deps: Deps,
  caseId: string,
  deadlines: Record<string, string>,
  created: boolean,
) {
  if (created) return { caseId, workflowId: caseId, status: "triage" as const, deadlines };
  const view = await deps.temporal.workflow.getHandle(caseId).query(getCase);
  return { caseId, workflowId: view.workflowId, status: view.status, deadlines };
}
