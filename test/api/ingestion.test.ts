// POST /v1/messages and /v1/messages/batch: new, resend, malformed, another org's message.
import { afterAll, beforeAll, expect, test } from "vitest";
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

const post = (payload: unknown, org = "omsk") =>
  stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey(org), payload: payload as object });
const batch = (items: unknown[], org = "omsk") =>
  stack.app.inject({ method: "POST", url: "/v1/messages/batch", headers: apiKey(org), payload: { items } });
const exists = (caseId: string) =>
  stack.client.workflow
    .getHandle(caseId)
    .describe()
    .then(
      () => true,
      () => false,
    );

test("a new message is 201 with the case and the deadlines fixed at start; a resend is 200 with the same body", async () => {
  const m = message("omsk", uniqueId("new"));
  const first = await post(m);
  expect(first.statusCode).toBe(201);
  const body = first.json();
  expect(body).toMatchObject({ caseId: caseIdOf(m), workflowId: caseIdOf(m), status: "triage" });
  // Omsk fixes the route and the answer at the start (docs/regulations.md); instants carry the org's offset.
  expect(body.deadlines).toMatchObject({
    route: expect.stringMatching(/\+06:00$/),
    answer: expect.stringMatching(/\+06:00$/),
  });
  // The same planner, anchors and overrides as the clocks the workflow armed.
  const live = await stack.app.inject({
    method: "GET",
    url: `/v1/cases/${body.caseId}`,
    headers: await bearer("omsk.curator"),
  });
  for (const [step, dueAt] of Object.entries(body.deadlines))
    expect(live.json().steps[step]?.dueAt, step).toBe(dueAt);
  const again = await post(m);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toEqual(body);
});

test("a message of another org is 403 and starts nothing", async () => {
  const m = message("zarechny", uniqueId("foreign"));
  expectProblem(await post(m, "omsk"), 403);
  expect(await exists(caseIdOf(m))).toBe(false);
});

test("a malformed message is 422 with field errors and starts nothing", async () => {
  const m = message("omsk", uniqueId("bad"), { url: "not a url", text: "" });
  const p = expectProblem(await post(m), 422);
  expect(p.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["body.url", "body.text"]));
  expect(await exists(caseIdOf(m))).toBe(false);
});

test("a batch answers each item: 201 new, 200 resend, 422 malformed, 403 foreign; malformed items start nothing", async () => {
  const known = message("omsk", uniqueId("b-known"));
  expect((await post(known)).statusCode).toBe(201);
  const fresh = message("omsk", uniqueId("b-new"));
  const malformed = message("omsk", uniqueId("b-bad"), { network: "myspace" });
  const foreign = message("nenets", uniqueId("b-foreign"));
  const res = await batch([fresh, known, malformed, foreign, { hello: "world" }]);
  expect(res.statusCode).toBe(200);
  const results = res.json().results as Array<{
    index: number;
    code: number;
    result?: { caseId: string };
    problem?: { errors?: Array<{ path: string }> };
  }>;
  expect(results.map((r) => [r.index, r.code])).toEqual([
    [0, 201],
    [1, 200],
    [2, 422],
    [3, 403],
    [4, 422],
  ]);
  expect(results[0]?.result?.caseId).toBe(caseIdOf(fresh));
  expect(results[1]?.result?.caseId).toBe(caseIdOf(known));
  expect(results[2]?.problem?.errors?.map((e) => e.path)).toEqual(["items.2.network"]);
  expect(await exists(caseIdOf(fresh))).toBe(true);
  expect(await exists(caseIdOf(malformed))).toBe(false);
  expect(await exists(caseIdOf(foreign))).toBe(false);
});

test("a batch over 500 items or without items is refused whole", async () => {
  const many = Array.from({ length: 501 }, (_, i) => message("omsk", `too-many-${i}`));
  const p = expectProblem(await batch(many), 422);
  expect(p.errors?.[0]?.path).toBe("body.items");
  expect(await exists(caseIdOf(many[0]!))).toBe(false);
  expectProblem(await batch([]), 422);
});

test("a resend lists only the deadlines still open: none for a case already finished", async () => {
  const now = new Date().toISOString();
  const m = message("omsk", uniqueId("resend-closed"), { publishedAt: now, detectedAt: now });
  const first = await post(m);
  expect(Object.keys(first.json().deadlines)).toEqual(expect.arrayContaining(["route", "answer"]));
  // The curator rejects it (Omsk: obscene): every step met or cancelled.
  const reject = await stack.app.inject({
    method: "POST",
    url: `/v1/cases/${first.json().caseId}/actions/reject`,
    headers: { ...(await bearer("omsk.curator")), "content-type": "application/json" },
    payload: { ground: "obscene" },
  });
  expect(reject.statusCode, reject.body).toBe(200);
  const again = await post(m);
  expect(again.statusCode).toBe(200);
  expect(again.json().status).toBe("rejected");
  expect(again.json().deadlines).toEqual({});
});
