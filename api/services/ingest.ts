// Ingestion: a message becomes a case, once. The workflow id is the message's identity, so a resend (or a
// race of two) finds the running or closed case instead of starting another.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { eq } from "drizzle-orm";
import { orgs } from "../../db/schema";
import { caseWorkflow } from "../../workflows/case";
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

export async function loadOrg(deps: Deps, orgId: string): Promise<OrgSettings> {
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
  deps: Deps,
  message: Message,
  now = new Date(),
): Promise<{ caseId: string; created: boolean }> {
  const org = await loadOrg(deps, message.org);
  const caseId = caseIdOf(message);
  const input: CaseInput = { caseId, message, org, receivedAt: now.toISOString() };
  try {
    await deps.temporal.workflow.start(caseWorkflow, {
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
    return { caseId, created: true };
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return { caseId, created: false };
    throw e;
  }
}
