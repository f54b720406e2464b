// The case state machine without Temporal: every refusal (wrong actor, wrong state, regulation rule) and
// the transitions of each path. The rules here are hand-made variants so that each branch is reached;
// the five real profiles run through the workflow in test/workflow.
import { ApplicationFailure } from "@temporalio/common";
import { describe, expect, test } from "vitest";
import type { ActionName, Actor } from "../../workflows/actions";
import { Clocks, type PlanStep } from "../../workflows/clocks";
import { CaseMachine, type Notice } from "../../workflows/machine";
import type { CaseInput } from "../../workflows/message";
import type { CaseRules } from "../../workflows/rules";

const single: CaseRules = {
  twoTier: false,
  publisher: "curator",
  defaultMode: "sequential",
  outcomes: ["process", "reject", "explain", "link", "formal_appeal"],
  rejectGrounds: ["threat", "obscene", "insult"],
  shorterAnswerFor: ["normal", "high"],
  emergencyAllowed: false,
  reportSignificant: true,
  reportHighImmediately: false,
  arms: [
    { step: "route", from: "detection" },
    { step: "route", from: "returned" },
    { step: "answer", from: "detection" },
    { step: "explanation", from: "posting" },
    { step: "return", from: "assignment" },
    { step: "coExecutorInput", from: "contribution_requested" },
    { step: "draft", from: "accepted" },
    { step: "review", from: "draft_submitted" },
    { step: "rework", from: "rework_requested" },
    { step: "publish", from: "approved" },
    { step: "finalAfterInterim", from: "interim_published" },
  ],
  escalateTo: ["supervisor"],
  subjects: { assignment: "assign", draftBack: "draft" },
};
const twoTier: CaseRules = {
  ...single,
  twoTier: true,
  publisher: "municipal_curator",
  defaultMode: "parallel",
};

const H = 3600_000;
const plan =
  (answerHours = 8): PlanStep =>
  (step, startedAt) => ({
    budget: "1h",
    clock: "wall",
    dueAt: new Date(Date.parse(startedAt) + (step === "answer" ? answerHours : 1) * H).toISOString(),
    source: "test",
  });

const input: CaseInput = {
  caseId: "case-x-src-1",
  org: { id: "x", regulation: "x", calendarId: "ru", zone: "Europe/Moscow", urgentTopics: [] },
  receivedAt: "2026-03-02T06:00:00Z",
  message: {
    org: "x",
    source: "src",
    externalId: "1",
    network: "vk",
    channel: "comment",
    url: "https://vk.com/wall-1_1",
    author: {},
    text: "Яма на дороге",
    attachments: [],
    publishedAt: "2026-03-02T06:00:00Z",
    detectedAt: "2026-03-02T06:00:00Z",
    hints: {},
  },
};

function setup(rules = single) {
  const notices: Notice[] = [];
  const events: string[] = [];
  const clocks = new Clocks(plan(), () => undefined);
  const m = new CaseMachine(
    input,
    rules,
    clocks,
    (s) => plan(s.answerBudget ? Number.parseInt(s.answerBudget, 10) : s.importance === "high" ? 4 : 8),
    {
      event: (type) => events.push(type),
      notify: (n) => notices.push(n),
      handOff: () => events.push("handoff"),
    },
    input.caseId,
  );
  m.opened("detection", input.receivedAt);
  m.opened("posting", input.receivedAt);
  let minute = 0;
  const act = (name: ActionName, actor: Actor, payload: unknown) => {
    const req = { actor, payload } as never;
    m.check(name, req);
    m.apply(name, req, new Date(Date.parse(input.receivedAt) + ++minute * 60_000).toISOString());
  };
  return { m, act, notices, events, clocks };
}

