// The case's state machine (docs/process.md), pure: no Temporal calls, no clock reads. Each action has a
// `check` (the update validator: refuses without changing anything) and an `apply` (the handler). Side
// effects leave through `Io` (the workflow turns them into activities); clocks live in `Clocks`.

import { reworkReasons } from "../checks/reasons";
import type { ActionName, ActionRequest, Payload } from "./actions";
import type { Clocks, Firing, PlanSettings, PlanStep } from "./clocks";
import {
  type HandOver,
  handOverCase,
  markGeneralInterest,
  noteMixedMerge,
  sendOnAfterPublishing,
} from "./duties";
import { checkAction } from "./guards";
import type { CaseInput } from "./message";
import type { Notice, Recipients } from "./notices";
import * as notices from "./notices";
import { openingView } from "./opening";
import type { CaseRules, ClockEvent, StepName } from "./rules";
import { reportIfDue } from "./significance";
import { reassign, takeResume } from "./substitutes";
import { acceptPart, assign, nextTurn, returnCase } from "./team";
import { approveTier, reworkTier, tierClocks } from "./tiers";
import type { Assignee, CaseView, Draft, Status } from "./view";
import { closedStatuses } from "./vocabulary";

export type { Notice } from "./notices";

export interface Io {
  event(type: string, actor: string | undefined, data: Record<string, unknown>): void;
  notify(n: Notice): void;
  handOff(appeal: Payload<"formal-appeal">): void;
  /** The answer to the regional department (Yuzhno-Sakhalinsk 3.2 ¶3, 3.3): after publishing, or instead. */
  handOver?(h: HandOver): void;
}

export class CaseMachine {
  readonly view: CaseView;
  /** Co-executors who still owe their part, in order (sequential mode takes them one by one). */
  owed: string[] = [];
  mode: "sequential" | "responsible" | "parallel" | "single" = "single";
  /** When the current turn reached its assignee (sequential mode: the assignment, then each part done). */
  turnAt?: string;
  /** What the assigned structure is to draft: an answer, or an explanation (Yuzhno-Sakhalinsk 3.7). */
  path: "answer" | "explanation" = "answer";
  /** Drafts and contributions keep the API's check findings (patch `draft-checks`; off in older cases). */
  storeChecks = false;
  /** A case reassigned in rework or follow-up goes back there once taken (workflows/substitutes.ts). */
  resume?: Status;

  constructor(
    input: CaseInput,
    readonly rules: CaseRules,
    readonly clocks: Clocks,
    readonly makePlan: (s: PlanSettings) => PlanStep,
    readonly io: Io,
    workflowId: string,
  ) {
    this.listedTopics = input.org.urgentTopics ?? [];
    this.view = openingView(input, workflowId, clocks.steps);
  }

  get status(): Status {
    return this.view.status;
  }
  /** Plastunovskaya 2.3: the administration found it itself; the municipal curator opens it, no regional triage. */
  get ownFinding(): boolean {
    return (
      this.rules.twoTier &&
      !!this.rules.ownFindingsByMunicipal &&
      this.view.message.foundBy === "administration"
    );
  }
  get closed(): boolean {
    return closedStatuses.includes(this.view.status);
  }

  settings(): PlanSettings {
    return {
      importance: this.view.importance,
      answerBudget: this.answerBudget,
      emergency: this.view.emergency,
      listedTopic: this.listedTopic,
      finalAfterInterim: this.finalBudget,
    };
  }
  private answerBudget?: string;
  /** The follow-up budget the curator set (`set-budgets`). */
  private finalBudget?: string;
  private listedTopic = false;
  private listedTopics: string[];

