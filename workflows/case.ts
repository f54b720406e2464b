// caseWorkflow: one citizen message, from ingestion to the published answer (docs/process.md). The file is
// the case's table of contents: what it is made of (setup.ts), what it answers to (the handlers below), and
// the loops that run it (deadlines.ts, delivery.ts, projection.ts). The process itself — who may do what,
// and what each action changes — is the machine (machine.ts, guards.ts, team.ts, tiers.ts).
import {
  allHandlersFinished,
  condition,
  type defineUpdate,
  log,
  patched,
  setHandler,
} from "@temporalio/workflow";
import {
  type ActionName,
  type ActionRequest,
  actionNames,
  actionUpdates,
  actorSchema,
  authorReplied,
  blockingSchema,
  calendarChanged,
  findingsSchema,
  getCase,
  getTimeline,
  payloads,
  postMerged,
} from "./actions";
import { deadlineLoop } from "./deadlines";
import { announceMerge, deliveryLoop } from "./delivery";
import { refuse } from "./guards";
import type { CaseMachine } from "./machine";
import type { CaseInput } from "./message";
import { LATER_PATCHES, PATCHES, patchesOf } from "./patches";
import { projectionLoop } from "./projection";
import { setupCase } from "./setup";
import { orderUpdates } from "./update-order";
import type { CaseView } from "./view";

export { getCase, getTimeline } from "./actions";

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  // The first command of a new case: the marker that stands for every earlier patch (workflows/patches.ts).
  const has = patchesOf(patched);
  orderUpdates(has);
  const c = setupCase(input, has);
  const { machine, io, wake, delivery, merges } = c;

  // The message is received and the clocks armed. An action that reaches the case in its first workflow task
  // runs as its handler is registered below, so since `opened-first` the case is opened before that: the
  // action then meets the steps it closes. Older cases opened after the handlers, as they were recorded.
  const opened = () => {
    io.event("received", undefined, { receivedAt: input.receivedAt, source: input.message.source });
    machine.opened("detection", c.now());
    machine.opened("posting", c.now());
  };
  const openedFirst = patched(LATER_PATCHES.openedFirst);
  if (openedFirst) opened();

  // Queries: the case as read, and its audit trail.
  setHandler(postMerged, merges.onMerged);
  setHandler(getCase, () => machine.view);
  setHandler(getTimeline, () => c.timeline);

  // The staff actions (docs/process.md "Actions"): the validator refuses without changing anything, the
  // handler applies the action to the machine and answers with the case as it is after it.
  for (const name of actionNames) {
    setHandler(
      actionUpdates[name] as ReturnType<typeof defineUpdate<CaseView, [ActionRequest]>>,
      (req: ActionRequest) => {
        io.event(name, req.actor.staffId, summarize(name, req, machine.storeChecks));
        machine.apply(name, req, c.now());
        if (name === "merge" && c.delivers) {
          const into = (req.payload as { into: string }).into;
          c.outbox.push(() => announceMerge(delivery, into));
        }
        wake.version++;
        return machine.view;
      },
      { validator: (req: ActionRequest) => validate(machine, name, req) },
    );
  }

  // The production calendar changed (a decree, the org's own day): the clocks are re-planned on it. Since
  // `calendar-in-order`, a reload that finishes after a later change's reload is dropped: the later wins.
  let calendarSent = 0;
  setHandler(calendarChanged, async ({ calendarId, version: v }) => {
    if (calendarId !== input.org.calendarId) return;
    const mine = ++calendarSent;
    // Cases re-armed before the org layers reloaded the national overrides alone.
    const layers = has(PATCHES.calendarLayers)
      ? await c.acts.loadCalendarLayers({ calendarId, orgId: input.org.id })
      : { national: await c.acts.loadCalendarOverrides(calendarId) };
    if (c.calendarInOrder && mine !== calendarSent) return;
    c.calendar.layers = layers;
    machine.recalendared(calendarId, v);
    wake.version++;
  });

  // The author wrote again under the post (a feed saw it): on the timeline, for the executor.
  setHandler(authorReplied, ({ text, at }) => {
    io.event("author_replied", undefined, { text, at });
    wake.version++;
  });

  if (!openedFirst) opened();

  const clocks = deadlineLoop(c);
  const deliveries = c.delivers ? [deliveryLoop(delivery), merges.loop(), c.siteSection.loop()] : [];
  const settled = () => !c.delivers || (merges.settled() && c.siteSection.settled());
  const projection = projectionLoop(c, settled);

  await condition(() => machine.closed);
  await Promise.all([clocks, ...deliveries, projection]);
  // A calendar reload still under way finishes (and is dropped: the case is closed) before the case ends.
  if (c.calendarInOrder) await condition(allHandlersFinished);
  log.info("case finished", { caseId: input.caseId, status: machine.view.status });
  return machine.view;
}

/** The update validator: payload shape, then actor, state and the regulation's rules. Throws to refuse. */
function validate(machine: CaseMachine, name: ActionName, req: ActionRequest): void {
  const actor = actorSchema.safeParse(req?.actor);
  if (!actor.success) refuse("invalid", `actor: ${actor.error.issues.map((i) => i.message).join("; ")}`);
  const payload = payloads[name].safeParse(req.payload);
  if (!payload.success)
    refuse(
      "invalid",
      payload.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
    );
  const checks = findingsSchema.optional().safeParse(req.checks);
  if (!checks.success) refuse("invalid", "checks: not a list of draft-check findings");
  if (!blockingSchema.optional().safeParse(req.blocking).success)
    refuse("invalid", "blocking: not a list of draft-check codes");
  machine.check(name, { ...req, actor: actor.data, payload: payload.data });
}

/** What the audit trail keeps of an action: the payload, minus text bodies and personal data. */
function summarize(name: ActionName, req: ActionRequest, withChecks: boolean): Record<string, unknown> {
  const p = { ...(req.payload as Record<string, unknown>) };
  if (name === "formal-appeal") return { consent: true };
  if (typeof p.text === "string") p.text = `${(p.text as string).length} chars`;
  if (withChecks && req.checks) p.checks = req.checks.map((f) => f.code);
  return p;
}
