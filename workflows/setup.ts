// A case's parts, put together once when the workflow starts: the rules of its regulation as they were when
// it started (each `patched()` keeps an older case on the rules it began with, docs/durability.md), the
// calendar, the clocks, the machine, the side-effect outbox and the delivery context. The order of the
// `has()` calls is part of the recorded history for cases started before `current` (workflows/patches.ts):
// keep them, and add a new patch at the end.
import { proxyActivities, workflowInfo } from "@temporalio/workflow";
import type { createActivities } from "../activities";
import type { CalendarLayers } from "../calendars";
import { Attention } from "./attention";
import { Clocks, type Meter } from "./clocks";
import { type DeliveryContext, fanOut } from "./delivery";
import { generalInterestLoop } from "./general-interest";
import { CaseMachine, type Io, type Notice } from "./machine";
import type { CaseInput } from "./message";
import { PATCHES, type Patch } from "./patches";
import { casePlanner, caseRules } from "./planning";
import type { TimelineEntry } from "./view";

type Activities = ReturnType<typeof createActivities>;
const retry = { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "5 minutes" } as const;
// Cases started before bounded retries retried their activities without end.
const unbounded = proxyActivities<Activities>({ startToCloseTimeout: "30 seconds", retry });
// Since then an activity gives up after ten attempts (about 15 minutes); the loop that called it says so on
// the case (search attribute CaseAttention) and tries again later (workflows/attention.ts).
const bounded = proxyActivities<Activities>({
  startToCloseTimeout: "30 seconds",
  retry: { ...retry, maximumAttempts: 10 },
});

export type Case = ReturnType<typeof setupCase>;