  /** Arms every step of the regulation whose clock starts (or restarts) at `event`. */
  opened(event: ClockEvent, at: string, only?: StepName[]): void {
    for (const { step, from } of this.rules.arms) {
      if (from !== event || (only && !only.includes(step))) continue;
      if (step === "answer" && this.path === "explanation") continue;
      if (step === "explanation" && this.path !== "explanation") continue;
      const v = this.clocks.arm(step, this.anchor(event, at), event);
      if (this.rules.whenNeeded?.includes(step)) v.whenNeeded = true;
      if (this.rules.limits?.includes(step)) v.limit = true;
      if (step === "answer") this.view.answerDueAt = v.dueAt;
    }
  }

  private anchor(event: ClockEvent, at: string): string {
    if (event === "detection") return this.view.message.detectedAt;
    if (event === "posting") return this.view.message.publishedAt;
    return at;
  }

  met(at: string, ...steps: StepName[]): void {
    for (const s of steps) this.clocks.meet(s, at);
  }

  /** Who writes the draft: the sole executor, or the composer of a co-executed case. */
  drafter(): Assignee | undefined {
    return (
      this.view.assignees.find((x) => x.role === "composer") ??
      this.view.assignees.find((x) => x.role === "executor")
    );
  }

  /** The update validator's rules (guards.ts): throws a refusal, changes nothing. */
  check(action: ActionName, req: ActionRequest): void {
    checkAction(this, action, req);
  }