const staff = (id: string, roles: Actor["roles"], extra: Partial<Actor> = {}): Actor => ({
  staffId: id,
  org: "x",
  roles,
  ...extra,
});
const curator = staff("x.curator", ["curator"]);
const regional = staff("x.regional-curator", ["curator"], { curatorTier: "regional" });
const municipal = staff("x.municipal-curator", ["curator"], { curatorTier: "municipal" });
const ex1 = staff("x.executor1", ["executor"]);
const ex2 = staff("x.executor2", ["executor"]);
const ex3 = staff("x.executor3", ["executor"]);

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApplicationFailure);
    return (e as ApplicationFailure).type!;
  }
  throw new Error("the action was not refused");
}

describe("refusals leave the case untouched", () => {
  test("wrong actor, wrong state, other org", () => {
    const { m, act } = setup();
    const before = JSON.stringify(m.view);
    expect(
      refusal(() =>
        m.check("triage", {
          actor: ex1,
          payload: { topic: "Дороги", importance: "normal", executors: ["x.executor1"] },
        } as never),
      ),
    ).toBe("forbidden");
    expect(refusal(() => m.check("accept", { actor: ex1, payload: {} } as never))).toBe("wrong_state");
    expect(refusal(() => m.check("triage", { actor: { ...curator, org: "y" }, payload: {} } as never))).toBe(
      "not_found",
    );
    expect(JSON.stringify(m.view)).toBe(before);
    act("triage", curator, { topic: "Дороги", importance: "normal", executors: ["x.executor1"] });
    expect(refusal(() => m.check("accept", { actor: ex2, payload: {} } as never))).toBe("forbidden");
  });

  test("regulation rules: reject ground, shorter budget, emergency", () => {
    const { m } = setup({ ...single, shorterAnswerFor: [] });
    expect(
      refusal(() => m.check("reject", { actor: curator, payload: { ground: "unreadable" } } as never)),
    ).toBe("invalid");
    expect(
      refusal(() =>
        m.check("triage", {
          actor: curator,
          payload: { topic: "t", importance: "normal", executors: ["a"], answerBudget: "2h" },
        } as never),
      ),
    ).toBe("invalid");
    expect(
      refusal(() =>
        m.check("triage", {
          actor: curator,
          payload: { topic: "t", importance: "normal", executors: ["a"], emergency: true },
        } as never),
      ),
    ).toBe("invalid");
  });

  test("a closed case takes no more actions", () => {
    const { m, act } = setup();
    act("reject", curator, { ground: "threat" });
    expect(m.status).toBe("rejected");
    expect(
      refusal(() => m.check("merge", { actor: curator, payload: { into: "case-x-src-2" } } as never)),
    ).toBe("wrong_state");
  });
});

