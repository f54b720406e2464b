// caseWorkflow: one citizen message, from ingestion to the published answer (PROCESS.md).
import {
  condition,
  defineQuery,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from "@temporalio/workflow";
import type { CaseInput } from "./message";
import { CaseImportance, CaseNetwork, CaseOrg, CaseRegulation, CaseStatus } from "./search-attributes";

export interface CaseView {
  caseId: string;
  workflowId: string;
  org: string;
  regulation: string;
  status: string;
}

export const getCase = defineQuery<CaseView>("getCase");

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const view: CaseView = {
    caseId: input.caseId,
    workflowId: workflowInfo().workflowId,
    org: input.org.id,
    regulation: input.org.regulation,
    status: "triage",
  };
  setHandler(getCase, () => view);
  upsertSearchAttributes([
    { key: CaseStatus, value: view.status },
    { key: CaseOrg, value: view.org },
    { key: CaseRegulation, value: view.regulation },
    { key: CaseImportance, value: input.message.hints.importance ?? "normal" },
    { key: CaseNetwork, value: input.message.network },
  ]);
  await condition(() => view.status === "closed");
  return view;
}