  apply(action: ActionName, req: ActionRequest, now: string): void {
    const a = req.actor;
    const p = req.payload as never;
    const appliers: { [K in ActionName]: (p: Payload<K>) => void } = {
      triage: (p) => {
        Object.assign(this.view, {
          topic: p.topic,
          location: p.location,
          importance: p.importance,
          // A case flagged before its triage stays significant (`flag`).
          significant: p.significant ?? this.view.significant,
          emergency: p.emergency ?? false,
          // Zarechny 17, Omsk 13–14, Nenets 23: the curator marks the earlier case (docs/regulations.md).
          linkedTo: p.repeatOf ?? this.view.linkedTo,
        });
        this.answerBudget = p.answerBudget;
        this.listedTopic = !!this.rules.listedTopicAnswer && this.listedTopics.includes(p.topic);
        this.clocks.recompute(this.makePlan(this.settings()), { breached: this.rules.replanBreached });
        if (this.view.steps.answer) this.view.answerDueAt = this.view.steps.answer.dueAt;
        reportIfDue(this, now);
        if (this.rules.twoTier && !this.ownFinding) {
          this.met(now, "route");
          this.setStatus("routing");
          this.opened("forwarded", now);
        } else this.assign(p as Payload<"route">, req, now);
      },
      route: (p) => this.assign(p, req, now),
      reject: (p) => {
        this.view.rejection = p;
        this.finish("rejected", now);
      },
      explain: (p) => {
        this.path = "explanation";
        this.view.explanationReason = p.reason;
        this.clocks.cancel("answer");
        this.view.answerDueAt = undefined;
        this.opened("posting", now, ["explanation"]);
        this.assign({ executors: p.executors }, req, now);
      },
      link: (p) => {
        this.addDraft({ kind: "link", text: p.url }, a.staffId, now);
        this.met(now, "route");
        this.setStatus("publishing");
        this.opened("approved", now, ["publish"]);
      },
      "formal-appeal": (p) => {
        this.io.handOff(p);
        this.finish("handed_off", now);
      },
      merge: (p) => {
        this.view.mergedInto = p.into;
        noteMixedMerge(this, p.into, req.mergeTarget?.channel);
        this.finish("merged", now);
      },
      accept: () => {
        // The return window limits returning; accepting does not close it (docs/regulations.md).
        if (!this.rules.limits?.includes("return")) this.met(now, "return");
        if (this.rules.perAssignee) return acceptPart(this, a.staffId, now);
        if (this.owed.length > 0) {
          this.setStatus("contributing");
          this.opened("contribution_requested", now);
        } else {
          this.setStatus(takeResume(this));
          this.opened("accepted", now);
        }
      },
      return: () => returnCase(this, a.staffId, now),
      contribute: (p) => {
        this.view.contributions.push({
          staffId: a.staffId,
          text: p.text,
          attachments: p.attachments,
          at: now,
          ...(this.storeChecks && req.checks ? { checks: req.checks } : {}),
        });
        this.owed = this.owed.filter((id) => id !== a.staffId);
        if (this.owed.length === 0) {
          this.met(now, "coExecutorInput");
          this.setStatus(takeResume(this));
          this.opened("contributions_done", now);
        } else if (this.mode === "sequential") {
          this.met(now, "coExecutorInput");
          this.opened("contribution_requested", now);
        }
        // The next in the order (the composer after the last part) gets his turn and his return window.
        if (this.rules.perAssignee && this.mode === "sequential") nextTurn(this, now);
      },
      draft: (p) => {
        const d = this.addDraft(p, a.staffId, now);
        const tiers = tierClocks(this); // two tiers: the rework round ends at the regional curator (tiers.ts)
        if (this.storeChecks && req.checks) {
          d.checks = req.checks;
          d.suggestedReasons = reworkReasons(d.checks);
        }
        this.met(
          now,
          "draft",
          "consolidate",
          ...(tiers ? [] : (["rework"] as const)),
          ...(p.kind === "clarification" ? (["clarification"] as const) : []),
          // Zarechny 15, Omsk 11, Nenets 21: the term is for sending the final draft (docs/regulations.md).
          ...(p.kind === "final" && this.rules.finalMetBy === "final_draft"
            ? (["finalAfterInterim"] as const)
            : []),
        );
        this.clocks.pause("executorTotal", now);
        this.view.reviewTier = this.rules.twoTier ? "municipal" : "single";
        this.setStatus("review");
        if (!tiers) this.opened("draft_submitted", now);
        this.io.notify(notices.review(this.view, this.rules, d, tiers ? "municipal" : undefined));
      },
      approve: (p) => {
        if (tierClocks(this)) return approveTier(this, a.staffId, p, now);
        const d = this.lastDraft();
        const tier = this.view.reviewTier ?? "single";
        d.reviews.push({ tier, by: a.staffId, at: now, verdict: "approved", comment: p.comment });
        this.met(now, "review");
        if (tier === "municipal") {
          this.view.reviewTier = "regional";
          this.opened("draft_submitted", now, ["review"]);
        } else {
          this.view.reviewTier = undefined;
          this.clocks.meet("executorTotal", now);
          if (p.generalInterest) markGeneralInterest(this, d);
          this.setStatus("publishing");
          this.opened("approved", now);
        }
      },
      rework: (p) => {
        if (tierClocks(this)) return reworkTier(this, a.staffId, p, now);
        const d = this.lastDraft();
        const tier = this.view.reviewTier ?? "single";
        d.reviews.push({
          tier,
          by: a.staffId,
          at: now,
          verdict: "rework",
          reasons: p.reasons,
          comment: p.comment,
        });
        this.met(now, "review");
        this.view.reworkRounds += 1;
        this.view.reviewTier = undefined;
        this.setStatus("rework");
        this.opened("rework_requested", now);
        this.clocks.resume("executorTotal", now);
        const to = { staffIds: [this.drafter()!.staffId] };
        this.io.notify(notices.rework(this.view, this.rules, d, tier, to, p.reasons, p.comment));
      },
      publish: (p) => this.publish(p.url, a.staffId, now),
      "hand-over": (p) => handOverCase(this, a.staffId, p, now),
      "set-budgets": (p) => {
        this.finalBudget = p.finalAfterInterim;
        this.clocks.recompute(this.makePlan(this.settings()), { breached: this.rules.replanBreached });
      },
      reassign: (p) => reassign(this, p, req, now),
      flag: (p) => {
        this.view.significant = true;
        reportIfDue(this, now, p.note);
      },
    };
    (appliers[action] as (p: never) => void)(p);
  }

  private assign(p: Payload<"route">, req: ActionRequest, now: string): void {
    assign(this, p, req, now);
  }

