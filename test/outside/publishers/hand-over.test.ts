// The Yuzhno-Sakhalinsk hand-over on the real stack (3.2 ¶3 «направляет ответ в департамент информационной
// политики», 3.3 «или передача ответа в департамент»; docs/regulations.md "Yuzhno-Sakhalinsk hand-over"):
// a published answer and its URL go to the regional department once; `hand-over` closes a case instead of
// publishing, meeting the answer step, and posts the answer once to the callback URL of the push feed the
// message came through, signed with the feed's secret, with an Idempotency-Key.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signBody } from "../../../activities/feeds/signature";
import { cases, feeds, notifications } from "../../../db/schema";
import { caseIdOf } from "../../../workflows/message";
import type { CaseView } from "../../../workflows/view";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startTestStack, type TestStack } from "../../support/stack";

const org = "yuzhno-sakhalinsk";
const secret = "a-shared-secret-of-the-regional-feed";
let stack: TestStack;
const received: Array<{ headers: IncomingMessage["headers"]; body: string }> = [];
const callback = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
beforeAll(async () => {
  stack = await startTestStack();
  await new Promise<void>((r) => callback.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await new Promise((r) => callback.close(r));
  await stack?.stop();
});

async function start(source = "api-suite", forOrg = org): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const m = message(forOrg, uniqueId("ho"), { source, publishedAt: at, detectedAt: at });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(forOrg),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

const { act, ok } = caseActions(() => stack, { org, reader: "curator" });

async function toPublishing(caseId: string) {
  await ok(caseId, "triage", "curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: [`${org}.executor1`],
  });
  await ok(caseId, "accept", "executor1");
  await ok(caseId, "draft", "executor1", {
    kind: "final",
    text: "Здравствуйте! Вывоз мусора — по вторникам.",
  });
  return ok(caseId, "approve", "curator");
}

const sent = (key: string) =>
  stack.db.db
    .select()
    .from(notifications)
    .where(like(notifications.key, `${key}%`));

describe("Yuzhno-Sakhalinsk hand-over (3.2 ¶3, 3.3)", () => {
  test("a published answer and its URL go to the regional department, once", async () => {
    const caseId = await start();
    await toPublishing(caseId);
    await ok(caseId, "publish", "curator", { url: "https://vk.com/wall-2_1?reply=7" });
    const final = (await stack.client.workflow.getHandle(caseId).result()) as CaseView;
    expect(final.status).toBe("closed");
    const rows = await eventually(async () => {
      const r = await sent(`${caseId}:regional-department`);
      return r.length > 0 && r.every((x) => x.sentAt) && r;
    });
    expect(rows.map((r) => [r.key, r.recipient, r.channel])).toEqual([
      [`${caseId}:regional-department:v1`, "dip@example.test", "email"],
    ]);
    expect(rows[0]!.subject).toBe(`Опубликован ответ на сообщение пользователя: ${caseId}`);
  });

  test("the org admin names the department's address (recipients.regionalDepartment); the next answer goes there", async () => {
    const headers = await bearer(`${org}.admin`);
    const url = `/v1/orgs/${org}/recipients`;
    const before = (await stack.app.inject({ method: "GET", url, headers })).json().recipients;
    const put = (payload: object) => stack.app.inject({ method: "PUT", url, headers, payload });
    const set = await put({ ...before, regionalDepartment: ["dip.office@example.test"] });
    expect(set.statusCode, set.body).toBe(200);
    try {
      expectProblem(await put({ regionalDepartment: ["not an address"] }), 422);
      const caseId = await start();
      await toPublishing(caseId);
      await ok(caseId, "publish", "curator", { url: "https://vk.com/wall-2_1?reply=8" });
      const rows = await eventually(async () => {
        const r = await sent(`${caseId}:regional-department`);
        return r.length > 0 && r.every((x) => x.sentAt) && r;
      });
      expect(rows.map((r) => r.recipient)).toEqual(["dip.office@example.test"]);
    } finally {
      expect((await put(before)).statusCode).toBe(200);
    }
  });

  test("hand-over closes the case instead of publishing, meets the answer, calls the feed back once, signed", async () => {
    const feedId = `${org}.${uniqueId("regional").toLowerCase()}`;
    const source = uniqueId("regional-feed");
    const url = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/answers`;
    // The regional system's push feed, with the callback URL that takes answers back.
    const created = await stack.app.inject({
      method: "POST",
      url: `/v1/orgs/${org}/feeds`,
      headers: await bearer(`${org}.admin`),
      payload: { kind: "push", id: feedId, source, secret, callbackUrl: url },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: "push", url, hasSecret: true });
    // Moving the callback (where answers go) needs the secret again; a pull feed has none.
    const patch = (payload: object) =>
      bearer(`${org}.admin`).then((headers) =>
        stack.app.inject({ method: "PATCH", url: `/v1/orgs/${org}/feeds/${feedId}`, headers, payload }),
      );
    const moved = expectProblem(await patch({ callbackUrl: "https://elsewhere.example/answers" }), 422);
    expect(JSON.stringify(moved)).toContain("body.secret");
    expect((await patch({ callbackUrl: url, secret })).json()).toMatchObject({ url });
    const caseId = await start(source);
    // Refused before publishing, and to anyone but the publisher (the operator).
    expectProblem(await act(caseId, "hand-over", "curator", { to: "regional-department" }), 409);
    await toPublishing(caseId);
    expectProblem(await act(caseId, "hand-over", "executor1", { to: "regional-department" }), 403);
    expectProblem(await act(caseId, "hand-over", "curator", { to: "elsewhere" }), 422);
    const view = await ok(caseId, "hand-over", "curator", { to: "regional-department", note: "через ЛК" });
    expect(view.status).toBe("closed");
    expect(view.handedOver).toMatchObject({
      to: "regional-department",
      note: "через ЛК",
      by: `${org}.curator`,
    });
    expect(view.steps.answer!.metAt).toBeDefined();
    expect(view.steps.answer!.breachedAt).toBeUndefined();
    expect(view.publications).toEqual([]);
    const final = (await stack.client.workflow.getHandle(caseId).result()) as CaseView;
    // The report counts it answered: its answer time runs to the hand-over.
    expect(final.answerWorkingMinutes).toEqual(expect.any(Number));
    const [row] = await stack.db.db.select().from(cases).where(eq(cases.caseId, caseId));
    expect(row!.firstAnsweredAt).not.toBeNull();
    const rows = await eventually(async () => {
      const r = await sent(`${caseId}:regional-department:v1`);
      return r.length === 2 && r.every((x) => x.sentAt) && r;
    });
    expect(rows.map((r) => r.channel).sort()).toEqual(["callback", "email"]);
    const calls = received.filter((r) => r.body.includes(caseId));
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    const key = `${caseId}:regional-department:v1:callback`;
    expect(call.headers["idempotency-key"]).toBe(key);
    const ts = String(call.headers["x-casework-timestamp"]);
    expect(call.headers["x-casework-signature"]).toBe(signBody(secret, ts, call.body));
    expect(JSON.parse(call.body)).toMatchObject({
      key,
      caseId,
      text: expect.stringContaining("по вторникам"),
    });
    await stack.db.db.delete(feeds).where(eq(feeds.id, feedId));
  });

  test("a regulation without a hand-over refuses it", async () => {
    const caseId = await start("api-suite", "omsk");
    const res = await stack.app.inject({
      method: "POST",
      url: `/v1/cases/${caseId}/actions/hand-over`,
      headers: await bearer("omsk.curator"),
      payload: { to: "regional-department" },
    });
    expect(expectProblem(res, 422).detail).toContain("no hand-over");
  });
});
