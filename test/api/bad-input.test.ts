// Bad input never 500s, hangs or vanishes (issue 11): NUL and lone surrogates are refused with 422 naming
// the field wherever a string reaches PostgreSQL or Temporal (bodies, path parameters, queries, batch and
// webhook items); bad months are 422 at once; a method a path lacks is 405; a malformed request line or body
// is problem+json; a Temporal that does not answer gives 504 with what to do (api/plugins/contract.ts,
// api/temporal.ts).
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signedHeaders } from "../../activities/feeds";
import { buildApp } from "../../api/app";
import { caseIdOf } from "../../workflows/message";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, expectProblem, message, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const exists = (caseId: string) =>
  stack.client.workflow
    .getHandle(caseId)
    .describe()
    .then(
      () => true,
      () => false,
    );

/** The request, answered within `ms`. */
async function quick<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const out = await fn();
  expect(Date.now() - t0).toBeLessThan(ms);
  return out;
}

describe("NUL and lone surrogates", () => {
  test("a NUL in a message's text is 422 naming body.text within a second, and starts nothing", async () => {
    const m = message("omsk", uniqueId("nul"), { text: "Яма\u0000 во дворе" });
    const res = await quick(1000, () =>
      stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey("omsk"), payload: m }),
    );
    const p = expectProblem(res, 422);
    expect(p.errors).toEqual([{ path: "body.text", message: "contains a NUL character (U+0000)" }]);
    expect(await exists(caseIdOf(m))).toBe(false);
  });

  test("a lone surrogate in the author's name is 422 naming body.author.name", async () => {
    const m = message("omsk", uniqueId("sur"), { author: { name: "Ива\ud800н" } });
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: { ...apiKey("omsk"), "content-type": "application/json" },
      // JSON.stringify writes the lone surrogate as the escape \ud800, as a scraper's JSON would.
      payload: JSON.stringify(m),
    });
    expect(expectProblem(res, 422).errors?.[0]?.path).toBe("body.author.name");
    expect(await exists(caseIdOf(m))).toBe(false);
  });

  test("a NUL in an executor id at triage is 422 naming body.executors.0 (was 500)", async () => {
    const m = message("omsk", uniqueId("triage-nul"));
    const start = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: apiKey("omsk"),
      payload: m,
    });
    expect(start.statusCode).toBe(201);
    const res = await quick(1000, async () =>
      stack.app.inject({
        method: "POST",
        url: `/v1/cases/${caseIdOf(m)}/actions/triage`,
        headers: await bearer("omsk.curator"),
        payload: { topic: "Дороги", importance: "normal", executors: ["omsk.exec\u0000utor1"] },
      }),
    );
    expect(expectProblem(res, 422).errors?.[0]?.path).toBe("body.executors.0");
  });

  test("in a query string and a path parameter: 422 naming query.q and params.caseId", async () => {
    const headers = await bearer("omsk.curator");
    const q = await stack.app.inject({ method: "GET", url: "/v1/cases?q=%D1%8F%00", headers });
    expect(expectProblem(q, 422).errors?.[0]?.path).toBe("query.q");
    const param = await stack.app.inject({ method: "GET", url: "/v1/cases/case-omsk-a-%00", headers });
    expect(expectProblem(param, 422).errors?.[0]?.path).toBe("params.caseId");
    const surrogate = await stack.app.inject({ method: "GET", url: "/v1/cases?topic=%ED%A0%80", headers });
    // %ED%A0%80 is a surrogate encoded as UTF-8, which is not UTF-8: decoded as U+FFFD, a clean string.
    expect(surrogate.statusCode).toBe(200);
  });

  test("a batch answers the item with a NUL 422 and still starts the others", async () => {
    const good = message("omsk", uniqueId("batch-good"));
    const bad = message("omsk", uniqueId("batch-nul"), { text: "Яма\u0000 во дворе" });
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages/batch",
      headers: apiKey("omsk"),
      payload: { items: [good, bad] },
    });
    expect(res.statusCode).toBe(200);
    const [first, second] = res.json().results;
    expect(first).toMatchObject({ index: 0, code: 201 });
    expect(second).toMatchObject({ index: 1, code: 422 });
    expect(second.problem.errors).toEqual([
      { path: "items.1.text", message: "contains a NUL character (U+0000)" },
    ]);
    expect(await exists(caseIdOf(bad))).toBe(false);
  });

  test("a push feed's item with a NUL is recorded as rejected with the reason; the others start cases", async () => {
    const admin = await bearer("omsk.admin", { roles: ["admin"] });
    const id = uniqueId("omsk.nul").toLowerCase();
    const secret = "s3cret-for-the-monitoring-system";
    const created = await stack.app.inject({
      method: "POST",
      url: "/v1/orgs/omsk/feeds",
      headers: admin,
      payload: {
        kind: "push",
        id,
        source: `nul-${id.replace(/[^a-z0-9]/g, "").slice(-20)}`,
        secret,
        mapping: { fields: { channel: { const: "comment" }, network: { const: "vk" } } },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = (externalId: string, text: string) => ({
      externalId,
      url: `https://vk.com/wall-1_${externalId}`,
      text,
      publishedAt: "2026-03-02T09:00:00+06:00",
    });
    const raw = JSON.stringify({
      items: [item("ok-1", "Яма во дворе"), item("nul-1", "Яма\u0000 во дворе")],
    });
    const res = await stack.app.inject({
      method: "POST",
      url: `/v1/feeds/${id}/webhook`,
      headers: { "content-type": "application/json", ...signedHeaders(secret, raw) },
      payload: raw,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.json().items[1]).toMatchObject({
      status: "rejected",
      externalId: "nul-1",
      reason: "text: contains a NUL character (U+0000)",
    });
    const log = await stack.app.inject({
      method: "GET",
      url: `/v1/feeds/${id}/items?status=rejected`,
      headers: admin,
    });
    expect(log.json().items).toMatchObject([{ externalId: "nul-1", reason: expect.stringContaining("NUL") }]);
  });
});

describe("months, methods and malformed requests", () => {
  test("POST /v1/reports/monthly with month 0000-01 is 422 within a second (it hung)", async () => {
    const res = await quick(1000, async () =>
      stack.app.inject({
        method: "POST",
        url: "/v1/reports/monthly",
        headers: await bearer("omsk.admin", { roles: ["admin"] }),
        payload: { month: "0000-01" },
      }),
    );
    expect(expectProblem(res, 422).errors?.[0]?.path).toBe("body.month");
  });

  test("a method the path does not declare is 405 with Allow, also with a body and no content type", async () => {
    // light-my-request 6.6 (the last on Node 20, package.json overrides) types fewer methods than it sends.
    const trace = await stack.app.inject({ method: "TRACE" as "GET", url: "/health" });
    expectProblem(trace, 405);
    expect(trace.headers.allow).toMatch(/\bGET\b/);
    const query = await stack.app.inject({
      method: "QUERY" as "GET",
      url: "/v1/cases/case-x/timeline",
      payload: "x",
    });
    expectProblem(query, 405);
    const del = await stack.app.inject({ method: "DELETE", url: "/v1/messages" });
    expect(expectProblem(del, 405).detail).toContain("POST");
    expectProblem(await stack.app.inject({ method: "GET", url: "/v1/nothing-here" }), 404);
  });

  test("a body that is not JSON is 400 problem+json", async () => {
    const res = await stack.app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: { ...apiKey("omsk"), "content-type": "application/json" },
      payload: "\u0000",
    });
    expectProblem(res, 400);
  });

  test("raw Cyrillic typed into the request line is problem+json, not Fastify's default body", async () => {
    const app = await buildApp(stack.deps);
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { port } = new URL(address);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write(
            Buffer.concat([
              Buffer.from("GET /v1/orgs/omsk/routing/suggest?topic="),
              Buffer.from("Дороги", "utf8"),
              Buffer.from(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
            ]),
          );
        });
        let data = "";
        socket.on("data", (d) => (data += d));
        socket.on("end", () => resolve(data));
        socket.on("error", reject);
      });
      const [head = "", body = ""] = answer.split("\r\n\r\n");
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body)).toMatchObject({ type: expect.stringContaining("casework.dev/problems/") });
    } finally {
      await app.close();
    }
  });
});

