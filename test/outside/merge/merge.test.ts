// Incident grouping on the real stack: the duplicate finder, `merge` refused with a reason where it cannot
// apply, and the merged post getting the main case's answer (fan-out) — here with no network account, so
// the copy is handed to the publisher role by hand (the API publishers are in test/outside/publishers/publishing.test.ts).
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { caseSteps, notifications } from "../../../db/schema";
import { caseIdOf } from "../../../workflows/message";
import type { CaseView } from "../../../workflows/view";
import { apiKey, bearer, eventually, expectProblem, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startTestStack, type TestStack } from "../../support/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const recent = () => new Date(Date.now() - 60_000).toISOString();

async function start(org: string, extra: Record<string, unknown> = {}): Promise<string> {
  const at = recent();
  const m = message(org, uniqueId("merge"), { publishedAt: at, detectedAt: at, ...extra });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

const { act, ok, read } = caseActions(() => stack, { reader: "omsk.curator" });

const triage = (topic = "Дороги") => ({ topic, importance: "normal", executors: ["omsk.executor1"] });

async function toPublishing(caseId: string, text = "Дорогу отремонтируют до 1 июня.") {
  await ok(caseId, "triage", "omsk.curator", triage());
  await ok(caseId, "accept", "omsk.executor1");
  await ok(caseId, "draft", "omsk.executor1", { kind: "final", text });
  return ok(caseId, "approve", "omsk.curator");
}

async function duplicatesOf(caseId: string, who = "omsk.curator") {
  return stack.app.inject({
    method: "GET",
    url: `/v1/cases/${caseId}/duplicates`,
    headers: await bearer(who),
  });
}

describe("the duplicate finder", () => {
  test("same post, same thread, same author and topic, near-identical text; unrelated cases are left out", async () => {
    const post = `https://vk.com/wall-1_${uniqueId("post")}`;
    const author = { name: "Анна", profileUrl: `https://vk.com/${uniqueId("id")}` };
    const text =
      "На улице Ленина у дома 5 третий день не убирают мусор, контейнеры переполнены, запах на весь двор.";
    const main = await start("omsk", { url: post, author, text });
    const samePost = await start("omsk", { url: `${post}#comments`, text: "Тоже жалуюсь" });
    const sameThread = await start("omsk", { url: `${post}?reply=77`, text: "Когда уберут?" });
    const sameAuthor = await start("omsk", {
      url: `https://vk.com/wall-9_${uniqueId("p")}`,
      author,
      text: "Совсем другой текст про ту же беду",
    });
    const similar = await start("omsk", {
      url: `https://ok.ru/group/1/topic/${uniqueId("t")}`,
      network: "ok",
      text: "На улице Ленина у дома 5 третий день не убирают мусор, контейнеры переполнены, запах на весь двор!",
    });
    const unrelated = await start("omsk", {
      url: `https://vk.com/wall-3_${uniqueId("p")}`,
      text: "Спасибо за новый сквер у библиотеки, очень красиво получилось.",
    });
    const otherOrg = await start("zarechny", { url: post, text });
    // The author and topic evidence needs the topic: the curator triaged both.
    await ok(main, "triage", "omsk.curator", triage("Мусор"));
    await ok(sameAuthor, "triage", "omsk.curator", triage("Мусор"));
    const res = await eventually(async () => {
      const r = await duplicatesOf(main);
      const ids = (r.json().items as Array<{ caseId: string }>).map((i) => i.caseId);
      return [samePost, sameThread, sameAuthor, similar].every((id) => ids.includes(id)) && r;
    });
    const items = res.json().items as Array<{ caseId: string; reasons: string[]; score: number }>;
    const by = Object.fromEntries(items.map((i) => [i.caseId, i]));
    expect(by[samePost]!.reasons).toEqual(["same_post"]);
    expect(by[sameThread]!.reasons).toEqual(["same_thread"]);
    expect(by[sameAuthor]!.reasons).toEqual(["same_author_topic"]);
    expect(by[similar]!.reasons).toEqual(["similar_text"]);
    expect(by[unrelated]).toBeUndefined();
    expect(by[otherOrg]).toBeUndefined();
    // Best first: the same post, then the same thread.
    expect(items[0]!.caseId).toBe(samePost);
    expect(items[1]!.caseId).toBe(sameThread);
    // Executors merge nothing and see no suggestions; another org's case is not there.
    expectProblem(await duplicatesOf(main, "omsk.executor1"), 403);
    expectProblem(await duplicatesOf(otherOrg), 404);
  });
});

describe("merge", () => {
  test("refused with a reason: unknown target, another org's case, a closed case, itself", async () => {
    const a = await start("omsk");
    const other = await start("zarechny");
    const closed = await start("omsk");
    expect((await ok(closed, "reject", "omsk.curator", { ground: "obscene" })).status).toBe("rejected");
    const unknown = expectProblem(await act(a, "merge", "omsk.curator", { into: "case-omsk-x-nope" }), 422);
    expect(JSON.stringify(unknown)).toContain("body.into");
    expectProblem(await act(a, "merge", "omsk.curator", { into: other }), 422);
    expectProblem(await act(a, "merge", "omsk.curator", { into: a }), 422);
    const refused = expectProblem(await act(a, "merge", "omsk.curator", { into: closed }), 409);
    expect(refused.detail).toContain("is rejected");
    expect((await read(a)).status).toBe("triage");
  });

  test("the merged case closes, its clocks stop, and the main case's answer goes to its post too", async () => {
    const main = await start("omsk");
    const dup = await start("omsk", {
      url: `https://vk.com/wall-5_${uniqueId("p")}`,
      author: { networkUserId: "42" },
    });
    await toPublishing(main);
    const merged = await ok(dup, "merge", "omsk.curator", { into: main });
    expect(merged.status).toBe("merged");
    expect(merged.mergedInto).toBe(main);
    expect(Object.values(merged.steps).every((s) => s.metAt || s.cancelled || s.breachedAt)).toBe(true);
    // The main case learns about the post.
    const before = await eventually(async () => {
      const v = await read(main);
      return v.merged?.length === 1 && v;
    });
    expect(before.merged![0]).toMatchObject({ caseId: dup, network: "vk", fromPublication: 0, replies: [] });
    // The curator publishes by hand (no VK account): the copy for the merged post is handed over too.
    await ok(main, "publish", "omsk.curator", { url: "https://vk.com/wall-1_1?reply=9" });
    const handle = stack.client.workflow.getHandle(main);
    const final = (await handle.result()) as CaseView;
    expect(final.status).toBe("closed");
    expect(final.merged![0]!.replies).toEqual([{ draftVersion: 1, state: "manual", at: expect.any(String) }]);
    const sent = await stack.db.db
      .select()
      .from(notifications)
      .where(like(notifications.key, `${dup}:publish-by-hand:v1%`));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]!.subject).toBe(`Опубликуйте ответ вручную: ${dup}`);
    // The merged case's clocks are closed in the read model: none is left open.
    const open = await stack.db.db
      .select()
      .from(caseSteps)
      .where(and(eq(caseSteps.caseId, dup), eq(caseSteps.cancelled, false)));
    expect(open.every((s) => s.metAt || s.breachedAt)).toBe(true);
    // The answer time of the main case is in working minutes, for the monthly report.
    expect(final.answerWorkingMinutes).toEqual(expect.any(Number));
    const tl = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${main}/timeline`,
      headers: await bearer("omsk.curator"),
    });
    const types = (tl.json().events as Array<{ type: string }>).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["merged_in", "publish", "reply_copied", "closed"]));
  });
});
