// caseWorkflow: one citizen message, from ingestion to the published answer (docs/process.md). The handlers
// below are the table of contents; the rules of each action are in machine.ts, the clocks in clocks.ts.
import {
  condition,
  type defineUpdate,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from "@temporalio/workflow";
import type { createActivities } from "../activities";
import type { CalendarLayers } from "../calendars";
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
import { Attention } from "./attention";
import { Clocks, type Firing, type Meter } from "./clocks";
import { currentDetails, plainSummary, timerSummary } from "./console";
import { announceMerge, type DeliveryContext, deliveryLoop, fanOut } from "./delivery";
import { generalInterestLoop } from "./general-interest";
import { refuse } from "./guards";
import { CaseMachine, type Io, type Notice } from "./machine";
import type { CaseInput } from "./message";
import { PATCHES } from "./patches";
import { casePlanner, caseRules } from "./planning";
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
import { orderUpdates } from "./update-order";
import type { CaseView, TimelineEntry } from "./view";

export { getCase, getTimeline } from "./actions";

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

export async function caseWorkflow(input: CaseInput): Promise<CaseView> {
  const now = () => new Date(Date.now()).toISOString();
  // Histories recorded before option windows (Plastunovskaya 13) keep arming them as ordinary clocks.
  orderUpdates();
  const {
    recordEvents,
    notify,
    handOffFormalAppeal,
    handOverAnswer,
    loadCalendarOverrides,
    loadCalendarLayers,
  } = patched(PATCHES.boundedRetries) ? bounded : unbounded;
  // Legacy cases await their activities directly: an extra async layer would move their commands within a
  // workflow task (the order of microtasks decides it) and break their replay.
  const persist = patched(PATCHES.boundedRetries)
    ? (
        (a) => (what: string, run: () => Promise<unknown>) =>
          a.persist(what, run)
      )(new Attention())
    : (_what: string, run: () => Promise<unknown>) => run();
  const rules = patched(PATCHES.whenNeededSteps)
    ? caseRules(input.org.regulation)
    : { ...caseRules(input.org.regulation), whenNeeded: [] };
  // Histories recorded before the structure's total (Yuzhno-Sakhalinsk 3.2 ¶5) was a clock run without it.
  if (!patched(PATCHES.executorTotal)) rules.executorTotal = false;
  // Cases started before the breach-record Decisions (issue 13, docs/regulations.md) keep their old rules:
  // a clarification met the answer, breached steps were not re-planned, the return window breached, the
  // draft lead stayed whole under a shortened answer budget.
  if (!patched(PATCHES.clarificationKeepsAnswer)) rules.clarificationKeepsAnswer = false;
  if (!patched(PATCHES.replanBreached)) rules.replanBreached = false;
  if (!patched(PATCHES.returnWindowLimit)) rules.limits = [];
  if (!patched(PATCHES.finalAtDraft)) rules.finalMetBy = "final_published";
  if (!patched(PATCHES.perAssignee)) rules.perAssignee = false;
  if (!patched(PATCHES.twoTierClocks)) rules.tierClocks = false;
  if (!patched(PATCHES.handOver)) rules.handOver = undefined;
  // Yuzhno-Sakhalinsk 3.9: cases started before emergencies ran every step on the wall clock kept the answer only.
  const emergencyAnswerOnly = !patched(PATCHES.emergencyEveryStep);
  if (emergencyAnswerOnly) rules.emergencyOnCall = false;
  const fixedLead = !patched(PATCHES.proportionalLead);
  let layers: CalendarLayers = input.calendar ?? { national: input.overrides ?? [] };
  const planner = () => casePlanner(input.org, layers, { fixedLead, emergencyAnswerOnly });
  // The meter reads the calendar as it is now: a calendar change moves a running cap's due too.
  const meter: Meter = {
    minutes: (a, b, clock) => planner().meter.minutes(a, b, clock),
    add: (start, m, clock) => planner().meter.add(start, m, clock),
    budgetMinutes: (b) => planner().meter.budgetMinutes(b),
  };
  const clocks = new Clocks(planner()(machineSettings()), planner().warnAt, meter);

  // Side effects wait in an outbox drained in order by one loop, so handlers stay synchronous and the
  // read model receives events in sequence.
  const timeline: TimelineEntry[] = [];
  let projected = 0;
  const outbox: Array<() => Promise<unknown>> = [];
  const io: Io = {
    event(type, actor, data) {
      machine.view.seq += 1;
      timeline.push({ seq: machine.view.seq, at: now(), type, actor, data });
    },
    notify: (n: Notice) => outbox.push(() => notify({ ...n, caseId: input.caseId, org: input.org.id })),
    handOff: (appeal) =>
      outbox.push(() =>
        handOffFormalAppeal({
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
        handOverAnswer({
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
  const delivers = patched(PATCHES.networkDelivery);
  // Since then: whether the answer goes out through the API is asked when it is due to go out.
  const liveAccounts = delivers && patched(PATCHES.deliveryLiveAccounts);
  // Since then: drafts and contributions keep the findings of the draft checks the API ran.
  machine.storeChecks = patched(PATCHES.draftChecks);
  const delivery: DeliveryContext = {
    input,
    machine,
    io,
    now,
    changed: () => version++,
    publisher: () => whoActs(machine, "publish"),
    liveAccounts,
  };
  const merges = fanOut(delivery);
  const siteSection = generalInterestLoop(delivery);
  setHandler(postMerged, merges.onMerged);
  function machineSettings() {
    return { importance: input.message.hints.importance ?? ("normal" as const), emergency: false };
  }

  setHandler(getCase, () => machine.view);
  setHandler(getTimeline, () => timeline);

  let version = 0; // bumps whenever state changes, waking the clock loop
  for (const name of actionNames) {
    setHandler(
      actionUpdates[name] as ReturnType<typeof defineUpdate<CaseView, [ActionRequest]>>,
      (req: ActionRequest) => {
        io.event(name, req.actor.staffId, summarize(name, req, machine.storeChecks));
        machine.apply(name, req, now());
        if (name === "merge" && delivers) {
          const into = (req.payload as { into: string }).into;
          outbox.push(() => announceMerge(delivery, into));
        }
        version++;
        return machine.view;
      },
      { validator: (req: ActionRequest) => validate(machine, name, req) },
    );
  }
  setHandler(calendarChanged, async ({ calendarId, version: v }) => {
    if (calendarId !== input.org.calendarId) return;
    // Cases re-armed before the org layers reloaded the national overrides alone.
    layers = patched(PATCHES.calendarLayers)
      ? await loadCalendarLayers({ calendarId, orgId: input.org.id })
      : { national: await loadCalendarOverrides(calendarId) };
    const moved = clocks.recompute(planner()(machine.settings()));
    if (clocks.steps.answer) machine.view.answerDueAt = clocks.steps.answer.dueAt;
    io.event("calendar_changed", undefined, { calendarId, version: v, moved });
    version++;
  });
  setHandler(authorReplied, ({ text, at }) => {
    io.event("author_replied", undefined, { text, at });
    version++;
  });

  io.event("received", undefined, { receivedAt: input.receivedAt, source: input.message.source });
  machine.opened("detection", now());
  machine.opened("posting", now());

  const searchable = () => {
    const v = machine.view;
    upsertSearchAttributes([
      { key: CaseStatus, value: v.status },
      { key: CaseOrg, value: v.org },
      { key: CaseRegulation, value: v.regulation },
      { key: CaseImportance, value: v.importance },
      { key: CaseNetwork, value: v.message.network },
      { key: CaseOverdue, value: v.overdue },
      { key: CaseAssignees, value: v.assignees.map((a) => a.staffId) },
      ...(v.topic ? [{ key: CaseTopic, value: v.topic }] : []),
      ...(v.answerDueAt ? [{ key: CaseAnswerDueAt, value: new Date(v.answerDueAt) }] : []),
    ]);
  };

  const fire = (f: Firing) => {
    const to = whoActs(machine, f.step);
    if (f.kind === "breach") {
      machine.view.overdue = true;
      io.event("breached", undefined, { step: f.step, round: f.view.round, dueAt: f.view.dueAt });
      outbox.push(() =>
        notify({
          key: `${input.caseId}:breach:${f.step}:${f.view.round}`,
          caseId: input.caseId,
          org: input.org.id,
          kind: "breach",
          to: { roles: [...rules.escalateTo], staffIds: to.staffIds },
          subject: `Нарушен срок «${f.step}»: ${input.caseId}`,
          text: `Step ${f.step} (budget ${f.view.budget}, ${f.view.source}) was due ${f.view.dueAt}.`,
        }),
      );
    } else {
      io.event("warned", undefined, { step: f.step, round: f.view.round, dueAt: f.view.dueAt });
      outbox.push(() =>
        notify({
          key: `${input.caseId}:warning:${f.step}:${f.view.round}`,
          caseId: input.caseId,
          org: input.org.id,
          kind: "warning",
          to,
          subject: `Истекает срок «${f.step}»: ${input.caseId}`,
          text: `Step ${f.step} is due ${f.view.dueAt}.`,
        }),
      );
    }
  };

  // The clock loop: one timer at a time, on the earliest pending warning or deadline; any state change
  // (an action, a calendar change) wakes it to re-arm (updatable-timer pattern).
  const clockLoop = (async () => {
    while (!machine.closed) {
      const seen = version;
      const next = clocks.next();
      // Temporal UI's case page: status, who acts, what is due next (workflows/console.ts). Not a command.
      setCurrentDetails(currentDetails(machine.view, rules.publisher, next, input.org.zone));
      if (!next) {
        await condition(() => version !== seen || machine.closed);
        continue;
      }
      const wait = Date.parse(next.at) - Date.now();
      if (wait > 0) {
        const woke = await condition(() => version !== seen || machine.closed, wait, {
          // The timer's name in Temporal UI, unsealed: it carries no personal data (workflows/console.ts).
          summary: plainSummary(
            timerSummary(next, clocks.steps[next.step], input.org.zone, input.org.regulation),
          ),
        });
        if (woke) continue;
      }
      for (const f of clocks.fire(Date.now())) fire(f);
      version++;
    }
    setCurrentDetails(currentDetails(machine.view, rules.publisher, undefined, input.org.zone));
  })();

  const deliveries = delivers ? [deliveryLoop(delivery), merges.loop(), siteSection.loop()] : [];
  const settled = () => !delivers || (merges.settled() && siteSection.settled());

  // The projection loop: after every change, the read model gets the new events and the case as it is now.
  let lastAttrs = "";
  const projectLoop = (async () => {
    for (;;) {
      await condition(
        () => outbox.length > 0 || timeline.length > projected || (machine.closed && settled()),
      );
      // A hand-over answers as a publication does (Yuzhno-Sakhalinsk 3.3).
      const first =
        machine.view.publications.find(
          (p) => !rules.clarificationKeepsAnswer || p.kind !== "clarification",
        ) ?? machine.view.handedOver;
      const answerClock = machine.view.steps.answer ?? machine.view.steps.explanation;
      if (first && machine.view.answerWorkingMinutes === undefined && answerClock?.startedAt)
        machine.view.answerWorkingMinutes = planner().minutes(answerClock.startedAt, first.at);
      const attrs = JSON.stringify([
        machine.view.status,
        machine.view.overdue,
        machine.view.assignees,
        machine.view.topic,
        machine.view.answerDueAt,
        machine.view.importance,
      ]);
      if (attrs !== lastAttrs) {
        searchable();
        lastAttrs = attrs;
      }
      if (timeline.length > projected) {
        const events = timeline.slice(projected);
        projected = timeline.length;
        const view = JSON.parse(JSON.stringify(machine.view)) as CaseView;
        await persist("read model", () =>
          recordEvents({
            view,
            events,
            author: input.message.author,
            receivedAt: input.receivedAt,
            source: input.message.source,
            externalId: input.message.externalId,
          }),
        );
      }
      while (outbox.length > 0) await persist("outbox", outbox.shift()!);
      if (machine.closed && settled() && outbox.length === 0 && timeline.length === projected) return;
    }
  })();

  await condition(() => machine.closed);
  await Promise.all([clockLoop, ...deliveries, projectLoop]);
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

/** Who is warned about a step: curators own routing, review and (mostly) publishing; executors the rest. */
function whoActs(machine: CaseMachine, step: string): { roles?: Array<"curator">; staffIds?: string[] } {
  const executors = machine.view.assignees.map((a) => a.staffId);
  if (["route", "review"].includes(step) || executors.length === 0) return { roles: ["curator"] };
  if (step === "publish" && machine.rules.publisher !== "executor") return { roles: ["curator"] };
  return { staffIds: executors };
}
