// Publishing end to end on the real stack: an org whose VK account (set through the admin API) points at
// the VK stand-in. The approved answer goes out through the worker's publisher and closes the case; a
// merged post gets its copy through the same API; a permission error hands the answer to the curator, who
// posts by hand; a rate limit is waited out and the comment is posted once; a manual `publish` is refused
// while the API post is in flight; the account is looked up when the answer goes out.
import { createHash } from "node:crypto";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiKeys, departments, notifications, orgs, staff } from "../../../db/schema";
import { caseIdOf } from "../../../workflows/message";
import type { CaseView } from "../../../workflows/view";
import { bearer, eventually, expectProblem, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startVk } from "../../support/networks/vk";
import { startTestStack, type TestStack } from "../../support/stack";
import { uid } from "./support";

const token = "vk1.a.flow-community-token";
const org = `pubflow-${uid()}`;
const key = `dev-${org}-integrator-key`;
let stack: TestStack;
let vk: Awaited<ReturnType<typeof startVk>>;

beforeAll(async () => {
  stack = await startTestStack();
  vk = await startVk({ accessToken: token });
  const db = stack.db.db;
  await db.insert(orgs).values({ id: org, name: org, regulation: "omsk", zone: "Asia/Omsk" });
  await db.insert(departments).values({ id: `${org}.housing`, orgId: org, name: "ЖКХ" });
  await db.insert(staff).values([
    { id: `${org}.integrator`, orgId: org, name: "Мониторинг", roles: ["integrator"] },
    {
      id: `${org}.curator`,
      orgId: org,
      name: "Куратор",
      roles: ["curator"],
      email: `${org}.curator@example.test`,
    },
    {
      id: `${org}.executor`,
      orgId: org,
      name: "Исполнитель",
      roles: ["executor"],
      departmentId: `${org}.housing`,
    },
    { id: `${org}.admin`, orgId: org, name: "Админ", roles: ["admin"] },
  ]);
  await db.insert(apiKeys).values({
    id: `${org}.integrator.key`,
    staffId: `${org}.integrator`,
    hash: createHash("sha256").update(key).digest("hex"),
  });
  await setAccount(true, 201);
});

/** The admin switches the org's VK account on or off (the token stays stored). */
async function setAccount(active: boolean, status = 200) {
  const res = await stack.app.inject({
    method: "PUT",
    url: `/v1/orgs/${org}/networks/vk`,
    headers: await bearer(`${org}.admin`),
    payload: { credentials: { accessToken: token }, settings: { groupId: 1 }, baseUrl: vk.url, active },
  });
  expect(res.statusCode, res.body).toBe(status);
}
afterAll(async () => {
  await vk?.stop();
  await stack?.stop();
});

let post = 500;
/** A comment under a post of community -1, as the monitoring system reports it. */
async function start(extra: Record<string, unknown> = {}) {
  const at = new Date(Date.now() - 60_000).toISOString();
  post += 1;
  const m = message(org, uniqueId("flow"), {
    url: `https://vk.com/wall-1_${post}?reply=${post * 10}`,
    publishedAt: at,
    detectedAt: at,
    ...extra,
  });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: { "x-api-key": key },
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { caseId: caseIdOf(m), post, comment: post * 10 };
}

const { act, ok, read } = caseActions(() => stack, { org, reader: "curator" });
async function toReview(caseId: string, text: string) {
  await ok(caseId, "triage", "curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: [`${org}.executor`],
  });
  await ok(caseId, "accept", "executor");
  await ok(caseId, "draft", "executor", { kind: "final", text });
}
const commentsOn = (p: number) => vk.comments.filter((c) => c.owner_id === -1 && c.post_id === p);
const timeline = async (caseId: string) => {
  const res = await stack.app.inject({
    method: "GET",
    url: `/v1/cases/${caseId}/timeline`,
    headers: await bearer(`${org}.curator`),
  });
  return res.json().events as Array<{ type: string; actor?: string; payload?: Record<string, unknown> }>;
};

