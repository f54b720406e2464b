// Telegram: Bot API replies in a chat, in a channel's discussion group and in a private chat through a
// loopback Bot API (test/support/networks/telegram.ts) and the real PostgreSQL ledger.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTelegram } from "../../support/networks/telegram";
import { expectFailure, publisherSuite } from "./support";

const botToken = "123456:ABC-bot-token";
let suite: Awaited<ReturnType<typeof publisherSuite>>;
let tg: Awaited<ReturnType<typeof startTelegram>>;
let org: string;

beforeAll(async () => {
  suite = await publisherSuite();
  tg = await startTelegram({ botToken });
  org = await suite.org();
  await suite.account(org, "telegram", {
    baseUrl: tg.url,
    credentials: { botToken },
    settings: { discussionChats: { city_channel: "-1009990001" } },
  });
});
afterAll(async () => {
  await tg?.stop();
  await suite?.close();
});

const tgRequest = (replyTo: string, over = {}) =>
  suite.request(org, { network: "telegram", replyTo, attachments: ["https://city.example/a.jpg"], ...over });
const sentTo = (chat: string) => tg.sent.filter((m) => m.chat_id === chat);

describe("a reply in the chat", () => {
  test("sendMessage to the public chat as a reply to the message; the reply's URL from the result", async () => {
    const req = tgRequest("https://t.me/city_chat/42");
    const result = await suite.acts.publish(req);
    const call = tg.requests.at(-1)!;
    expect(call.path).toBe(`/bot${botToken}/sendMessage`);
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.json).toEqual({
      chat_id: "@city_chat",
      text: `${req.text}\n\nhttps://city.example/a.jpg`,
      reply_parameters: { message_id: 42 },
    });
    const [sent] = sentTo("@city_chat");
    expect(result).toMatchObject({ state: "published", url: `https://t.me/city_chat/${sent!.message_id}` });
  });

  test("a comment under a channel post goes to the channel's discussion group", async () => {
    const result = await suite.acts.publish(tgRequest("https://t.me/city_channel/10?comment=55"));
    const [sent] = sentTo("-1009990001");
    expect(sent).toMatchObject({ reply_to: 55 });
    expect(result).toMatchObject({ url: `https://t.me/city_channel/10?comment=${sent!.message_id}` });
  });

  test("a private supergroup's topic (t.me/c/<id>/<topic>/<msg>)", async () => {
    const result = await suite.acts.publish(tgRequest("https://t.me/c/4445556/7/90"));
    expect(tg.requests.at(-1)?.json).toMatchObject({
      chat_id: "-1004445556",
      message_thread_id: 7,
      reply_parameters: { message_id: 90 },
    });
    const [sent] = sentTo("-1004445556");
    expect(result).toMatchObject({ url: `https://t.me/c/4445556/7/${sent!.message_id}` });
  });

  test("429 is retryable after Telegram's retry_after; the next attempt posts once", async () => {
    const req = tgRequest("https://t.me/city_chat/43");
    tg.faults.push({
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    const f = await expectFailure(suite.acts.publish(req), "publish_rate_limited");
    expect(f.details?.[0]).toMatchObject({ retryAfterSeconds: 3 });
    expect(f.nextRetryDelay).toBe("3s");
    tg.faults.push({ error_code: 502, description: "Bad Gateway" });
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
    expect(sentTo("@city_chat").filter((m) => m.reply_to === 43)).toHaveLength(1);
  });

  test.each([
    [403, "Forbidden: bot is not a member of the supergroup chat"],
    [400, "Bad Request: message to reply not found"],
    [400, "Bad Request: chat not found"],
  ])("%i %s is publish_forbidden", async (code, description) => {
    const req = tgRequest(`https://t.me/city_chat/${code}`, { key: `${description}:v1` });
    tg.faults.push({ error_code: code, description });
    const f = await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(f.message).toContain(description);
    expect(await suite.row(req.key)).toMatchObject({ state: "failed" });
  });

  test("a channel comment whose discussion group is not configured is publish_forbidden without a call", async () => {
    const before = tg.requests.length;
    await expectFailure(
      suite.acts.publish(tgRequest("https://t.me/other_channel/1?comment=2")),
      "publish_forbidden",
    );
    expect(tg.requests.length).toBe(before);
  });
});

describe("a private reply", () => {
  test("goes to the author's private chat; a blocked bot is publish_forbidden", async () => {
    const ok = await suite.acts.publish(
      tgRequest("https://t.me/city_bot", { channel: "direct", recipient: "5550001" }),
    );
    expect(tg.requests.at(-1)?.json).toEqual({ chat_id: "5550001", text: expect.any(String) });
    expect(ok).toMatchObject({
      state: "published",
      url: expect.stringContaining("tg://openmessage?user_id=5550001"),
    });
    tg.faults.push({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await expectFailure(
      suite.acts.publish(tgRequest("https://t.me/city_bot", { channel: "direct", recipient: "5550002" })),
      "publish_forbidden",
    );
  });
});

describe("never twice", () => {
  test("publishing the same key again returns the reply without a call", async () => {
    const req = tgRequest("https://t.me/city_chat/60");
    const first = await suite.acts.publish(req);
    const calls = tg.requests.length;
    expect(await suite.acts.publish(req)).toEqual(first);
    expect(tg.requests.length).toBe(calls);
  });

  test("a crash after Telegram accepted: no second post, the case is handed back to be checked by hand", async () => {
    const req = tgRequest("https://t.me/city_chat/61");
    tg.faults.push("drop");
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.row(req.key)).toMatchObject({ state: "sending" });
    const f = await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(f.message).toContain("@city_chat/61");
    await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(sentTo("@city_chat").filter((m) => m.reply_to === 61)).toHaveLength(1);
    expect(
      tg.requests.filter(
        (r) => (r.json as { reply_parameters?: { message_id: number } })?.reply_parameters?.message_id === 61,
      ),
    ).toHaveLength(1);
  });
});

test("two attempts of one key at once: one holds the key, the other is retryable; one post", async () => {
  const req = tgRequest("https://t.me/city_chat/70");
  tg.latency.ms = 300;
  const [a, b] = await Promise.allSettled([suite.acts.publish(req), suite.acts.publish(req)]);
  tg.latency.ms = 0;
  const outcomes = [a, b].map((r) =>
    r.status === "fulfilled" ? r.value.state : (r.reason as Error).message,
  );
  expect(outcomes).toContain("published");
  expect(outcomes).toContain(`telegram: another attempt is publishing ${req.key}`);
  expect(sentTo("@city_chat").filter((m) => m.reply_to === 70)).toHaveLength(1);
  expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
});

test("an org without a Telegram account is published by hand", async () => {
  expect(await suite.acts.publish(suite.request(await suite.org(), { network: "telegram" }))).toEqual({
    state: "manual",
  });
});
