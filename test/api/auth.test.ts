// Authentication and the problem+json of its refusals: tokens, API keys, the staff row's authority, 429.
import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { buildApp } from "../../api/app";
import { signStaffToken } from "../../api/auth/credentials";
import { config } from "../../config";
import { apiKeys, staff } from "../../db/schema";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.db.db
    .insert(staff)
    .values({ id: "omsk.retired", orgId: "omsk", name: "retired", roles: ["curator"], active: false })
    .onConflictDoNothing();
});
afterAll(async () => {
  await stack?.stop();
});

/** A staff member of omsk of its own: a rate-limit budget no other suite has spent. */
async function person(role: "curator" | "supervisor"): Promise<string> {
  const id = `omsk.${uniqueId(role)}`;
  await stack.db.db.insert(staff).values({ id, orgId: "omsk", name: id, roles: [role] });
  return id;
}

const list = (headers: Record<string, string> = {}) =>
  stack.app.inject({ method: "GET", url: "/v1/cases", headers });

describe("401 with problem+json", () => {
  test("no credentials", async () => {
    const res = await list();
    const p = expectProblem(res, 401);
    expect(res.headers["www-authenticate"]).toContain("Bearer");
    expect(p.instance).toBe("/v1/cases");
  });

  test("a token signed with another secret", async () => {
    const p = expectProblem(
      await list(await bearer("omsk.curator", { secret: "not-the-secret-0123456789abcdef" })),
      401,
    );
    expect(p.detail).toMatch(/signature/i);
  });

  test("an expired token", async () => {
    const token = await signStaffToken(
      { sub: "omsk.curator", org: "omsk", roles: ["curator"] },
      config.api.jwtSecret,
      {
        expiresAt: new Date(Date.now() - 60_000),
      },
    );
    const p = expectProblem(await list({ authorization: `Bearer ${token}` }), 401);
    expect(p.detail).toMatch(/exp/i);
  });

  test("a token of an unknown or inactive staff member, or claiming another org", async () => {
    expectProblem(await list(await bearer("omsk.nobody")), 401);
    expectProblem(await list(await bearer("omsk.retired")), 401);
    expectProblem(await list(await bearer("omsk.curator", { org: "zarechny" })), 401);
  });

  test("garbage in the header and an unknown API key", async () => {
    expectProblem(await list({ authorization: "Bearer not.a.jwt" }), 401);
    expectProblem(await list({ authorization: "Basic b21zazpvbXNr" }), 401);
    expectProblem(await list({ "x-api-key": "dev-omsk-integrator-kez" }), 401);
  });
});

describe("the staff row decides", () => {
  test("roles from the database win over the token's", async () => {
    // omsk.executor1 claims admin; the staff table says executor, so admin routes refuse.
    const res = await stack.app.inject({
      method: "GET",
      url: "/v1/orgs/omsk/staff",
      headers: await bearer("omsk.executor1", { roles: ["admin"] }),
    });
    expectProblem(res, 403);
    const ok = await stack.app.inject({
      method: "GET",
      url: "/v1/orgs/omsk/staff",
      headers: await bearer("omsk.admin"),
    });
    expect(ok.statusCode).toBe(200);
  });

  test("an integrator's API key starts cases and reads none", async () => {
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: apiKey("omsk"),
      payload: message("omsk", uniqueId("auth")),
    });
    expect(res.statusCode).toBe(201);
    expectProblem(await list(apiKey("omsk")), 403);
  });

  test("staff with a bearer token cannot start cases unless they are integrators", async () => {
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: await bearer("omsk.curator"),
      payload: message("omsk", uniqueId("auth")),
    });
    expectProblem(res, 403);
  });

  test("a revoked API key is refused; an admin-issued key works", async () => {
    const issued = await stack.app.inject({
      method: "POST",
      url: "/v1/orgs/omsk/staff/omsk.integrator/api-keys",
      headers: await bearer("omsk.admin"),
    });
    expect(issued.statusCode).toBe(201);
    const { id, key } = issued.json() as { id: string; key: string };
    const stored = await stack.db.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.hash).not.toContain(key);
    const post = () =>
      stack.app.inject({
        method: "POST",
        url: "/v1/messages",
        headers: { "x-api-key": key },
        payload: message("omsk", uniqueId("auth")),
      });
    expect((await post()).statusCode).toBe(201);
    await stack.db.db.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(eq(apiKeys.id, id));
    expectProblem(await post(), 401);
  });
});

test("429 per credential once its budget is spent, problem+json with retry-after; others unaffected", async () => {
  const limited = await buildApp({ ...stack.deps, settings: { rateLimitPerMinute: 3 } });
  try {
    // A principal of its own (the counters are shared through PostgreSQL with every other app of the run).
    const curator = await bearer(await person("curator"));
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await limited.inject({ method: "GET", url: "/v1/cases", headers: curator })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await limited.inject({ method: "GET", url: "/v1/cases", headers: curator });
    const p = expectProblem(res, 429);
    expect(p.detail).toMatch(/3 requests/);
    expect(res.headers["retry-after"]).toBeDefined();
    const other = await limited.inject({
      method: "GET",
      url: "/v1/cases",
      headers: await bearer(await person("supervisor")),
    });
    expect(other.statusCode).toBe(200);
    expect((await limited.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
  } finally {
    await limited.close();
  }
});

test("every API instance counts against the same budget (the counters are in PostgreSQL)", async () => {
  const a = await buildApp({ ...stack.deps, settings: { rateLimitPerMinute: 3 } });
  const b = await buildApp({ ...stack.deps, settings: { rateLimitPerMinute: 3 } });
  try {
    const curator = await bearer(await person("curator"));
    const get = (app: typeof a) => app.inject({ method: "GET", url: "/v1/cases", headers: curator });
    const codes = [await get(a), await get(b), await get(a), await get(b)].map((r) => r.statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await get(a);
    expectProblem(res, 429);
    // The window's rest, from PostgreSQL's clock: at most the minute.
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(60);
  } finally {
    await a.close();
    await b.close();
  }
});

test("`cli/main.ts token <staffId>` prints a bearer token the API accepts, with the staff row's claims", async () => {
  const out = execFileSync("npx", ["tsx", "cli/main.ts", "token", "omsk.executor1"], {
    env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    encoding: "utf8",
  }).trim();
  const claims = JSON.parse(Buffer.from(out.split(".")[1]!, "base64url").toString());
  expect(claims).toMatchObject({
    sub: "omsk.executor1",
    org: "omsk",
    roles: ["executor"],
    department: "omsk.housing",
  });
  const res = await list({ authorization: `Bearer ${out}` });
  expect(res.statusCode).toBe(200);
});
