// The case view as a case starts (workflows/machine.ts). Types only from view.ts: the workflow bundle does not
// build the view's zod schemas for each case.
import type { CaseInput } from "./message";
import type { CaseView, StepView } from "./view";

/** The case as it starts (workflows/machine.ts): the message as read, nothing assigned, the clocks' steps. */
export function openingView(input: CaseInput, workflowId: string, steps: Record<string, StepView>): CaseView {
  const { message } = input;
  return {
    caseId: input.caseId,
    workflowId,
    org: input.org.id,
    regulation: input.org.regulation,
    status: "triage",
    importance: message.hints.importance ?? "normal",
    topic: message.hints.topic,
    location: message.hints.location,
    significant: false,
    emergency: false,
    overdue: false,
    message: {
      source: message.source,
      externalId: message.externalId,
      network: message.network,
      channel: message.channel,
      url: message.url,
      text: message.text,
      attachments: message.attachments,
      publishedAt: message.publishedAt,
      detectedAt: message.detectedAt,
      ...(message.foundBy ? { foundBy: message.foundBy } : {}),
    },
    assignees: [],
    contributions: [],
    drafts: [],
    publications: [],
    steps,
    linkedTo: message.repeatOf,
    returns: 0,
    reworkRounds: 0,
    seq: 0,
  };
}
