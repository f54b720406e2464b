// POST /v1/cases/:caseId/actions/<action>: every action succeeds on a real workflow, and each refusal
// (401/403/404/409/422) comes back as problem+json with the workflow's reason where the workflow refused.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { calendarOverrides } from "../../db/schema";
import { actionNames } from "../../workflows/actions";
import { caseIdOf } from "../../workflows/message";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** A case started now (so no clock breaches during the suite). */
async function start(org: string): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const m = message(org, uniqueId("act"), { publishedAt: at, detectedAt: at });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: m,
  });
  expect(res.statusCode).toBe(201);
  return caseIdOf(m);
}

async function act(caseId: string, action: string, who: string | null, payload: object = {}) {
  return stack.app.inject({
    method: "POST",
    url: `/v1/cases/${caseId}/actions/${action}`,
    headers: who ? await bearer(who) : {},
    payload,
  });
}

/** The action succeeded; returns the case as it is right after it. */
async function ok(caseId: string, action: string, who: string, payload: object = {}) {
  const res = await act(caseId, action, who, payload);
  expect(res.statusCode, `${action} by ${who}: ${res.body}`).toBe(200);
  return res.json();
}

const triage = { topic: "ЖКХ", importance: "normal", executors: ["omsk.executor1"] };

describe("every action succeeds for the right actor in the right state", () => {
  test("triage, accept, draft, rework, draft, approve, publish: closed, and the timeline has every event", async () => {
    const id = await start("omsk");
    expect((await ok(id, "triage", "omsk.curator", triage)).status).toBe("assigned");
    // Executor isolation end to end: the department comes from the staff table, through the workflow,
    // into the read model.
    const listedFor = async (who: string) => {
      const res = await stack.app.inject({
        method: "GET",
        url: `/v1/cases?q=${id.replace("case-omsk~api-suite~", "")}`,
        headers: await bearer(who),
      });
      return res.json().items.map((c: { caseId: string }) => c.caseId) as string[];
    };
    await eventually(async () => (await listedFor("omsk.executor1")).includes(id));
    expect(await listedFor("omsk.executor2")).not.toContain(id);
    const peek = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${id}`,
      headers: await bearer("omsk.executor2"),
    });
    expectProblem(peek, 403);
    expect((await ok(id, "accept", "omsk.executor1")).status).toBe("drafting");
    expect(
      (await ok(id, "draft", "omsk.executor1", { kind: "final", text: "Отремонтируем к пятнице." })).status,
    ).toBe("review");
    const back = await ok(id, "rework", "omsk.curator", {
      reasons: ["no_greeting"],
      comment: "Поздоровайтесь",
    });
    expect(back).toMatchObject({ status: "rework", reworkRounds: 1 });
    await ok(id, "draft", "omsk.executor1", {
      kind: "final",
      text: "Здравствуйте! Отремонтируем к пятнице.",
    });
    expect((await ok(id, "approve", "omsk.curator", {})).status).toBe("publishing");
    const closed = await ok(id, "publish", "omsk.curator", { url: "https://vk.com/wall-1_1?reply=2" });
    expect(closed).toMatchObject({
      status: "closed",
      publications: [{ url: "https://vk.com/wall-1_1?reply=2" }],
    });
    expect(closed.drafts.map((d: { version: number }) => d.version)).toEqual([1, 2]);

    const curator = await bearer("omsk.curator");
    const events = await eventually(async () => {
      const res = await stack.app.inject({
        method: "GET",
        url: `/v1/cases/${id}/timeline`,
        headers: curator,
      });
      const e = res.json().events as Array<{ seq: number; type: string; actor: string | null }>;
      return e.length >= closed.seq ? e : undefined;
    });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: closed.seq }, (_, i) => i + 1));
    const acted = events
      .filter((e) => e.actor && (actionNames as string[]).includes(e.type))
      .map((e) => e.type);
    expect(acted).toEqual(["triage", "accept", "draft", "rework", "draft", "approve", "publish"]);
    const listed = await eventually(async () => {
      const res = await stack.app.inject({
        method: "GET",
        url: "/v1/cases?status=closed&limit=200",
        headers: curator,
      });
      return res.json().items.find((c: { caseId: string }) => c.caseId === id);
    });
    expect(listed).toMatchObject({ status: "closed", assignees: ["omsk.executor1"] });
  });

  test("return, route; co-execution: accept, contribute; reject; merge", async () => {
    const id = await start("omsk");
    await ok(id, "triage", "omsk.curator", triage);
    expect((await ok(id, "return", "omsk.executor1", { reason: "Не наш вопрос" })).status).toBe("triage");
    const routed = await ok(id, "route", "omsk.curator", {
      executors: ["omsk.executor1", "omsk.executor2"],
      mode: "responsible",
    });
    // Omsk 12: the responsible executor (listed first) composes from the co-executors' parts.
    expect(routed.assignees.map((a: { staffId: string; role: string }) => [a.staffId, a.role])).toEqual([
      ["omsk.executor1", "composer"],
      ["omsk.executor2", "co-executor"],
    ]);
    expect((await ok(id, "accept", "omsk.executor1")).status).toBe("contributing");
    const contributed = await ok(id, "contribute", "omsk.executor2", {
      text: "Дорожная часть: ремонт в мае.",
    });
    expect(contributed.status).toBe("drafting");

    const rejected = await start("omsk");
    expect((await ok(rejected, "reject", "omsk.curator", { ground: "obscene" })).status).toBe("rejected");
    const merged = await start("omsk");
    expect(await ok(merged, "merge", "omsk.curator", { into: id })).toMatchObject({
      status: "merged",
      mergedInto: id,
    });
  });

  test("explain, link, formal-appeal (Yuzhno-Sakhalinsk has these outcomes)", async () => {
    const curator = "yuzhno-sakhalinsk.curator";
    const explained = await ok(await start("yuzhno-sakhalinsk"), "explain", curator, {
      reason: "out_of_competence",
      executors: ["yuzhno-sakhalinsk.executor1"],
    });
    expect(explained).toMatchObject({ status: "assigned", explanationReason: "out_of_competence" });
    const linked = await start("yuzhno-sakhalinsk");
    expect((await ok(linked, "link", curator, { url: "https://yuzhno-sakh.ru/news/1" })).status).toBe(
      "publishing",
    );
    const appeal = { consent: true, fullName: "Иванов Иван", address: "ул. Ленина, 1" };
    expect((await ok(await start("yuzhno-sakhalinsk"), "formal-appeal", curator, appeal)).status).toBe(
      "handed_off",
    );
  });
});

describe("refusals", () => {
  let id: string;
  beforeAll(async () => {
    id = await start("omsk");
  });

  test("401 without credentials", async () => {
    expectProblem(await act(id, "triage", null, triage), 401);
  });

  test("403: the workflow refuses a role (its reason passed through); the API an executor of another department", async () => {
    const p = expectProblem(await act(id, "triage", "omsk.supervisor", triage), 403);
    expect(p.detail).toBe("omsk.supervisor is not a curator");
    expect(p.type).toMatch(/refused\/forbidden$/);
    await ok(id, "triage", "omsk.curator", triage);
    expectProblem(await act(id, "accept", "omsk.executor2"), 403);
  });

  test("404: an unknown case, and another org's case (the same answer)", async () => {
    expectProblem(await act(`case-omsk-nowhere-${uniqueId("x")}`, "accept", "omsk.executor1"), 404);
    expectProblem(await act(id, "accept", "zarechny.executor1"), 404);
    expectProblem(await act(id, "merge", "zarechny.curator", { into: "x" }), 404);
  });

  test("409: not in this status (the workflow's reason), and a finished case", async () => {
    const p = expectProblem(await act(id, "approve", "omsk.curator", {}), 409);
    expect(p.detail).toMatch(/'assigned'; this action needs 'review'/);
    const done = await start("omsk");
    await ok(done, "reject", "omsk.curator", { ground: "threat" });
    expectProblem(await act(done, "reject", "omsk.curator", { ground: "threat" }), 409);
  });

  test("422: the body at the edge (field errors), unknown staff (API), the regulation's rule (workflow)", async () => {
    const fresh = await start("omsk");
    const edge = expectProblem(
      await act(fresh, "triage", "omsk.curator", { topic: "ЖКХ", executors: [] }),
      422,
    );
    expect(edge.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.importance", "body.executors"]),
    );
    const staff = expectProblem(
      await act(fresh, "triage", "omsk.curator", { ...triage, executors: ["zarechny.executor1"] }),
      422,
    );
    expect(staff.errors).toEqual([
      { path: "body.executors.0", message: expect.stringContaining("zarechny.executor1") },
    ]);
    const twice = expectProblem(
      await act(fresh, "triage", "omsk.curator", {
        ...triage,
        executors: ["omsk.executor1", "omsk.executor1"],
      }),
      422,
    );
    expect(twice.detail).toBe("executors: each executor once");
    const self = expectProblem(await act(fresh, "merge", "omsk.curator", { into: fresh }), 422);
    expect(self.detail).toMatch(/itself/);
    // Nothing of it entered the case.
    const view = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${fresh}`,
      headers: await bearer("omsk.curator"),
    });
    expect(view.json()).toMatchObject({ status: "triage", seq: expect.any(Number) });
  });
});

