// The case's state machine (PROCESS.md), pure: no Temporal calls, no clock reads. Each action has a
// `check` (the update validator: refuses without changing anything) and an `apply` (the handler). Side
// effects leave through `Io` (the workflow turns them into activities); clocks live in `Clocks`.
import { ApplicationFailure } from "@temporalio/common";
import type { ActionName, ActionRequest, Actor, Payload, RefusalCode } from "./actions";
import type { Clocks, PlanStep } from "./clocks";
import type { CaseInput } from "./message";
import type { CaseRules, ClockEvent, StepName } from "./rules";
import type { Assignee, CaseView, Draft, Status } from "./view";
import { closedStatuses } from "./view";

export interface PlanSettings {
  importance: "normal" | "high";
  answerBudget?: string;
  emergency: boolean;
  /** The topic is on the org's list with its own answer budget (Nenets 16). */
  listedTopic?: boolean;
}

export interface Notice {
  key: string;
  kind: "assignment" | "warning" | "breach" | "significant" | "review" | "rework" | "formal_appeal";
  to: { roles?: Array<"curator" | "supervisor" | "admin">; staffIds?: string[] };
  subject: string;
  text: string;
}

export interface Io {
  event(type: string, actor: string | undefined, data: Record<string, unknown>): void;
  notify(n: Notice): void;
  handOff(appeal: Payload<"formal-appeal">): void;
}

export function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

const isCurator = (a: Actor) => a.roles.includes("curator");

export class CaseMachine {
  readonly view: CaseView;
  /** Co-executors who still owe their part, in order (sequential mode takes them one by one). */
  private owed: string[] = [];
  private mode: "sequential" | "responsible" | "parallel" | "single" = "single";
  /** What the assigned structure is to draft: an answer, or an explanation (Yuzhno-Sakhalinsk 3.7). */
  private path: "answer" | "explanation" = "answer";