  private addDraft(
    p: { kind: Draft["kind"]; text: string; attachments?: string[] },
    by: string,
    at: string,
  ): Draft {
    const d: Draft = {
      version: this.view.drafts.length + 1,
      kind: p.kind,
      text: p.text,
      attachments: p.attachments,
      by,
      at,
      reviews: [],
    };
    this.view.drafts.push(d);
    return d;
  }

  private lastDraft(): Draft {
    return this.view.drafts.at(-1)!;
  }

  /** The network API posted the approved draft (workflows/delivery.ts): the same as a `publish` action. */
  networkPublished(url: string, network: string, now: string): void {
    this.publish(url, `system:${network}`, now);
  }

  private publish(url: string, by: string, now: string): void {
    const d = this.lastDraft();
    // Any answer meets the answer step; a clarification question does not (docs/regulations.md). Cases
    // started before that Decision met it at the first publication of any kind.
    const meetsAnswer = this.rules.clarificationKeepsAnswer
      ? d.kind !== "clarification"
      : this.view.publications.length === 0;
    this.view.publications.push({ kind: d.kind, url, at: now, by, draftVersion: d.version });
    sendOnAfterPublishing(this, d, url);
    this.met(now, "publish", ...(meetsAnswer ? (["answer"] as const) : []));
    if (d.kind === "explanation") this.met(now, "explanation");
    if (d.kind === "interim") {
      this.setStatus("follow_up");
      this.opened("interim_published", now);
    } else if (d.kind === "clarification") this.setStatus("drafting");
    else {
      this.met(now, "finalAfterInterim");
      this.finish("closed", now);
    }
  }

  finish(status: Status, now: string): void {
    this.clocks.cancelAll();
    this.setStatus(status);
    this.io.event(status, undefined, { at: now });
  }

  setStatus(s: Status): void {
    this.view.status = s;
  }

  /** A clock fired (workflows/deadlines.ts): a breach marks the case overdue and escalates; a warning warns. */
  fired(f: Firing): void {
    const to = this.holders(f.step);
    if (f.kind === "breach") {
      this.view.overdue = true;
      this.io.event("breached", undefined, { step: f.step, round: f.view.round, dueAt: f.view.dueAt });
      this.io.notify(notices.breach(this.view, this.rules, f, to));
    } else {
      this.io.event("warned", undefined, { step: f.step, round: f.view.round, dueAt: f.view.dueAt });
      this.io.notify(notices.warning(this.view, f, to));
    }
  }

  /** Who holds a step: curators own routing, review and (mostly) publishing; executors the rest. */
  holders(step: string): Recipients {
    const executors = this.view.assignees.map((a) => a.staffId);
    if (["route", "review"].includes(step) || executors.length === 0) return { roles: ["curator"] };
    if (step === "publish" && this.rules.publisher !== "executor") return { roles: ["curator"] };
    return { staffIds: executors };
  }

  /** The calendar changed: every running clock is re-planned on it; the event lists the steps that moved. */
  recalendared(calendarId: string, version: unknown): void {
    const moved = this.clocks.recompute(this.makePlan(this.settings()));
    if (this.clocks.steps.answer) this.view.answerDueAt = this.clocks.steps.answer.dueAt;
    this.io.event("calendar_changed", undefined, { calendarId, version, moved });
  }

  /**
   * The report's answer time, once the first answer is out: working minutes from the answer clock's start
   * (a clarification question is not the answer where the Decision says so, docs/regulations.md).
   */
  measureAnswer(minutes: (from: string, to: string) => number): void {
    // A hand-over answers as a publication does (Yuzhno-Sakhalinsk 3.3).
    const first =
      this.view.publications.find(
        (p) => !this.rules.clarificationKeepsAnswer || p.kind !== "clarification",
      ) ?? this.view.handedOver;
    const answerClock = this.view.steps.answer ?? this.view.steps.explanation;
    if (first && this.view.answerWorkingMinutes === undefined && answerClock?.startedAt)
      this.view.answerWorkingMinutes = minutes(answerClock.startedAt, first.at);
  }
}
