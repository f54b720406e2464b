// Privacy of direct messages on the real stack (Yuzhno-Sakhalinsk 1.4 «личные сообщения», 3.4 «в личном
// сообщении»; docs/regulations.md "privacy of direct messages"): an answer written for a direct message is
// never posted publicly, also not by the incident fan-out to a merged public post, which gets a task for its
// own public reply instead; a merge that mixes a direct message with public posts says so.
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { notifications } from "../../../db/schema";
import { caseIdOf } from "../../../workflows/message";
import type { CaseView } from "../../../workflows/view";
import { apiKey, eventually, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startTestStack, type TestStack } from "../../support/stack";

const org = "yuzhno-sakhalinsk";
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function start(channel: "direct" | "comment"): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const id = uniqueId(channel);
  const m = message(org, id, {
    channel,
    url: channel === "direct" ? `https://vk.com/im?sel=${id}` : `https://vk.com/wall-1_${id}`,
    author: { name: "Анна", networkUserId: `u-${id}` },
    publishedAt: at,
    detectedAt: at,
  });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(org),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

const { ok, read } = caseActions(() => stack, { org, reader: "curator" });

async function answer(caseId: string) {
  await ok(caseId, "triage", "curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: [`${org}.executor1`],
  });
  await ok(caseId, "accept", "executor1");
  await ok(caseId, "draft", "executor1", {
    kind: "final",
    text: "Анна, ваш лицевой счёт пересчитают до 10-го.",
  });
  await ok(caseId, "approve", "curator");
  await ok(caseId, "publish", "curator", { url: `https://vk.com/im?sel=1&msg=${caseId.length}` });
  return (await stack.client.workflow.getHandle(caseId).result()) as CaseView;
}

const sent = (key: string) =>
  stack.db.db
    .select()
    .from(notifications)
    .where(like(notifications.key, `${key}%`));

async function mergedInto(main: string, dup: string) {
  const merged = await ok(dup, "merge", "curator", { into: main });
  expect(merged.status).toBe("merged");
  await eventually(async () => (await read(main)).merged?.some((p) => p.caseId === dup));
  return merged;
}

describe("an answer written for a direct message (Yuzhno-Sakhalinsk 1.4, 3.4)", () => {
  test("is not copied to a merged public post: that post gets a task for its own public reply", async () => {
    const main = await start("direct");
    const post = await start("comment");
    const merged = await mergedInto(main, post);
    // The merge says what it mixes.
    expect(merged.mergeNote).toContain("private answer is not copied");
    const final = await answer(main);
    expect(final.status).toBe("closed");
    expect(final.merged![0]!.replies).toEqual([
      { draftVersion: 1, state: "withheld", reason: "direct_message_answer", at: expect.any(String) },
    ]);
    const task = await eventually(async () => (await sent(`${post}:public-reply:v1`))[0]);
    expect(task.subject).toBe(`Нужен отдельный публичный ответ: ${post}`);
    // No copy of the private text was handed out for posting on the public post.
    expect(await sent(`${post}:publish-by-hand`)).toEqual([]);
  });

  test("a direct message merged into a public case gets that public answer, privately; the merge says so", async () => {
    const main = await start("comment");
    const dm = await start("direct");
    const merged = await mergedInto(main, dm);
    expect(merged.mergeNote).toContain("as a private reply");
    const final = await answer(main);
    // No network account here: the copy is handed to the publisher (reply to the author privately).
    expect(final.merged![0]!.replies).toEqual([{ draftVersion: 1, state: "manual", at: expect.any(String) }]);
    await eventually(async () => (await sent(`${dm}:publish-by-hand:v1`))[0]);
  });

  test("direct into direct mixes nothing: no note, the copy goes as usual", async () => {
    const main = await start("direct");
    const dm = await start("direct");
    const merged = await mergedInto(main, dm);
    expect(merged.mergeNote).toBeUndefined();
    const final = await answer(main);
    expect(final.merged![0]!.replies.map((r) => r.state)).toEqual(["manual"]);
  });
});
