// The pure parts of the publishers: reply targets read from message URLs, OK's signature, VK's random_id.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { okSignature, parseOkUrl } from "../../activities/publishers/ok";
import { parseTelegramUrl } from "../../activities/publishers/telegram";
import { parseVkUrl } from "../../activities/publishers/vk";
import { intFromKey, replyText } from "../../activities/publishers/wire";

describe("VK targets", () => {
  test.each([
    ["https://vk.com/wall-1_100", { ownerId: -1, postId: 100 }],
    ["https://vk.com/wall-1_100?reply=101", { ownerId: -1, postId: 100, replyTo: 101 }],
    ["https://vk.com/wall-57_9?reply=12&thread=10", { ownerId: -57, postId: 9, replyTo: 12 }],
    ["https://m.vk.com/wall123_4", { ownerId: 123, postId: 4 }],
    ["https://vk.com/city?w=wall-5_6", { ownerId: -5, postId: 6 }],
  ])("%s", (url, target) => expect(parseVkUrl(url)).toEqual(target));

  test.each(["https://vk.com/club1", "https://example.com/wall-1_2", "not a url", "https://vk.com/wall-1_x"])(
    "%s names no post",
    (url) => expect(parseVkUrl(url)).toBeNull(),
  );
});

describe("Telegram targets", () => {
  const chats = { city_channel: "-1009990001" };
  test.each([
    ["https://t.me/city_chat/42", { chatId: "@city_chat", messageId: 42 }],
    ["https://t.me/city_chat/7/42", { chatId: "@city_chat", messageId: 42, threadId: 7 }],
    ["https://t.me/c/4445556/90", { chatId: "-1004445556", messageId: 90 }],
    ["https://t.me/c/4445556/7/90", { chatId: "-1004445556", messageId: 90, threadId: 7 }],
    [
      "https://t.me/city_channel/10?comment=55",
      { chatId: "-1009990001", messageId: 55, channelPost: { channel: "city_channel", post: 10 } },
    ],
  ])("%s", (url, target) => expect(parseTelegramUrl(url, chats)).toEqual(target));

  test.each([
    "https://t.me/city_chat",
    "https://t.me/other_channel/1?comment=2",
    "https://t.me/c/abc/1",
    "https://example.com/city_chat/1",
  ])("%s cannot be answered", (url) => expect(parseTelegramUrl(url, chats)).toBeNull());
});

describe("Odnoklassniki", () => {
  test("group topics and user statuses; other pages name no discussion", () => {
    expect(parseOkUrl("https://ok.ru/group/54819900489978/topic/67423445224442")).toEqual({
      discussionId: "67423445224442",
      discussionType: "GROUP_TOPIC",
      url: "https://ok.ru/group/54819900489978/topic/67423445224442",
    });
    expect(parseOkUrl("https://ok.ru/profile/5/statuses/6")?.discussionType).toBe("USER_STATUS");
    expect(parseOkUrl("https://ok.ru/group/1")).toBeNull();
  });

  test("sig = md5(sorted k=v without access_token + md5(access_token + secret key)), lower-case", () => {
    const md5 = (s: string) => createHash("md5").update(s).digest("hex");
    const params = { method: "discussions.answer", format: "json", application_key: "CBA", text: "Ответ" };
    expect(okSignature({ ...params, access_token: "tkn" }, "tkn", "sec")).toBe(
      md5(`application_key=CBAformat=jsonmethod=discussions.answertext=Ответ${md5("tknsec")}`),
    );
  });
});

test("VK's random_id is a stable positive int32 per key, different for other keys", () => {
  const a = intFromKey("case-omsk-monitor-1:v1");
  expect(a).toBe(intFromKey("case-omsk-monitor-1:v1"));
  expect(a).toBeGreaterThan(0);
  expect(a).toBeLessThanOrEqual(2 ** 31 - 1);
  expect(intFromKey("case-omsk-monitor-1:v2")).not.toBe(a);
});

test("attachments follow the text as links, one a line", () => {
  expect(replyText({ text: "Ответ", attachments: [] })).toBe("Ответ");
  expect(replyText({ text: "Ответ", attachments: ["https://a", "https://b"] })).toBe(
    "Ответ\n\nhttps://a\nhttps://b",
  );
});