export function setupCase(input: CaseInput, has: (id: Patch) => boolean) {
  const now = () => new Date(Date.now()).toISOString();
  const acts = has(PATCHES.boundedRetries) ? bounded : unbounded;
  // Legacy cases await their activities directly: an extra async layer would move their commands within a
  // workflow task (the order of microtasks decides it) and break their replay.
  const persist = has(PATCHES.boundedRetries)
    ? (
        (a) => (what: string, run: () => Promise<unknown>) =>
          a.persist(what, run)
      )(new Attention())
    : (_what: string, run: () => Promise<unknown>) => run();
  // Histories recorded before option windows (Plastunovskaya 13) keep arming them as ordinary clocks.
  const rules = has(PATCHES.whenNeededSteps)
    ? caseRules(input.org.regulation)
    : { ...caseRules(input.org.regulation), whenNeeded: [] };
  // Histories recorded before the structure's total (Yuzhno-Sakhalinsk 3.2 ¶5) was a clock run without it.
  if (!has(PATCHES.executorTotal)) rules.executorTotal = false;
  // Cases started before the breach-record Decisions (issue 13, docs/regulations.md) keep their old rules:
  // a clarification met the answer, breached steps were not re-planned, the return window breached, the
  // draft lead stayed whole under a shortened answer budget.
  if (!has(PATCHES.clarificationKeepsAnswer)) rules.clarificationKeepsAnswer = false;
  if (!has(PATCHES.replanBreached)) rules.replanBreached = false;
  if (!has(PATCHES.returnWindowLimit)) rules.limits = [];
  if (!has(PATCHES.finalAtDraft)) rules.finalMetBy = "final_published";
  if (!has(PATCHES.perAssignee)) rules.perAssignee = false;
  if (!has(PATCHES.twoTierClocks)) rules.tierClocks = false;
  // Since then the assignment names the responsible executor and co-executors (Omsk 12.2) and copies the
  // department heads where the profile says so (Plastunovskaya 10 ¶2).
  if (!has(PATCHES.assignmentCopies)) rules.assignmentCopies = false;
  // Since then Yuzhno-Sakhalinsk's answers go to the regional department and `hand-over` closes a case
  // (3.2 ¶3, 3.3), and an emergency runs every step on the wall clock with the on-call list told (3.9).
  if (!has(PATCHES.handOver)) rules.handOver = undefined;
  const emergencyAnswerOnly = !has(PATCHES.emergencyEveryStep);
  if (emergencyAnswerOnly) rules.emergencyOnCall = false;
  const fixedLead = !has(PATCHES.proportionalLead);
  // The calendar as it is now: `calendarChanged` replaces the layers, and a running cap's due moves too.
  const calendar: { layers: CalendarLayers } = {
    layers: input.calendar ?? { national: input.overrides ?? [] },
  };
  const planner = () => casePlanner(input.org, calendar.layers, { fixedLead, emergencyAnswerOnly });
  const meter: Meter = {
    minutes: (a, b, clock) => planner().meter.minutes(a, b, clock),
    add: (start, m, clock) => planner().meter.add(start, m, clock),
    budgetMinutes: (b) => planner().meter.budgetMinutes(b),
  };
  const start = { importance: input.message.hints.importance ?? ("normal" as const), emergency: false };
  const clocks = new Clocks(planner()(start), planner().warnAt, meter, planner().warnShare);

  // Side effects wait in an outbox drained in order by one loop (workflows/projection.ts), so handlers stay
  // synchronous and the read model receives events in sequence.
  const timeline: TimelineEntry[] = [];
  const outbox: Array<() => Promise<unknown>> = [];
  /** Bumped by every change of state: wakes the deadline loop to re-arm. */
  const wake = { version: 0 };
  const io: Io = {
    event(type, actor, data) {
      machine.view.seq += 1;
      timeline.push({ seq: machine.view.seq, at: now(), type, actor, data });
    },
    notify: (n: Notice) => outbox.push(() => acts.notify({ ...n, caseId: input.caseId, org: input.org.id })),
    handOff: (appeal) =>
      outbox.push(() =>
        acts.handOffFormalAppeal({
          key: `${input.caseId}:formal-appeal`,
          caseId: input.caseId,
          org: input.org.id,
          fullName: appeal.fullName,
          address: appeal.address,
          phone: appeal.phone,
          text: input.message.text,
          url: input.message.url,
        }),
      ),
    // Yuzhno-Sakhalinsk 3.2 ¶3, 3.3 (activities/hand-over.ts): each answer once, by its draft version.
    handOver: (h) =>
      outbox.push(() =>
        acts.handOverAnswer({
          ...h,
          key: `${input.caseId}:regional-department:v${h.draftVersion}`,
          caseId: input.caseId,
          org: input.org.id,
          source: input.message.source,
          externalId: input.message.externalId,
          messageUrl: input.message.url,
        }),
      ),
  };
  const machine = new CaseMachine(input, rules, clocks, (s) => planner()(s), io, workflowInfo().workflowId);
  // Cases started before network publishing and incident fan-out existed keep their recorded history.
  const delivers = has(PATCHES.networkDelivery);
  // Since then: whether the answer goes out through the API is asked when it is due to go out.
  const liveAccounts = delivers && has(PATCHES.deliveryLiveAccounts);
  // Since then: drafts and contributions keep the findings of the draft checks the API ran.
  machine.storeChecks = has(PATCHES.draftChecks);
  const calendarInOrder = has(PATCHES.calendarInOrder);
  const delivery: DeliveryContext = {
    input,
    machine,
    io,
    now,
    changed: () => wake.version++,
    liveAccounts,
    has,
  };
  // Both ask `has()` as they are made (direct-privacy, general-interest): they stay here, at the start.
  const merges = fanOut(delivery);
  const siteSection = generalInterestLoop(delivery);
  return {
    input,
    now,
    acts,
    persist,
    rules,
    calendar,
    planner,
    clocks,
    timeline,
    outbox,
    wake,
    io,
    machine,
    delivers,
    calendarInOrder,
    delivery,
    merges,
    siteSection,
  };
}