  constructor(
    input: CaseInput,
    readonly rules: CaseRules,
    readonly clocks: Clocks,
    private makePlan: (s: PlanSettings) => PlanStep,
    private io: Io,
    workflowId: string,
  ) {
    const { message } = input;
    this.listedTopics = input.org.urgentTopics ?? [];
    this.view = {
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
      },
      assignees: [],
      contributions: [],
      drafts: [],
      publications: [],
      steps: clocks.steps,
      linkedTo: message.repeatOf,
      returns: 0,
      reworkRounds: 0,
      seq: 0,
    };
  }

  get status(): Status {
    return this.view.status;
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
    };
  }
  private answerBudget?: string;
  private listedTopic = false;
  private listedTopics: string[];

  /** Arms every step of the regulation whose clock starts (or restarts) at `event`. */
  opened(event: ClockEvent, at: string, only?: StepName[]): void {
    for (const { step, from } of this.rules.arms) {
      if (from !== event || (only && !only.includes(step))) continue;
      if (step === "answer" && this.path === "explanation") continue;
      if (step === "explanation" && this.path !== "explanation") continue;
      const v = this.clocks.arm(step, this.anchor(event, at), event);
      if (step === "answer") this.view.answerDueAt = v.dueAt;
    }
  }

  private anchor(event: ClockEvent, at: string): string {
    if (event === "detection") return this.view.message.detectedAt;
    if (event === "posting") return this.view.message.publishedAt;
    return at;
  }

  private met(at: string, ...steps: StepName[]): void {
    for (const s of steps) this.clocks.meet(s, at);
  }

  // ---- who may act ----------------------------------------------------------------------------------

  private sameOrg(a: Actor): void {
    if (a.org !== this.view.org) refuse("not_found", `No case ${this.view.caseId} in org ${a.org}`);
  }
  private needStatus(...allowed: Status[]): void {
    if (!allowed.includes(this.view.status))
      refuse(
        "wrong_state",
        `The case is '${this.view.status}'; this action needs ${allowed.map((s) => `'${s}'`).join(" or ")}`,
      );
  }
  /** The curator who owns triage: the regional curator in two-tier orgs. */
  private triageCurator(a: Actor): void {
    if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
    if (this.rules.twoTier && a.curatorTier !== "regional")
      refuse("forbidden", "In this regulation the regional curator triages (Plastunovskaya 9)");
  }
  private routingCurator(a: Actor): void {
    if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
    if (this.rules.twoTier && a.curatorTier !== "municipal")
      refuse(
        "forbidden",
        "In this regulation the municipal curator routes to departments (Plastunovskaya 10)",
      );
  }
  private reviewer(a: Actor): void {
    if (!isCurator(a)) refuse("forbidden", `${a.staffId} is not a curator`);
    const tier = this.view.reviewTier;
    if (tier && tier !== "single" && a.curatorTier !== tier)
      refuse("forbidden", `This draft waits for the ${tier} curator (Plastunovskaya 14)`);
  }
  private assignee(a: Actor, roles?: Assignee["role"][]): Assignee {
    const found = this.view.assignees.find(
      (x) => x.staffId === a.staffId && (!roles || roles.includes(x.role)),
    );
    if (!found)
      refuse(
        "forbidden",
        `${a.staffId} is not ${roles ? `the case's ${roles.join("/")}` : "assigned to this case"}`,
      );
    return found;
  }
  /** Who writes the draft: the sole executor, or the composer of a co-executed case. */
  private drafter(): Assignee | undefined {
    return (
      this.view.assignees.find((x) => x.role === "composer") ??
      this.view.assignees.find((x) => x.role === "executor")
    );
  }
  private publisherCheck(a: Actor): void {
    const p = this.rules.publisher;
    if (p === "executor") {
      if (this.drafter()?.staffId !== a.staffId)
        refuse("forbidden", "In this regulation the executor publishes the answer");
      return;
    }
    if (!isCurator(a)) refuse("forbidden", "In this regulation the curator publishes the answer");
    if (p === "municipal_curator" && a.curatorTier !== "municipal")
      refuse(
        "forbidden",
        "In this regulation the municipal curator publishes the answer (Plastunovskaya 16)",
      );
  }

  // ---- actions --------------------------------------------------------------------------------------

  check(action: ActionName, req: ActionRequest): void {
    this.sameOrg(req.actor);
    if (this.closed) refuse("wrong_state", `The case is '${this.view.status}' and takes no more actions`);
    const p = req.payload as never;
    const a = req.actor;
    const checks: { [K in ActionName]: (p: Payload<K>) => void } = {
      triage: (p) => {
        this.needStatus("triage");
        this.triageCurator(a);
        this.outcome("process");
        if (!this.rules.twoTier && !p.executors) refuse("invalid", "executors: name at least one executor");
        if (p.executors) this.checkAssignment({ ...p, executors: p.executors });
        if (p.answerBudget && !this.rules.shorterAnswerFor.includes(p.importance))
          refuse(
            "invalid",
            `answerBudget: this regulation does not let the curator shorten a ${p.importance} answer budget`,
          );
        if (p.emergency && !this.rules.emergencyAllowed)
          refuse("invalid", "emergency: this regulation has no round-the-clock emergency answers");
        if (p.answerBudget) this.checkShorter(p.answerBudget, p.importance);
      },
      route: (p) => {
        this.needStatus(this.rules.twoTier ? "routing" : "triage");
        if (this.rules.twoTier) this.routingCurator(a);
        else this.triageCurator(a);
        if (
          !this.rules.twoTier &&
          this.view.drafts.length === 0 &&
          this.view.returns === 0 &&
          !this.view.topic
        )
          refuse("wrong_state", "Triage the case first (topic, importance), then route it");
        this.checkAssignment(p);
      },
      reject: (p) => {
        this.needStatus("triage");
        this.triageCurator(a);
        this.outcome("reject");
        if (!this.rules.rejectGrounds.includes(p.ground))
          refuse(
            "invalid",
            `ground: '${p.ground}' is not a ground to leave a message unanswered in this regulation`,
          );
      },
      explain: (p) => {
        this.needStatus("triage");
        this.triageCurator(a);
        this.outcome("explain");
        this.checkAssignment({ executors: p.executors });
      },
      link: () => {
        this.needStatus("triage");
        this.triageCurator(a);
        this.outcome("link");
      },
      "formal-appeal": () => {
        this.needStatus("triage");
        this.triageCurator(a);
        this.outcome("formal_appeal");
      },
      merge: (p) => {
        this.triageCurator(a);
        if (p.into === this.view.caseId) refuse("invalid", "into: a case cannot be merged into itself");
      },
      accept: () => {
        this.needStatus("assigned");
        this.assignee(a);
      },
      return: () => {
        this.needStatus("assigned", "drafting");
        this.assignee(a);
      },
      contribute: () => {
        this.needStatus("contributing");
        this.assignee(a, ["co-executor"]);
        if (!this.owed.includes(a.staffId)) refuse("wrong_state", `${a.staffId} has already contributed`);
        if (this.mode === "sequential" && this.owed[0] !== a.staffId)
          refuse(
            "wrong_state",
            `It is ${this.owed[0]}'s turn to contribute (sequential order set by the curator)`,
          );
      },
      draft: (p) => {
        this.needStatus("drafting", "rework", "follow_up");
        if (this.drafter()?.staffId !== a.staffId)
          refuse(
            "forbidden",
            `${a.staffId} does not write this case's draft (${this.drafter()?.staffId ?? "nobody"} does)`,
          );
        if (this.path === "explanation" && p.kind !== "explanation")
          refuse("invalid", "kind: this case is answered by an explanation (Yuzhno-Sakhalinsk 3.7)");
        if (this.path === "answer" && p.kind === "explanation")
          refuse("invalid", "kind: an explanation is drafted only when the curator chose to explain");
        if (this.view.status === "follow_up" && p.kind !== "final")
          refuse("invalid", "kind: after an interim answer only the final answer is drafted");
      },
      approve: () => {
        this.needStatus("review");
        this.reviewer(a);
      },
      rework: () => {
        this.needStatus("review");
        this.reviewer(a);
      },
      publish: () => {
        this.needStatus("publishing");
        this.publisherCheck(a);
      },
    };
    (checks[action] as (p: never) => void)(p);
  }

  private outcome(o: CaseRules["outcomes"][number]): void {
    if (!this.rules.outcomes.includes(o)) refuse("invalid", `This regulation has no '${o}' outcome`);
  }

  private checkAssignment(p: { executors: string[]; mode?: string; composer?: string }): void {
    if (new Set(p.executors).size !== p.executors.length) refuse("invalid", "executors: each executor once");
    if (p.composer && !p.executors.includes(p.composer))
      refuse("invalid", "composer: must be one of the executors");
  }

  private checkShorter(budget: string, importance: "normal" | "high"): void {
    try {
      const anchor = this.clocks.steps.answer;
      this.makePlan({ importance, answerBudget: budget, emergency: false })(
        "answer",
        anchor?.startedAt ?? this.view.message.detectedAt,
        anchor?.from ?? "detection",
      );
    } catch (e) {
      refuse("invalid", `answerBudget: ${(e as Error).message}`);
    }
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
          significant: p.significant ?? false,
          emergency: p.emergency ?? false,
        });
        this.answerBudget = p.answerBudget;
        this.listedTopic = !!this.rules.listedTopicAnswer && this.listedTopics.includes(p.topic);
        this.clocks.recompute(this.makePlan(this.settings()));
        if (this.view.steps.answer) this.view.answerDueAt = this.view.steps.answer.dueAt;
        this.reportIfDue(now);
        if (this.rules.twoTier) {
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
        this.finish("merged", now);
      },
      accept: () => {
        this.met(now, "return");
        if (this.owed.length > 0) {
          this.setStatus("contributing");
          this.opened("contribution_requested", now);
        } else {
          this.setStatus("drafting");
          this.opened("accepted", now);
        }
      },
      return: () => {
        this.met(now, "return");
        // Work clocks of the structure that returned the case stop; a draft lead fixed at the start keeps running.
        for (const s of ["draft", "consolidate", "coExecutorInput"] as const)
          if (!this.rules.arms.some((x) => x.step === s && x.from === "detection")) this.clocks.cancel(s);
        this.view.returns += 1;
        this.view.assignees = [];
        this.owed = [];
        this.setStatus(this.rules.twoTier ? "routing" : "triage");
        this.opened("returned", now);
      },
      contribute: (p) => {
        this.view.contributions.push({
          staffId: a.staffId,
          text: p.text,
          attachments: p.attachments,
          at: now,
        });
        this.owed = this.owed.filter((id) => id !== a.staffId);
        if (this.owed.length === 0) {
          this.met(now, "coExecutorInput");
          this.setStatus("drafting");
          this.opened("contributions_done", now);
        } else if (this.mode === "sequential") {
          this.met(now, "coExecutorInput");
          this.opened("contribution_requested", now);
        }
      },
      draft: (p) => {
        const d = this.addDraft(p, a.staffId, now);
        this.met(
          now,
          "draft",
          "consolidate",
          "rework",
          ...(p.kind === "clarification" ? (["clarification"] as const) : []),
        );
        this.view.reviewTier = this.rules.twoTier ? "municipal" : "single";
        this.setStatus("review");
        this.opened("draft_submitted", now);
        this.io.notify({
          key: `${this.view.caseId}:review:${d.version}`,
          kind: "review",
          to: { roles: ["curator"] },
          subject: `${this.rules.subjects.draftBack}: ${this.view.caseId}`,
          text: `Draft v${d.version} (${d.kind}) of ${this.view.caseId} waits for review.\n\n${d.text}`,
        });
      },
      approve: (p) => {
        const d = this.lastDraft();
        const tier = this.view.reviewTier ?? "single";
        d.reviews.push({ tier, by: a.staffId, at: now, verdict: "approved", comment: p.comment });
        this.met(now, "review");
        if (tier === "municipal") {
          this.view.reviewTier = "regional";
          this.opened("draft_submitted", now, ["review"]);
        } else {
          this.view.reviewTier = undefined;
          this.setStatus("publishing");
          this.opened("approved", now);
        }
      },
      rework: (p) => {
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
        this.io.notify({
          key: `${this.view.caseId}:rework:${d.version}:${tier}`,
          kind: "rework",
          to: { staffIds: [this.drafter()!.staffId] },
          subject: `${this.rules.subjects.draftBack}: ${this.view.caseId} — на доработку`,
          text: `Draft v${d.version} is sent back for rework (${p.reasons.join(", ")}): ${p.comment}`,
        });
      },
      publish: (p) => this.publish(p.url, a.staffId, now),
    };
    (appliers[action] as (p: never) => void)(p);
  }

  private assign(p: Payload<"route">, req: ActionRequest, now: string): void {
    const mode = p.executors.length === 1 ? "single" : (p.mode ?? this.rules.defaultMode);
    const departments = req.departments ?? {};
    const composer =
      mode === "sequential"
        ? p.executors.at(-1)!
        : mode === "single"
          ? p.executors[0]!
          : (p.composer ?? p.executors[0]!);
    this.mode = mode;
    this.view.assignees = p.executors.map((staffId, i) => ({
      staffId,
      role: mode === "single" ? "executor" : staffId === composer ? "composer" : "co-executor",
      order: mode === "sequential" ? i + 1 : undefined,
      department: departments[staffId],
    }));
    this.owed = p.executors.filter((id) => id !== composer && mode !== "single");
    this.met(now, "route");
    this.setStatus("assigned");
    this.opened("assignment", now);
    this.io.event("assigned", req.actor.staffId, { executors: p.executors, mode, composer, departments });
    this.io.notify({
      key: `${this.view.caseId}:assignment:${this.view.returns}:${this.view.seq}`,
      kind: "assignment",
      to: { staffIds: p.executors },
      subject: `${this.rules.subjects.assignment}: ${this.view.caseId}`,
      text: `${this.view.message.url}\n\n${this.view.message.text}\n\nОтвет до ${this.view.answerDueAt ?? this.view.steps.explanation?.dueAt ?? "—"}`,
    });
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

  private publish(url: string, by: string, now: string): void {
    const d = this.lastDraft();
    const first = this.view.publications.length === 0;
    this.view.publications.push({ kind: d.kind, url, at: now, by, draftVersion: d.version });
    this.met(now, "publish", ...(first ? (["answer"] as const) : []));
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

  private finish(status: Status, now: string): void {
    this.clocks.cancelAll();
    this.setStatus(status);
    this.io.event(status, undefined, { at: now });
  }

  private setStatus(s: Status): void {
    this.view.status = s;
  }

  /** Socially significant cases, and every "high" one where the regulation says so, go to the head at once. */
  private reportIfDue(now: string): void {
    const why = [
      this.view.significant && this.rules.reportSignificant ? "socially significant" : "",
      this.view.importance === "high" && this.rules.reportHighImmediately ? "high importance" : "",
    ].filter(Boolean);
    if (why.length === 0) return;
    this.io.notify({
      key: `${this.view.caseId}:significant`,
      kind: "significant",
      to: { roles: ["supervisor"] },
      subject: `Срочно (${why.join(", ")}): ${this.view.caseId}`,
      text: `${now}: ${this.view.message.url}\n\n${this.view.message.text}`,
    });
  }
}
