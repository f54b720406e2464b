// PostgreSQL stops under a running API: /health says so (503, postgres down), requests are 503
// problem+json, and once it is back everything answers again and no case is lost. The suite runs its own
// embedded PostgreSQL so that stopping it disturbs no other suite.
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildApp } from "../../api/app";
import { apiConnectionOptions } from "../../api/temporal";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { dataDir, freePort, type Postgres, startEmbeddedPostgres } from "../../scripts/stack";
import { caseIdOf } from "../../workflows/message";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "./helpers";

let pg: Postgres;
let stack: TestStack;
beforeAll(async () => {
  pg = await startEmbeddedPostgres({
    dir: path.join(dataDir, "pg-api-health"),
    port: await freePort(),
    database: "postgres",
  });
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists casework_health with (force)");
  await admin.unsafe("create database casework_health");
  await admin.end();
  const url = pg.url.replace(/\/postgres$/, "/casework_health");
  await migrateDb(url);
  const seed = createDb(url, { max: 1 });
  await seedDemo(seed.db);
  await seed.close();
  stack = await startTestStack(undefined, url);
});
afterAll(async () => {
  await stack?.stop();
  await pg?.stop();
});

const health = () => stack.app.inject({ method: "GET", url: "/health" });

test("/health is 503 naming PostgreSQL while it is down, 200 when it is back, and no case is lost", async () => {
  const m = message("omsk", uniqueId("outage"));
  const caseId = caseIdOf(m);
  const post = () =>
    stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey("omsk"), payload: m });
  expect((await post()).statusCode).toBe(201);
  expect((await health()).json()).toEqual({ status: "ok", temporal: "up", postgres: "up" });
  const curator = await bearer("omsk.curator");
  const listed = (status: string) =>
    eventually(async () => {
      const res = await stack.app.inject({
        method: "GET",
        url: `/v1/cases?q=${m.externalId}`,
        headers: curator,
      });
      return res.json().items?.find((c: { status: string }) => c.status === status);
    }, 20_000);
  await listed("triage"); // projected: no write of ours is in flight when the server goes

  await pg.stop();
  const down = await health();
  expect(down.statusCode).toBe(503);
  expect(down.json()).toEqual({ status: "degraded", temporal: "up", postgres: "down" });
  expectProblem(await post(), 503);
  expectProblem(await stack.app.inject({ method: "GET", url: "/v1/cases", headers: curator }), 503);

  await pg.start();
  await eventually(async () => (await health()).statusCode === 200, 20_000);
  expect((await post()).statusCode).toBe(200);
  const live = await stack.app.inject({ method: "GET", url: `/v1/cases/${caseId}`, headers: curator });
  expect(live.json()).toMatchObject({ caseId, status: "triage" });
  // The case goes on: an action after the outage reaches the workflow and the read model.
  const triage = { topic: "ЖКХ", importance: "normal", executors: ["omsk.executor1"] };
  const acted = await stack.app.inject({
    method: "POST",
    url: `/v1/cases/${caseId}/actions/triage`,
    headers: curator,
    payload: triage,
  });
  expect(acted.statusCode, acted.body).toBe(200);
  expect(await listed("assigned")).toMatchObject({ caseId });
});

test("Temporal unreachable: /health names it, ingestion and actions are 503 problem+json, lists still answer", async () => {
  const connection = Connection.lazy(apiConnectionOptions(`127.0.0.1:${await freePort()}`));
  const app = await buildApp({
    ...stack.deps,
    temporal: new Client({ connection }),
    temporalUp: async () => {
      await connection.withDeadline(Date.now() + 1000, () => connection.workflowService.getSystemInfo({}));
    },
  });
  try {
    const h = await app.inject({ method: "GET", url: "/health" });
    expect(h.statusCode).toBe(503);
    expect(h.json()).toEqual({ status: "degraded", temporal: "down", postgres: "up" });
    const m = message("omsk", uniqueId("no-temporal"));
    expectProblem(
      await app.inject({ method: "POST", url: "/v1/messages", headers: apiKey("omsk"), payload: m }),
      503,
    );
    const curator = await bearer("omsk.curator");
    const action = await app.inject({
      method: "POST",
      url: `/v1/cases/${caseIdOf(m)}/actions/accept`,
      headers: curator,
      payload: {},
    });
    expectProblem(action, 503);
    expect((await app.inject({ method: "GET", url: "/v1/cases", headers: curator })).statusCode).toBe(200);
  } finally {
    await app.close();
  }
});
