// The projection loop: after every change the read model gets the new events and the case as it is now
// (activities/projection.ts), the search attributes follow the case, and the outbox (notices, hand-offs,
// merge announcements) is sent in order. It ends when the case is closed and everything has gone out.
import type { SearchAttributeUpdatePair } from "@temporalio/common";
import { condition, upsertSearchAttributes } from "@temporalio/workflow";
import {
  CaseAnswerDueAt,
  CaseAssignees,
  CaseImportance,
  CaseNetwork,
  CaseOrg,
  CaseOverdue,
  CaseRegulation,
  CaseStatus,
  CaseTopic,
} from "./search-attributes";
import type { Case } from "./setup";
import type { CaseView } from "./view";

export async function projectionLoop(c: Case, settled: () => boolean): Promise<void> {
  const { machine, timeline, outbox, input } = c;
  let projected = 0;
  let lastAttrs = "";
  for (;;) {
    await condition(() => outbox.length > 0 || timeline.length > projected || (machine.closed && settled()));
    machine.measureAnswer((a, b) => c.planner().minutes(a, b));
    // What wakes an upsert is part of the recorded history (an upsert is a command): keep this list as is.
    const v = machine.view;
    const attrs = JSON.stringify([v.status, v.overdue, v.assignees, v.topic, v.answerDueAt, v.importance]);
    if (attrs !== lastAttrs) {
      upsertSearchAttributes(searchable(machine.view));
      lastAttrs = attrs;
    }
    if (timeline.length > projected) {
      const events = timeline.slice(projected);
      projected = timeline.length;
      const view = JSON.parse(JSON.stringify(machine.view)) as CaseView;
      await c.persist("read model", () =>
        c.acts.recordEvents({
          view,
          events,
          author: input.message.author,
          receivedAt: input.receivedAt,
          source: input.message.source,
          externalId: input.message.externalId,
        }),
      );
    }
    while (outbox.length > 0) await c.persist("outbox", outbox.shift()!);
    if (machine.closed && settled() && outbox.length === 0 && timeline.length === projected) return;
  }
}

/** The case's search attributes (workflows/search-attributes.ts): Temporal UI's and the CLI's filters. */
function searchable(v: CaseView): SearchAttributeUpdatePair[] {
  return [
    { key: CaseStatus, value: v.status },
    { key: CaseOrg, value: v.org },
    { key: CaseRegulation, value: v.regulation },
    { key: CaseImportance, value: v.importance },
    { key: CaseNetwork, value: v.message.network },
    { key: CaseOverdue, value: v.overdue },
    { key: CaseAssignees, value: v.assignees.map((a) => a.staffId) },
    ...(v.topic ? [{ key: CaseTopic, value: v.topic }] : []),
    ...(v.answerDueAt ? [{ key: CaseAnswerDueAt, value: new Date(v.answerDueAt) }] : []),
  ];
}