describe("a Temporal that does not answer", () => {
  test("an action on a case no worker runs is 504 saying what to do, within the configured wait", async () => {
    // The case's task queue has no worker: its query and Update are never answered.
    const app = await buildApp({
      ...stack.deps,
      taskQueue: `nobody-${process.pid}-${Date.now()}`,
      settings: { temporalTimeoutMs: 1000 },
    });
    try {
      const m = message("omsk", uniqueId("unanswered"));
      const start = await app.inject({
        method: "POST",
        url: "/v1/messages",
        headers: apiKey("omsk"),
        payload: m,
      });
      expect(start.statusCode).toBe(201);
      const res = await quick(5000, async () =>
        app.inject({
          method: "POST",
          url: `/v1/cases/${caseIdOf(m)}/actions/triage`,
          headers: await bearer("omsk.curator"),
          payload: { topic: "Дороги", importance: "normal", executors: ["omsk.executor2"] },
        }),
      );
      const p = expectProblem(res, 504);
      expect(p.detail).toMatch(/within 1 s.*read the case/);
      await stack.client.workflow.getHandle(caseIdOf(m)).terminate("test done");
    } finally {
      await app.close();
    }
  });

  test("a report run no worker picks up is 504 saying the run goes on", async () => {
    const app = await buildApp({
      ...stack.deps,
      taskQueue: `nobody-${process.pid}-${Date.now()}`,
      settings: { temporalTimeoutMs: 1000 },
    });
    try {
      const month = `29${String(process.pid % 100).padStart(2, "0")}-0${(Date.now() % 9) + 1}`;
      const res = await quick(5000, async () =>
        app.inject({
          method: "POST",
          url: "/v1/reports/monthly",
          headers: await bearer("omsk.admin", { roles: ["admin"] }),
          payload: { month },
        }),
      );
      expect(expectProblem(res, 504).detail).toMatch(/report run goes on/);
      await stack.client.workflow.getHandle(`monthly-report-omsk-${month}`).terminate("test done");
    } finally {
      await app.close();
    }
  });
});