test("a platform admin's national override moves a live case's answer deadline", async () => {
  const id = await start("omsk");
  const curator = await bearer("omsk.curator");
  const read = async () =>
    (await stack.app.inject({ method: "GET", url: `/v1/cases/${id}`, headers: curator })).json() as {
      steps: Record<string, { dueAt?: string }>;
    };
  const before = (await read()).steps.answer?.dueAt;
  expect(before).toBeDefined();
  const day = before!.slice(0, 10); // the due instant's local date, in the org's zone
  // The national calendar: a platform admin's change (api/services/calendars.ts). Visibility lags a moment
  // behind the start, so the fan-out may miss a case this young: the upsert is idempotent, send it again.
  const put = async () =>
    stack.app.inject({
      method: "PUT",
      url: "/v1/calendars/ru/overrides",
      headers: await bearer("omsk.platform-admin"),
      payload: { overrides: [{ date: day, kind: "non_working", reason: "test: a decree moved the day" }] },
    });
  try {
    expect((await put()).statusCode).toBe(200);
    const after = await eventually(async () => {
      const due = (await read()).steps.answer?.dueAt;
      if (due && due !== before) return due;
      await put();
      return undefined;
    });
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before!));
    expect(after.slice(0, 10)).not.toBe(day);
  } finally {
    await stack.db.db
      .delete(calendarOverrides)
      .where(and(eq(calendarOverrides.calendarId, "ru"), eq(calendarOverrides.date, day)));
  }
});
