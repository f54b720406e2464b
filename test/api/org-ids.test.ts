// Ids are scoped per org in the API (issue 16): staff, department and feed ids are global keys, so an org's
// begin with `<org>.`; naming another org's id is 422 about the id's form, never a 409 that confirms it exists.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";
import { bearer, expectProblem, uniqueId } from "./helpers";

let stack: TestStack;
let admin: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  admin = await bearer("zarechny.admin");
});
afterAll(async () => {
  await stack?.stop();
});

const post = (what: string, payload: object) =>
  stack.app.inject({ method: "POST", url: `/v1/orgs/zarechny/${what}`, headers: admin, payload });
const feed = (id: string) => ({ kind: "push", id, source: "ids", secret: "a-shared-secret-16+" });

describe("another org's ids", () => {
  test.each([
    ["departments", { id: "omsk.housing", name: "ЖКХ" }],
    ["staff", { id: "omsk.curator", name: "Куратор", roles: ["curator"] }],
    ["feeds", feed("omsk.monitor")],
    ["staff", { id: "zarechny", name: "no name after the dot", roles: ["curator"] }],
    ["departments", { id: "zarechnyroads", name: "no dot" }],
  ])("POST %s %j is 422 (body.id), not 409", async (what, payload) => {
    const p = expectProblem(await post(what, payload), 422);
    expect(p.errors?.[0]?.path).toBe("body.id");
    expect(JSON.stringify(p)).not.toContain("exists");
  });
});

describe("own ids", () => {
  test("an own id is created once; the second time is 409", async () => {
    const dept = `zarechny.${uniqueId("ids")}`.toLowerCase();
    expect((await post("departments", { id: dept, name: "Парки" })).statusCode).toBe(201);
    expectProblem(await post("departments", { id: dept, name: "Парки" }), 409);
    const id = `zarechny.${uniqueId("feed")}`.toLowerCase();
    expect((await post("feeds", feed(id))).statusCode).toBe(201);
    expectProblem(await post("feeds", feed(id)), 409);
  });
});