describe("paths", () => {
  test("single executor: triage, accept, draft, rework, draft, approve, publish", () => {
    const { m, act, clocks, notices } = setup();
    act("triage", curator, {
      topic: "Дороги",
      importance: "high",
      executors: ["x.executor1"],
      significant: true,
    });
    expect(notices.map((n) => n.kind)).toEqual(["significant", "assignment"]);
    expect(clocks.steps.route!.metAt).toBeDefined();
    expect(m.view.answerDueAt).toBe("2026-03-02T10:00:00.000Z"); // "high" re-planned the answer: 4 h
    act("accept", ex1, {});
    expect(m.status).toBe("drafting");
    act("draft", ex1, { kind: "final", text: "Ответ" });
    act("rework", curator, { reasons: ["no_greeting"], comment: "Поздоровайтесь" });
    expect(m.status).toBe("rework");
    expect(m.view.reworkRounds).toBe(1);
    act("draft", ex1, { kind: "final", text: "Здравствуйте! Ответ" });
    act("approve", curator, {});
    expect(m.status).toBe("publishing");
    expect(
      refusal(() => m.check("publish", { actor: ex1, payload: { url: "https://vk.com/r" } } as never)),
    ).toBe("forbidden");
    act("publish", curator, { url: "https://vk.com/wall-1_1?reply=2" });
    expect(m.status).toBe("closed");
    expect(clocks.steps.answer!.metAt).toBeDefined();
    expect(m.view.drafts.map((d) => d.reviews.map((r) => r.verdict))).toEqual([["rework"], ["approved"]]);
  });

  test("sequential co-executors contribute in the curator's order; the last composes", () => {
    const { m, act } = setup();
    act("triage", curator, {
      topic: "t",
      importance: "normal",
      executors: ["x.executor1", "x.executor2", "x.executor3"],
      mode: "sequential",
    });
    expect(m.view.assignees.map((a) => a.role)).toEqual(["co-executor", "co-executor", "composer"]);
    act("accept", ex3, {});
    expect(m.status).toBe("contributing");
    expect(refusal(() => m.check("contribute", { actor: ex2, payload: { text: "b" } } as never))).toBe(
      "wrong_state",
    );
    act("contribute", ex1, { text: "a" });
    expect(m.view.steps.coExecutorInput!.round).toBe(1);
    act("contribute", ex2, { text: "b" });
    expect(m.status).toBe("drafting");
    expect(
      refusal(() => m.check("draft", { actor: ex1, payload: { kind: "final", text: "x" } } as never)),
    ).toBe("forbidden");
    act("draft", ex3, { kind: "final", text: "a+b" });
    expect(m.status).toBe("review");
  });

  test("return for competence goes back to triage, keeps the answer clock and counts the return", () => {
    const { m, act, clocks } = setup();
    act("triage", curator, { topic: "t", importance: "normal", executors: ["x.executor1"] });
    const answerDue = clocks.steps.answer!.dueAt;
    act("return", ex1, { reason: "не наша компетенция" });
    expect(m.status).toBe("triage");
    expect(m.view.returns).toBe(1);
    act("route", curator, { executors: ["x.executor2"] });
    expect(m.status).toBe("assigned");
    expect(clocks.steps.answer!.dueAt).toBe(answerDue);
    expect(clocks.steps.return!.round).toBe(1);
  });

  test("two tiers: regional triages, municipal routes, reviews go municipal then regional", () => {
    const { m, act } = setup(twoTier);
    expect(
      refusal(() =>
        m.check("triage", { actor: municipal, payload: { topic: "t", importance: "normal" } } as never),
      ),
    ).toBe("forbidden");
    act("triage", regional, { topic: "t", importance: "normal" });
    expect(m.status).toBe("routing");
    act("route", municipal, { executors: ["x.executor1", "x.executor2"], composer: "x.executor2" });
    act("accept", ex2, {});
    act("contribute", ex1, { text: "part" });
    act("draft", ex2, { kind: "final", text: "answer" });
    expect(m.view.reviewTier).toBe("municipal");
    expect(refusal(() => m.check("approve", { actor: regional, payload: {} } as never))).toBe("forbidden");
    act("approve", municipal, {});
    expect(m.view.reviewTier).toBe("regional");
    act("rework", regional, { reasons: ["format"], comment: "меньше ссылок на НПА" });
    expect(m.status).toBe("rework");
    act("draft", ex2, { kind: "final", text: "answer 2" });
    act("approve", municipal, {});
    act("approve", regional, {});
    expect(
      refusal(() => m.check("publish", { actor: regional, payload: { url: "https://ok.ru/r" } } as never)),
    ).toBe("forbidden");
    act("publish", municipal, { url: "https://ok.ru/r" });
    expect(m.status).toBe("closed");
  });

  test("interim answer opens the follow-up; the final closes it", () => {
    const { m, act, clocks } = setup();
    act("triage", curator, { topic: "t", importance: "normal", executors: ["x.executor1"] });
    act("accept", ex1, {});
    act("draft", ex1, { kind: "interim", text: "Промежуточный" });
    act("approve", curator, {});
    act("publish", curator, { url: "https://vk.com/r1" });
    expect(m.status).toBe("follow_up");
    expect(clocks.isPending("finalAfterInterim")).toBe(true);
    expect(
      refusal(() => m.check("draft", { actor: ex1, payload: { kind: "interim", text: "x" } } as never)),
    ).toBe("invalid");
    act("draft", ex1, { kind: "final", text: "Окончательный" });
    act("approve", curator, {});
    act("publish", curator, { url: "https://vk.com/r2" });
    expect(m.status).toBe("closed");
    expect(clocks.steps.finalAfterInterim!.metAt).toBeDefined();
  });

  test("explain, link, formal appeal and merge", () => {
    const e = setup();
    e.act("explain", curator, { reason: "court_act", executors: ["x.executor1"] });
    expect(e.clocks.steps.answer!.cancelled).toBe(true);
    expect(e.clocks.isPending("explanation")).toBe(true);
    e.act("accept", ex1, {});
    expect(
      refusal(() => e.m.check("draft", { actor: ex1, payload: { kind: "final", text: "x" } } as never)),
    ).toBe("invalid");
    e.act("draft", ex1, { kind: "explanation", text: "Разъяснение" });
    e.act("approve", curator, {});
    e.act("publish", curator, { url: "https://vk.com/r" });
    expect(e.m.status).toBe("closed");

    const l = setup();
    l.act("link", curator, { url: "https://city.ru/answers/1" });
    l.act("publish", curator, { url: "https://vk.com/r" });
    expect(l.m.status).toBe("closed");

    const f = setup();
    f.act("formal-appeal", curator, { consent: true, fullName: "Иванов И.И.", address: "ул. Ленина, 1" });
    expect(f.m.status).toBe("handed_off");
    expect(f.events).toContain("handoff");

    const g = setup();
    g.act("merge", curator, { into: "case-x-src-9" });
    expect(g.m.status).toBe("merged");
    expect(g.clocks.next()).toBeUndefined();
  });
});

