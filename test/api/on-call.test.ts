// Emergencies on the wall clock with on-call lists, through the API (Yuzhno-Sakhalinsk 3.9 «ответы даются
// оператором в выходные и праздничные дни … определить список лиц (с номерами сотовых телефонов) … в рабочее
// и нерабочее время»; docs/regulations.md "Yuzhno-Sakhalinsk emergencies"): each department keeps an on-call
// list in the org admin API; an emergency case runs every step on the wall clock and its assignment also goes
// to the on-call people of the executor's department. (The holiday arithmetic: test/workflow/yuzhno-sakhalinsk.)
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { notifications } from "../../db/schema";
import { caseIdOf } from "../../workflows/message";
import { caseActions } from "../support/case-actions";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "./helpers";

const org = "yuzhno-sakhalinsk";
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const call = async (method: "GET" | "POST" | "PUT", url: string, who: string, payload?: object) =>
  stack.app.inject({ method, url, headers: await bearer(who), ...(payload ? { payload } : {}) });

const { ok } = caseActions(() => stack, { org, reader: "curator" });

async function department() {
  const id = `${org}.${uniqueId("heat")}`.toLowerCase();
  const executor = `${org}.${uniqueId("stoker")}`.toLowerCase();
  expect(
    (await call("POST", `/v1/orgs/${org}/departments`, `${org}.admin`, { id, name: "Теплосети" })).statusCode,
  ).toBe(201);
  const res = await call("POST", `/v1/orgs/${org}/staff`, `${org}.admin`, {
    id: executor,
    name: "Кочегаров",
    email: `${executor}@example.test`,
    roles: ["executor"],
    departmentId: id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id, executor };
}

const people = [
  { name: "Дежурный инженер", phone: "+7 900 111-22-33", email: "duty@example.test", hours: "always" },
  { name: "Начальник смены", phone: "+7 900 444-55-66", hours: "working" },
];

describe("on-call lists (Yuzhno-Sakhalinsk 3.9)", () => {
  test("the admin sets a department's list; readers see it; bad entries and unknown departments are refused", async () => {
    const { id } = await department();
    const url = `/v1/orgs/${org}/departments/${id}/on-call`;
    expect((await call("GET", url, `${org}.curator`)).json()).toEqual({ departmentId: id, people: [] });
    const put = await call("PUT", url, `${org}.admin`, { people });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ departmentId: id, people });
    expect((await call("GET", url, `${org}.supervisor`)).json().people).toEqual(people);
    expectProblem(await call("PUT", url, `${org}.curator`, { people }), 403);
    const bad = expectProblem(
      await call("PUT", url, `${org}.admin`, { people: [{ ...people[0], phone: "звоните" }] }),
      422,
    );
    expect(JSON.stringify(bad)).toContain("people.0.phone");
    expectProblem(await call("GET", `/v1/orgs/${org}/departments/${org}.nope/on-call`, `${org}.admin`), 404);
    // Another org's department is not reachable through this org.
    expectProblem(await call("GET", `/v1/orgs/omsk/departments/${id}/on-call`, `${org}.admin`), 403);
    expectProblem(await call("GET", `/v1/orgs/omsk/departments/omsk.housing/on-call`, `${org}.admin`), 403);
    expectProblem(await call("GET", `/v1/orgs/${org}/departments/omsk.housing/on-call`, `${org}.admin`), 404);
    expect((await call("PUT", url, `${org}.admin`, { people: [] })).json().people).toEqual([]);
  });

  test("an emergency runs every step on the wall clock and its assignment goes to the on-call people too", async () => {
    const { id, executor } = await department();
    await call("PUT", `/v1/orgs/${org}/departments/${id}/on-call`, `${org}.admin`, { people });
    const at = new Date(Date.now() - 60_000).toISOString();
    const m = message(org, uniqueId("emergency"), { publishedAt: at, detectedAt: at });
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: apiKey(org),
      payload: m,
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = caseIdOf(m);
    const v = await ok(caseId, "triage", "curator", {
      topic: "ЖКХ",
      importance: "normal",
      executors: [executor],
      emergency: true,
    });
    expect(v.emergency).toBe(true);
    for (const step of ["answer", "draft", "executorTotal"]) expect(v.steps[step]!.clock, step).toBe("wall");
    expect(v.steps.draft!.source).toContain("§3.9");
    // 4 h and 23 h on the wall clock from the assignment, whatever the hour and the day.
    const assigned = Date.parse(v.steps.draft!.startedAt!);
    expect(Date.parse(v.steps.draft!.dueAt!) - assigned).toBe(4 * 3_600_000);
    expect(Date.parse(v.steps.executorTotal!.dueAt!) - assigned).toBe(23 * 3_600_000);
    const row = await eventually(async () => {
      const r = await stack.db.db
        .select()
        .from(notifications)
        .where(like(notifications.key, `${caseId}:assignment:%`));
      return r[0]?.sentAt ? r[0] : undefined;
    });
    expect(row.recipient.split(", ").sort()).toEqual(["duty@example.test", `${executor}@example.test`]);
    expect(row.subject).toBe(`Экстренно! Сообщение из социальной сети для ответа: ${caseId}`);
  });

  test("a plain case of the same department is not sent on call", async () => {
    const { id, executor } = await department();
    await call("PUT", `/v1/orgs/${org}/departments/${id}/on-call`, `${org}.admin`, { people });
    const at = new Date(Date.now() - 60_000).toISOString();
    const m = message(org, uniqueId("plain"), { publishedAt: at, detectedAt: at });
    expect(
      (await stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey(org), payload: m }))
        .statusCode,
    ).toBe(201);
    const caseId = caseIdOf(m);
    const v = await ok(caseId, "triage", "curator", {
      topic: "ЖКХ",
      importance: "normal",
      executors: [executor],
    });
    expect(v.steps.draft!.clock).not.toBe("wall");
    const row = await eventually(async () => {
      const r = await stack.db.db
        .select()
        .from(notifications)
        .where(like(notifications.key, `${caseId}:assignment:%`));
      return r[0]?.sentAt ? r[0] : undefined;
    });
    expect(row.recipient).toBe(`${executor}@example.test`);
  });
});
