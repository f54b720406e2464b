// Org administration (admin, own org): departments, staff, routing rules and suggestions (calendars by
// layer: test/api/calendars.test.ts).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";
import { bearer, expectProblem, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const call = async (
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  who: string,
  payload?: object,
) => stack.app.inject({ method, url, headers: await bearer(who), ...(payload ? { payload } : {}) });

describe("departments and staff", () => {
  const dept = `zarechny.${uniqueId("parks")}`.toLowerCase();
  const person = `zarechny.${uniqueId("gardener")}`.toLowerCase();

  test("an admin adds a department and a staff member in it, who can then sign in", async () => {
    expect(
      (await call("POST", "/v1/orgs/zarechny/departments", "zarechny.admin", { id: dept, name: "Парки" }))
        .statusCode,
    ).toBe(201);
    const created = await call("POST", "/v1/orgs/zarechny/staff", "zarechny.admin", {
      id: person,
      name: "Садовник",
      roles: ["executor"],
      departmentId: dept,
      topics: ["Парки"],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: person, orgId: "zarechny", departmentId: dept, active: true });
    expect((await call("GET", "/v1/cases", person)).statusCode).toBe(200);
    const list = await call("GET", "/v1/orgs/zarechny/staff", "zarechny.curator");
    expect(list.json().map((s: { id: string }) => s.id)).toContain(person);
  });

  test("a duplicate is 409, an unknown department 422", async () => {
    expectProblem(
      await call("POST", "/v1/orgs/zarechny/departments", "zarechny.admin", { id: dept, name: "again" }),
      409,
    );
    const bad = await call("POST", "/v1/orgs/zarechny/staff", "zarechny.admin", {
      id: `${person}x`,
      name: "x",
      roles: ["executor"],
      departmentId: "omsk.housing",
    });
    expect(expectProblem(bad, 422).errors?.[0]?.path).toBe("body.departmentId");
  });

  test("deactivating a staff member locks them out at once", async () => {
    const patched = await call("PATCH", `/v1/orgs/zarechny/staff/${person}`, "zarechny.admin", {
      active: false,
    });
    expect(patched.json()).toMatchObject({ active: false });
    expectProblem(await call("GET", "/v1/cases", person), 401);
  });

  test("another org's admin is 403; a curator cannot write; the payload is validated", async () => {
    expectProblem(await call("GET", "/v1/orgs/zarechny/staff", "omsk.admin"), 403);
    expectProblem(
      await call("POST", "/v1/orgs/omsk/departments", "zarechny.admin", { id: "omsk.x", name: "x" }),
      403,
    );
    expectProblem(
      await call("POST", "/v1/orgs/zarechny/departments", "zarechny.curator", {
        id: "zarechny.y",
        name: "y",
      }),
      403,
    );
    expectProblem(await call("GET", "/v1/orgs/zarechny/staff", "zarechny.executor1"), 403);
    const invalid = await call("POST", "/v1/orgs/zarechny/staff", "zarechny.admin", {
      id: "Bad Id",
      name: "",
      roles: ["king"],
    });
    expect(expectProblem(invalid, 422).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.id", "body.name", "body.roles.0"]),
    );
  });
});

describe("routing", () => {
  test("suggestions: a rule for the location first, then topic-wide rules, with the departments' executors", async () => {
    const rule = await call("POST", "/v1/orgs/nenets/routing-rules", "nenets.admin", {
      topic: "Дороги",
      location: "Нарьян-Мар",
      departmentId: "nenets.housing",
    });
    expect(rule.statusCode).toBe(201);
    const ruleId = rule.json().id as number;
    const at = await call(
      "GET",
      `/v1/orgs/nenets/routing/suggest?topic=${encodeURIComponent("Дороги")}&location=${encodeURIComponent("Нарьян-Мар")}`,
      "nenets.curator",
    );
    expect(at.statusCode).toBe(200);
    expect(at.json().suggestions.map((s: { departmentId: string }) => s.departmentId)).toEqual([
      "nenets.housing",
      "nenets.roads",
    ]);
    expect(at.json().suggestions[1].executors).toEqual([
      { staffId: "nenets.executor2", name: expect.any(String) },
    ]);
    const elsewhere = await call(
      "GET",
      `/v1/orgs/nenets/routing/suggest?topic=${encodeURIComponent("дороги")}`,
      "nenets.curator",
    );
    expect(elsewhere.json().suggestions.map((s: { departmentId: string }) => s.departmentId)).toEqual([
      "nenets.roads",
    ]);
    expect((await call("DELETE", `/v1/orgs/nenets/routing-rules/${ruleId}`, "nenets.admin")).statusCode).toBe(
      204,
    );
    expectProblem(await call("DELETE", `/v1/orgs/nenets/routing-rules/${ruleId}`, "nenets.admin"), 404);
    expectProblem(await call("GET", "/v1/orgs/nenets/routing/suggest", "nenets.curator"), 422);
  });
});

describe("recipients per duty (docs/regulations.md «who is told»; Nenets 27–29)", () => {
  const url = "/v1/orgs/nenets/recipients";
  test("the admin sets them, staff read them, a curator cannot change them, bad addresses are refused", async () => {
    const before = await call("GET", url, "nenets.curator");
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ escalationEmail: "nenets.supervisor@example.test", recipients: {} });
    const recipients = {
      breach: { default: ["deputy@example.test"], byTopic: { ЖКХ: ["deputy.housing@example.test"] } },
      report: ["deputy.policy@example.test"],
      head: ["governor@example.test"],
    };
    expectProblem(await call("PUT", url, "nenets.curator", recipients), 403);
    expectProblem(await call("PUT", url, "nenets.admin", { breach: { default: ["not an address"] } }), 422);
    expectProblem(await call("PUT", url, "zarechny.admin", recipients), 403);
    try {
      const put = await call("PUT", url, "nenets.admin", recipients);
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ recipients });
      expect((await call("GET", url, "nenets.supervisor")).json()).toMatchObject({ recipients });
    } finally {
      expect((await call("PUT", url, "nenets.admin", {})).json()).toMatchObject({ recipients: {} });
    }
  });
});