describe("draft checks (patch draft-checks)", () => {
  const findings = [
    { code: "no_greeting" as const, message: "no greeting" },
    { code: "bureaucratese" as const, message: "«в рамках»", at: [0, 8] as [number, number] },
  ];
  const draft = (storeChecks: boolean) => {
    const s = setup();
    s.m.storeChecks = storeChecks;
    s.act("triage", curator, { topic: "Дороги", importance: "normal", executors: ["x.executor1"] });
    s.act("accept", ex1, {});
    const req = { actor: ex1, payload: { kind: "final", text: "В рамках работ" }, checks: findings } as never;
    s.m.check("draft", req);
    s.m.apply("draft", req, "2026-03-02T07:00:00Z");
    return s;
  };

  test("the draft keeps the findings and the rework reasons they suggest; the review notice lists them", () => {
    const { m, notices } = draft(true);
    expect(m.view.drafts[0]).toMatchObject({ checks: findings, suggestedReasons: ["no_greeting", "format"] });
    const review = notices.find((n) => n.kind === "review")!;
    expect(review.text).toContain("- no_greeting: no greeting");
    expect(review.text).toContain("- bureaucratese: «в рамках»");
    expect(review.text).toContain("Причины доработки: no_greeting, format");
  });

  test("blocking codes refuse the draft, after the actor and state rules", () => {
    const s = setup();
    s.act("triage", curator, { topic: "Дороги", importance: "normal", executors: ["x.executor1"] });
    const req = (actor: Actor) =>
      ({
        actor,
        payload: { kind: "final", text: "x" },
        checks: findings,
        blocking: ["no_greeting"],
      }) as never;
    expect(refusal(() => s.m.check("draft", req(ex1)))).toBe("wrong_state");
    s.act("accept", ex1, {});
    expect(refusal(() => s.m.check("draft", req(ex2)))).toBe("forbidden");
    expect(refusal(() => s.m.check("draft", req(ex1)))).toBe("checks_failed");
    expect(s.m.view.drafts).toEqual([]);
  });

  test("a case started before the patch keeps drafts as they were", () => {
    const { m, notices } = draft(false);
    expect(m.view.drafts[0]).not.toHaveProperty("checks");
    expect(notices.find((n) => n.kind === "review")!.text).not.toContain("Проверка");
  });
});
