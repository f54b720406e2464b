// VK: replies to wall comments and private messages through a loopback VK API (test/support/networks/vk.ts)
// and the real PostgreSQL ledger; success, rate limits, permission errors, no double post, manual.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { intFromKey } from "../../../activities/publishers/wire";
import { startVk } from "../../support/networks/vk";
import { expectFailure, publisherSuite } from "./support";

const token = "vk1.a.community-token";
const groupId = 1;
let suite: Awaited<ReturnType<typeof publisherSuite>>;
let vk: Awaited<ReturnType<typeof startVk>>;
let org: string;

beforeAll(async () => {
  suite = await publisherSuite();
  vk = await startVk({ accessToken: token });
  org = await suite.org();
  await suite.account(org, "vk", {
    baseUrl: vk.url,
    credentials: { accessToken: token },
    settings: { groupId },
  });
});
afterAll(async () => {
  await vk?.stop();
  await suite?.close();
});

describe("a public reply (wall.createComment)", () => {
  test("is posted as the community under the comment answered, the attachments as links", async () => {
    const req = suite.request(org, { attachments: ["https://city.example/plan.pdf"] });
    const result = await suite.acts.publish(req);
    const [call] = vk.calls("wall.createComment").filter((c) => c.form.guid === req.key);
    expect(call?.form).toEqual({
      owner_id: "-1",
      post_id: "100",
      from_group: "1",
      reply_to_comment: "101",
      message: `${req.text}\n\nhttps://city.example/plan.pdf`,
      guid: req.key,
      access_token: token,
      v: "5.199",
    });
    const comment = vk.comments.find((c) => c.guid === req.key)!;
    expect(result).toEqual({
      state: "published",
      url: `https://vk.com/wall-1_100?reply=${comment.id}&thread=101`,
      externalId: String(comment.id),
      at: expect.any(String),
    });
    expect(await suite.row(req.key)).toMatchObject({
      state: "published",
      attempts: 1,
      externalId: String(comment.id),
    });
  });

  test("flood control is retryable; the next attempt posts once", async () => {
    const req = suite.request(org, { replyTo: "https://vk.com/wall-1_200" });
    vk.faults.push({ error_code: 9, error_msg: "Flood control" });
    const f = await expectFailure(suite.acts.publish(req), "publish_rate_limited");
    expect(f.message).toContain("Flood control");
    expect(f.details?.[0]).toMatchObject({ network: "vk", code: 9, retryAfterSeconds: 60 });
    expect(await suite.row(req.key)).toMatchObject({ state: "pending", attempts: 1 });
    vk.faults.push({ error_code: 6, error_msg: "Too many requests per second" });
    await expectFailure(suite.acts.publish(req), "publish_rate_limited");
    expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
    expect(vk.comments.filter((c) => c.post_id === 200)).toHaveLength(1);
    expect(await suite.row(req.key)).toMatchObject({ state: "published", attempts: 3 });
  });

  test.each([
    [15, "Access denied"],
    [212, "Access to post comments denied"],
    [5, "User authorization failed: invalid access_token"],
    [100, "One of the parameters specified was missing or invalid: post was deleted"],
  ])("error %i is publish_forbidden (hand back), nothing posted", async (code, msg) => {
    const req = suite.request(org, { replyTo: `https://vk.com/wall-1_${3000 + code}` });
    vk.faults.push({ error_code: code, error_msg: msg });
    const f = await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(f.message).toContain(msg);
    expect(await suite.row(req.key)).toMatchObject({ state: "failed" });
    expect(vk.comments.filter((c) => c.post_id === 3000 + code)).toHaveLength(0);
  });

  test("a URL that names no wall post is publish_forbidden without a call", async () => {
    const before = vk.requests.length;
    await expectFailure(
      suite.acts.publish(suite.request(org, { replyTo: "https://vk.com/club1" })),
      "publish_forbidden",
    );
    expect(vk.requests.length).toBe(before);
  });

  test("publishing the same key again returns the reply without a call", async () => {
    const req = suite.request(org, { replyTo: "https://vk.com/wall-1_400?reply=401" });
    const first = await suite.acts.publish(req);
    const calls = vk.requests.length;
    expect(await suite.acts.publish(req)).toEqual(first);
    expect(vk.requests.length).toBe(calls);
  });

  test("a crash after VK accepted: the retry finds the community's reply and does not post again", async () => {
    const req = suite.request(org, { replyTo: "https://vk.com/wall-1_500?reply=501" });
    vk.faults.push("drop");
    const f = await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(f.details?.[0]).toMatchObject({ outcome: "unknown" });
    expect(await suite.row(req.key)).toMatchObject({ state: "sending", attempts: 1 });
    const result = await suite.acts.publish(req);
    const posted = vk.comments.filter((c) => c.post_id === 500);
    expect(posted).toHaveLength(1);
    expect(result).toMatchObject({ state: "published", externalId: String(posted[0]!.id) });
    expect(vk.calls("wall.createComment").filter((c) => c.form.post_id === "500")).toHaveLength(1);
    expect(vk.calls("wall.getComments").at(-1)?.form).toMatchObject({
      owner_id: "-1",
      post_id: "500",
      comment_id: "501",
      sort: "desc",
    });
    expect(await suite.row(req.key)).toMatchObject({ state: "published", attempts: 1 });
  });

  test("the fan-out copy to a merged post has a key of its own and is posted there too", async () => {
    const main = suite.request(org, { replyTo: "https://vk.com/wall-1_600?reply=601" });
    const merged = {
      ...main,
      key: `case-${org}-monitor-merged:v1`,
      replyTo: "https://vk.com/wall-1_610?reply=611",
    };
    await suite.acts.publish(main);
    await suite.acts.publish(merged);
    expect(vk.comments.filter((c) => c.post_id === 600 || c.post_id === 610).map((c) => c.post_id)).toEqual([
      600, 610,
    ]);
  });
});