describe("answers posted through the network's API", () => {
  test("approve posts the reply to the comment once; the case closes with its URL; the merged post gets a copy", async () => {
    const main = await start();
    const dup = await start({ text: "Тоже жду ответа про дорогу" });
    await ok(dup.caseId, "merge", "curator", { into: main.caseId });
    await eventually(async () => (await read(main.caseId)).merged?.length === 1);
    const text = "Здравствуйте! Дорогу на ул. Ленина отремонтируют до 1 июня.";
    await toReview(main.caseId, text);
    await ok(main.caseId, "approve", "curator");

    const final = (await stack.client.workflow.getHandle(main.caseId).result()) as CaseView;
    expect(final.status).toBe("closed");
    // One comment on each post, the reply to the citizen's comment, from the community.
    const [reply] = commentsOn(main.post);
    expect(commentsOn(main.post)).toHaveLength(1);
    expect(reply).toMatchObject({ reply_to_comment: main.comment, from_id: -1 });
    expect(reply!.text).toContain(text);
    expect(final.publications).toEqual([
      expect.objectContaining({
        draftVersion: 1,
        url: `https://vk.com/wall-1_${main.post}?reply=${reply!.id}&thread=${main.comment}`,
      }),
    ]);
    expect(final.delivery).toMatchObject({ draftVersion: 1, network: "vk", state: "published" });
    const [copy] = commentsOn(dup.post);
    expect(commentsOn(dup.post)).toHaveLength(1);
    expect(copy).toMatchObject({ reply_to_comment: dup.comment });
    expect(copy!.text).toContain(text);
    expect(final.merged![0]!.replies).toEqual([
      expect.objectContaining({
        draftVersion: 1,
        state: "published",
        url: expect.stringContaining(`reply=${copy!.id}`),
      }),
    ]);
    const events = await timeline(main.caseId);
    expect(events.find((e) => e.type === "publish")).toMatchObject({ actor: "system:vk" });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["merged_in", "reply_copied", "closed"]),
    );
    // The read model has it too: the closed case, its answer time in working minutes.
    const row = await eventually(async () => {
      const v = await read(main.caseId);
      return v.status === "closed" && v;
    });
    expect(row.answerWorkingMinutes).toEqual(expect.any(Number));
  });

  test("a permission error hands the answer to the curator, whose manual publish closes the case", async () => {
    const c = await start();
    await toReview(c.caseId, "Ответ, который VK не примет.");
    vk.faults.push({ error_code: 15, error_msg: "Access denied: no access to call this method" });
    await ok(c.caseId, "approve", "curator");
    const handed = await eventually(async () => {
      const v = await read(c.caseId);
      return v.delivery?.state === "manual" && v;
    });
    expect(handed.status).toBe("publishing");
    expect(handed.delivery!.reason).toContain("publish_forbidden");
    expect(handed.delivery!.reason).toContain("error 15");
    expect(commentsOn(c.post)).toHaveLength(0);
    const sent = await eventually(async () => {
      const rows = await stack.db.db
        .select()
        .from(notifications)
        .where(like(notifications.key, `${c.caseId}:publish-by-hand:v1%`));
      return rows.length > 0 && rows;
    });
    expect(sent[0]!.recipient).toBe(`${org}.curator@example.test`);
    expect(sent[0]!.subject).toBe(`Опубликуйте ответ вручную: ${c.caseId}`);
    await eventually(async () => (await timeline(c.caseId)).some((e) => e.type === "publish_failed"));
    const url = `https://vk.com/wall-1_${c.post}?reply=99999`;
    await ok(c.caseId, "publish", "curator", { url });
    const final = (await stack.client.workflow.getHandle(c.caseId).result()) as CaseView;
    expect(final.status).toBe("closed");
    expect(final.publications.map((p) => p.url)).toEqual([url]);
  });

  test("flood control is waited out and the reply posted once", async () => {
    const c = await start();
    await toReview(c.caseId, "Ответ после паузы.");
    const before = vk.calls("wall.createComment").length;
    vk.faults.push({ error_code: 6, error_msg: "Too many requests per second" });
    await ok(c.caseId, "approve", "curator");
    const final = (await stack.client.workflow.getHandle(c.caseId).result()) as CaseView;
    expect(final.status).toBe("closed");
    expect(vk.calls("wall.createComment").length - before).toBe(2);
    expect(commentsOn(c.post)).toHaveLength(1);
    expect(final.delivery).toMatchObject({ state: "published" });
    expect(final.publications).toHaveLength(1);
  });

  test("a manual publish is refused while the API post is in flight", async () => {
    const c = await start();
    await toReview(c.caseId, "Ответ, который идёт медленно.");
    vk.latency.ms = 3000;
    try {
      await ok(c.caseId, "approve", "curator");
      await eventually(async () => (await read(c.caseId)).delivery?.state === "posting");
      const refused = expectProblem(
        await act(c.caseId, "publish", "curator", { url: "https://vk.com/x" }),
        409,
      );
      expect(refused.detail).toContain("being posted through the vk API");
      const final = (await stack.client.workflow.getHandle(c.caseId).result()) as CaseView;
      expect(final.status).toBe("closed");
      expect(commentsOn(c.post)).toHaveLength(1);
      expect(final.publications).toHaveLength(1);
    } finally {
      vk.latency.ms = 0;
    }
  });

  test("what counts is the account when the answer goes out, not when the case started", async () => {
    const started = await start();
    await toReview(started.caseId, "Ответ без аккаунта.");
    await setAccount(false);
    const laterOn = await start();
    try {
      // Switched off after the case started: handed to the curator, nothing posted.
      await ok(started.caseId, "approve", "curator");
      const handed = await eventually(async () => {
        const v = await read(started.caseId);
        return v.delivery?.state === "manual" && v;
      });
      expect(handed.delivery).toMatchObject({
        draftVersion: 1,
        network: "vk",
        reason: "no active vk account",
      });
      expect(commentsOn(started.post)).toHaveLength(0);
      const url = `https://vk.com/wall-1_${started.post}?reply=7`;
      const closed = await ok(started.caseId, "publish", "curator", { url });
      expect(closed.status).toBe("closed");
    } finally {
      await setAccount(true);
    }
    // Started while it was off, answered after it was switched on: posted through the API.
    await toReview(laterOn.caseId, "Ответ через API.");
    await ok(laterOn.caseId, "approve", "curator");
    const final = (await stack.client.workflow.getHandle(laterOn.caseId).result()) as CaseView;
    expect(final.status).toBe("closed");
    expect(final.delivery).toMatchObject({ state: "published" });
    expect(commentsOn(laterOn.post)).toHaveLength(1);
  });
});
