// Odnoklassniki: comments in a group topic's discussion through a loopback OK REST API
// (test/support/networks/ok.ts) that checks the documented signature; the real PostgreSQL ledger.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectedSig, startOk } from "../../support/networks/ok";
import { expectFailure, publisherSuite } from "./support";

const keys = {
  applicationKey: "CBAPKFJGDIHBABABA",
  accessToken: "tkn1-ok-access",
  secretKey: "ok-app-secret-0001",
};
const groupId = "54819900489978";
let suite: Awaited<ReturnType<typeof publisherSuite>>;
let ok: Awaited<ReturnType<typeof startOk>>;
let org: string;

beforeAll(async () => {
  suite = await publisherSuite();
  ok = await startOk(keys);
  org = await suite.org();
  await suite.account(org, "ok", {
    baseUrl: ok.url,
    credentials: { accessToken: keys.accessToken, applicationSecretKey: keys.secretKey },
    settings: { applicationKey: keys.applicationKey, groupId },
  });
});
afterAll(async () => {
  await ok?.stop();
  await suite?.close();
});

const topic = (id: number) => `https://ok.ru/group/${groupId}/topic/${id}`;
const okRequest = (replyTo: string, over = {}) => suite.request(org, { network: "ok", replyTo, ...over });
const commentsOn = (id: number) => ok.comments.filter((c) => c.discussionId === String(id));

describe("a comment in the group topic", () => {
  test("is a signed discussions.answer call as the group; the reply points at the topic", async () => {
    const req = okRequest(topic(100), { attachments: ["https://city.example/map.png"] });
    const result = await suite.acts.publish(req);
    const [call] = ok.calls("discussions.answer");
    const text = `${req.text}\n\nhttps://city.example/map.png`;
    expect(call?.form).toEqual({
      method: "discussions.answer",
      application_key: keys.applicationKey,
      format: "json",
      discussionId: "100",
      discussionType: "GROUP_TOPIC",
      text,
      gid: groupId,
      access_token: keys.accessToken,
      sig: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // The signature by hand: the sorted parameters but access_token, then md5(access_token + secret key).
    expect(call?.form.sig).toBe(expectedSig(call!.form, keys.accessToken, keys.secretKey));
    const [comment] = commentsOn(100);
    expect(comment).toMatchObject({ author_id: groupId, text });
    expect(result).toMatchObject({ state: "published", url: topic(100), externalId: comment!.id });
  });

  test("a wrong secret key is refused by OK's signature check (104) and handed back", async () => {
    const other = await suite.org();
    await suite.account(other, "ok", {
      baseUrl: ok.url,
      credentials: { accessToken: keys.accessToken, applicationSecretKey: "not-the-secret" },
      settings: { applicationKey: keys.applicationKey, groupId },
    });
    const f = await expectFailure(
      suite.acts.publish(suite.request(other, { network: "ok", replyTo: topic(101) })),
      "publish_forbidden",
    );
    expect(f.message).toContain("PARAM_SIGNATURE");
    expect(commentsOn(101)).toHaveLength(0);
  });

  test("a limit (9) is retryable; the next attempt posts once", async () => {
    const req = okRequest(topic(200));
    ok.faults.push({ error_code: 9, error_msg: "LIMIT_REACHED : Limit reached" });
    const f = await expectFailure(suite.acts.publish(req), "publish_rate_limited");
    expect(f.details?.[0]).toMatchObject({ network: "ok", code: 9 });
    ok.faults.push({ error_code: 2, error_msg: "SERVICE : Service is temporary unavailable" });
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
    expect(commentsOn(200)).toHaveLength(1);
  });

  test.each([
    [10, "PERMISSION_DENIED : Permission denied"],
    [102, "PARAM_SESSION_EXPIRED : Session expired"],
    [300, "NOT_FOUND : Topic not found"],
  ])("error %i is publish_forbidden", async (code, msg) => {
    const req = okRequest(topic(3000 + code));
    ok.faults.push({ error_code: code, error_msg: msg });
    const f = await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(f.message).toContain(msg);
    expect(await suite.row(req.key)).toMatchObject({ state: "failed" });
  });

  test("a private reply or a URL that names no topic is publish_forbidden without a call", async () => {
    const before = ok.requests.length;
    await expectFailure(
      suite.acts.publish(okRequest(topic(400), { channel: "direct" })),
      "publish_forbidden",
    );
    await expectFailure(suite.acts.publish(okRequest("https://ok.ru/group/1")), "publish_forbidden");
    expect(ok.requests.length).toBe(before);
  });
});

describe("never twice", () => {
  test("publishing the same key again returns the reply without a call", async () => {
    const req = okRequest(topic(500));
    const first = await suite.acts.publish(req);
    const calls = ok.requests.length;
    expect(await suite.acts.publish(req)).toEqual(first);
    expect(ok.requests.length).toBe(calls);
  });

  test("a crash after OK accepted: the retry finds the group's comment and does not post again", async () => {
    const req = okRequest(topic(600));
    ok.faults.push("drop");
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.row(req.key)).toMatchObject({ state: "sending" });
    const result = await suite.acts.publish(req);
    expect(commentsOn(600)).toHaveLength(1);
    expect(result).toMatchObject({ state: "published", externalId: commentsOn(600)[0]!.id });
    expect(ok.calls("discussions.answer").filter((c) => c.form.discussionId === "600")).toHaveLength(1);
    const check = ok.calls("discussions.getComments").at(-1)!;
    expect(check.form).toMatchObject({ discussionId: "600", discussionType: "GROUP_TOPIC" });
    expect(check.form.sig).toBe(expectedSig(check.form, keys.accessToken, keys.secretKey));
  });
});

test("an org without an OK account is published by hand", async () => {
  expect(await suite.acts.publish(suite.request(await suite.org(), { network: "ok" }))).toEqual({
    state: "manual",
  });
});