describe("a private reply (messages.send)", () => {
  test("goes to the author with a random_id derived from the key", async () => {
    const req = suite.request(org, {
      channel: "direct",
      recipient: "777",
      replyTo: "https://vk.com/gim1?sel=777",
    });
    const result = await suite.acts.publish(req);
    const [call] = vk.calls("messages.send").filter((c) => c.form.user_id === "777");
    expect(call?.form).toEqual({
      user_id: "777",
      random_id: String(intFromKey(req.key)),
      message: req.text,
      access_token: token,
      v: "5.199",
    });
    const message = vk.messages.find((m) => m.user_id === 777)!;
    expect(result).toMatchObject({
      state: "published",
      externalId: String(message.id),
      url: `https://vk.com/gim1?sel=777&msgid=${message.id}`,
    });
  });

  test("a crash after VK accepted: the retry repeats the random_id and VK keeps one message", async () => {
    const req = suite.request(org, {
      channel: "direct",
      recipient: "778",
      replyTo: "https://vk.com/gim1?sel=778",
    });
    vk.faults.push("drop");
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
    const sends = vk.calls("messages.send").filter((c) => c.form.user_id === "778");
    expect(sends.map((c) => c.form.random_id)).toEqual([
      String(intFromKey(req.key)),
      String(intFromKey(req.key)),
    ]);
    expect(vk.messages.filter((m) => m.user_id === 778)).toHaveLength(1);
  });

  test("a user who does not take messages from the community (901) is publish_forbidden", async () => {
    vk.faults.push({ error_code: 901, error_msg: "Can't send messages for users without permission" });
    await expectFailure(
      suite.acts.publish(suite.request(org, { channel: "direct", recipient: "779" })),
      "publish_forbidden",
    );
    expect(vk.messages.filter((m) => m.user_id === 779)).toHaveLength(0);
  });
});

describe("without an active account", () => {
  test("an org with no VK account, or an inactive one, is published by hand", async () => {
    const other = await suite.org();
    expect(await suite.acts.publish(suite.request(other))).toEqual({ state: "manual" });
    const idle = await suite.org();
    await suite.account(idle, "vk", {
      baseUrl: vk.url,
      credentials: { accessToken: token },
      settings: { groupId },
      active: false,
    });
    const before = vk.requests.length;
    expect(await suite.acts.publish(suite.request(idle))).toEqual({ state: "manual" });
    expect(vk.requests.length).toBe(before);
  });
});
