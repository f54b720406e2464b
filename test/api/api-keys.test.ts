// API keys are integrators' credentials (issue 16): a key grants the integrator role only, whatever else its
// owner is; it may expire, records its last use, and the org admin lists and revokes keys through the API.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiKeys, staff } from "../../db/schema";
import { startTestStack, type TestStack } from "../support/stack";
import { bearer, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
let admin: Record<string, string>;
const person = `omsk.int-admin-${process.pid}`;
beforeAll(async () => {
  stack = await startTestStack();
  admin = await bearer("omsk.admin");
  // an integrator who was also made admin
  await stack.db.db
    .insert(staff)
    .values({ id: person, orgId: "omsk", name: "Интегратор", roles: ["integrator", "admin"] })
    .onConflictDoNothing();
});
afterAll(async () => {
  await stack?.stop();
});

const issue = async (payload?: object, staffId = person) =>
  stack.app.inject({
    method: "POST",
    url: `/v1/orgs/omsk/staff/${staffId}/api-keys`,
    headers: admin,
    ...(payload ? { payload } : {}),
  });
const withKey = (key: string, method: "GET" | "POST", url: string, payload?: object) =>
  stack.app.inject({ method, url, headers: { "x-api-key": key }, ...(payload ? { payload } : {}) });
const start = (key: string) => withKey(key, "POST", "/v1/messages", message("omsk", uniqueId("key")));

describe("API keys", () => {
  test("a key grants the integrator role only: its admin owner's key reaches no admin route", async () => {
    const res = await issue();
    expect(res.statusCode, res.body).toBe(201);
    const { key } = res.json();
    expect((await start(key)).statusCode).toBe(201);
    expectProblem(await withKey(key, "GET", "/v1/orgs/omsk/api-keys"), 403);
    expectProblem(await withKey(key, "GET", "/v1/orgs/omsk/staff"), 403);
    expectProblem(await withKey(key, "POST", `/v1/orgs/omsk/staff/${person}/api-keys`), 403);
    // the same person's bearer token is an admin's
    const asAdmin = await stack.app.inject({
      method: "GET",
      url: "/v1/orgs/omsk/api-keys",
      headers: await bearer(person),
    });
    expect(asAdmin.statusCode).toBe(200);
  });

  test("a key expires: refused from its expiresAt on; one already expired is not issued", async () => {
    expectProblem(await issue({ expiresAt: "2020-01-01T00:00:00Z" }), 422);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const res = await issue({ expiresAt: later });
    expect(res.statusCode, res.body).toBe(201);
    const { id, key, expiresAt } = res.json();
    expect(expiresAt).toBe(later);
    expect((await start(key)).statusCode).toBe(201);
    // the hour passes
    await stack.db.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(apiKeys.id, id));
    expectProblem(await start(key), 401);
  });

  test("the admin lists keys with their last use (never the key) and revokes one at once", async () => {
    const { id, key } = (await issue()).json();
    const listed = async () =>
      (
        (
          await stack.app.inject({ method: "GET", url: "/v1/orgs/omsk/api-keys", headers: admin })
        ).json() as Array<Record<string, unknown>>
      ).find((k) => k.id === id);
    expect(await listed()).toMatchObject({ id, staffId: person, lastUsedAt: null, revokedAt: null });
    expect((await start(key)).statusCode).toBe(201);
    const used = await listed();
    expect(Date.now() - Date.parse(String(used!.lastUsedAt))).toBeLessThan(60_000);
    const list = await stack.app.inject({ method: "GET", url: "/v1/orgs/omsk/api-keys", headers: admin });
    expect(list.body).not.toContain(key);
    expect(list.body).not.toContain("hash");

    const revoked = await stack.app.inject({
      method: "DELETE",
      url: `/v1/orgs/omsk/api-keys/${id}`,
      headers: admin,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    expectProblem(await start(key), 401);
    expect((await listed())!.revokedAt).toEqual(revoked.json().revokedAt);
  });

  test("another org's admin neither lists nor revokes them; another org's key id is 404 under one's own org", async () => {
    const { id, key } = (await issue()).json();
    const other = await bearer("zarechny.admin");
    expectProblem(
      await stack.app.inject({ method: "GET", url: "/v1/orgs/omsk/api-keys", headers: other }),
      403,
    );
    expectProblem(
      await stack.app.inject({ method: "DELETE", url: `/v1/orgs/omsk/api-keys/${id}`, headers: other }),
      403,
    );
    expectProblem(
      await stack.app.inject({ method: "DELETE", url: `/v1/orgs/zarechny/api-keys/${id}`, headers: other }),
      404,
    );
    const theirs = (
      await stack.app.inject({ method: "GET", url: "/v1/orgs/zarechny/api-keys", headers: other })
    ).json() as Array<{ id: string }>;
    expect(theirs.map((k) => k.id)).not.toContain(id);
    expect((await start(key)).statusCode).toBe(201);
  });
});
