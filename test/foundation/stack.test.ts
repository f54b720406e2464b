import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { demoKey } from "../../db/seed";
import { toolPath } from "../../scripts/stack";
import { startTestStack, type TestStack } from "../support/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const integrator = { "x-api-key": demoKey("omsk") };

const message = (externalId: string) => ({
  org: "omsk",
  source: "incident-monitor",
  externalId,
  network: "vk",
  channel: "comment",
  url: `https://vk.com/wall-1_${externalId}`,
  author: { name: "Иван" },
  text: "Когда починят дорогу на ул. Ленина?",
  publishedAt: "2026-03-02T09:00:00+06:00",
  detectedAt: "2026-03-02T09:10:00+06:00",
});

test("/health answers 200 when Temporal and PostgreSQL answer", async () => {
  const res = await stack.app.inject({ method: "GET", url: "/health" });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: "ok", temporal: "up", postgres: "up" });
});

test("a message starts one case; a resend returns the same case", async () => {
  const first = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: integrator,
    payload: message("m-1"),
  });
  expect(first.statusCode).toBe(201);
  expect(first.json()).toMatchObject({ caseId: "case-omsk~incident-monitor~m-1", status: "triage" });
  const again = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: integrator,
    payload: message("m-1"),
  });
  expect(again.statusCode).toBe(200);
  expect(again.json().caseId).toBe(first.json().caseId);
});

test("the case is found by its search attributes with `temporal workflow list`", async () => {
  await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: integrator,
    payload: message("m-2"),
  });
  const list = () =>
    execFileSync(
      toolPath("temporal"),
      [
        "workflow",
        "list",
        "--address",
        inject("temporalAddress"),
        "--query",
        "CaseOrg='omsk' AND CaseNetwork='vk'",
        "-o",
        "json",
      ],
      { encoding: "utf8" },
    );
  // Visibility is eventually consistent: poll briefly.
  let ids: string[] = [];
  for (let i = 0; i < 50 && !ids.includes("case-omsk~incident-monitor~m-2"); i++) {
    ids = (JSON.parse(list() || "[]") as Array<{ execution: { workflowId: string } }>).map(
      (w) => w.execution.workflowId,
    );
    if (!ids.includes("case-omsk~incident-monitor~m-2")) await new Promise((r) => setTimeout(r, 200));
  }
  expect(ids).toContain("case-omsk~incident-monitor~m-2");
});

test("a malformed message is refused with problem+json and starts nothing", async () => {
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: integrator,
    payload: { ...message("m-3"), detectedAt: "yesterday", network: "myspace" },
  });
  expect(res.statusCode).toBe(422);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  const paths = res.json().errors.map((e: { path: string }) => e.path);
  expect(paths).toEqual(expect.arrayContaining(["body.detectedAt", "body.network"]));
  await expect(
    stack.client.workflow.getHandle("case-omsk~incident-monitor~m-3").describe(),
  ).rejects.toThrow();
});
