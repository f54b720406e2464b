// The feed mapping (paths, templates, constants, value maps, formats, defaults) and webhook signatures,
// without services: what a feed item becomes, and why one is rejected.
import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  feedMappingSchema,
  itemsOf,
  mapItem,
  readPath,
  signBody,
  signedHeaders,
  verifySignature,
} from "../../activities/feeds";

const feed = { orgId: "omsk", source: "mon" };
const now = "2026-03-02T04:00:00.000Z";
const map = (fields: object, item: unknown) => mapItem(feedMappingSchema.parse({ fields }), feed, item, now);

describe("readPath", () => {
  const item = { a: { b: [{ c: 1 }, { c: 2 }, {}], d: ["x", "y"] }, "n.m": 3 };
  test.each([
    ["a.b.0.c", 1],
    ["a.b.1.c", 2],
    ["a.b[].c", [1, 2]],
    ["a.d[]", ["x", "y"]],
    ["a.d.1", "y"],
    ["a.x.y", undefined],
    ["a.b.c", undefined],
    ["a.x[].c", undefined],
  ])("%s", (path, value) => expect(readPath(item, path)).toEqual(value));
});

describe("mapItem", () => {
  const post = {
    id: 42,
    net: "vkontakte",
    link: { owner: -1, post: 100 },
    body: "Нет воды",
    ts: 1_772_424_000,
    media: [{ url: "https://vk.com/photo1" }, { url: "https://vk.com/photo2" }],
    user: { name: "Ольга", page: "https://vk.com/id7" },
  };
  const fields = {
    externalId: { path: "id", format: "string" },
    network: { path: "net", map: { vkontakte: "vk", telegram: "telegram" }, mapOther: "other" },
    channel: { const: "comment" },
    url: { template: "https://vk.com/wall{link.owner}_{link.post}" },
    text: "body",
    publishedAt: { path: "ts", format: "unix-seconds" },
    attachments: "media[].url",
    "author.name": "user.name",
    "author.profileUrl": "user.page",
    "hints.topic": { path: ["topic", "category"], default: "ЖКХ" },
  };

  test("every kind of spec, org and source from the feed, detection defaulting to receipt", () => {
    expect(map(fields, post)).toEqual({
      ok: true,
      externalId: "42",
      message: {
        org: "omsk",
        source: "mon",
        externalId: "42",
        network: "vk",
        channel: "comment",
        url: "https://vk.com/wall-1_100",
        author: { name: "Ольга", profileUrl: "https://vk.com/id7" },
        text: "Нет воды",
        attachments: ["https://vk.com/photo1", "https://vk.com/photo2"],
        publishedAt: "2026-03-02T04:00:00.000Z",
        detectedAt: now,
        hints: { topic: "ЖКХ" },
      },
    });
  });

  test("value map: an unlisted value takes mapOther; the first path with a value wins", () => {
    const r = map(fields, { ...post, net: "myspace", category: "Дороги" });
    expect(r).toMatchObject({ ok: true, message: { network: "other", hints: { topic: "Дороги" } } });
  });

  test("Plastunovskaya 2.3: a feed of the administration's own findings marks them foundBy administration", () => {
    const r = map({ ...fields, foundBy: { const: "administration" } }, post);
    expect(r).toMatchObject({ ok: true, message: { foundBy: "administration" } });
    expect(map({ ...fields, foundBy: { const: "neighbours" } }, post)).toMatchObject({ ok: false });
  });

  test("an item the feed cannot override: org and source always come from the feed", () => {
    const r = map(fields, { ...post, org: "zarechny", source: "evil" });
    expect(r).toMatchObject({ ok: true, message: { org: "omsk", source: "mon" } });
  });

  test("an empty mapping reads our own field names", () => {
    const own = {
      externalId: "e-1",
      network: "telegram",
      channel: "direct",
      url: "https://t.me/c/1/2",
      text: "Привет",
      publishedAt: "2026-03-02T09:00:00+06:00",
      detectedAt: "2026-03-02T09:05:00+06:00",
      author: { name: "Пётр" },
      hints: { importance: "high" },
    };
    expect(map({}, own)).toMatchObject({ ok: true, message: { ...own, org: "omsk", source: "mon" } });
  });

  test("rejections name the fields and keep the external id when it could be read", () => {
    const r = map(fields, { ...post, body: "", link: { owner: -1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.externalId).toBe("42");
    // A template with a hole gives no URL at all (not "https://vk.com/wall-1_").
    expect(r.reason).toMatch(/url: /);
    expect(r.reason).toMatch(/text: /);
    expect(map(fields, { ...post, id: undefined })).toMatchObject({ ok: false, externalId: null });
    expect(map(fields, [post])).toEqual({
      ok: false,
      externalId: null,
      reason: "an item must be a JSON object",
    });
    expect(map(fields, { ...post, ts: "yesterday" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/publishedAt: /),
    });
  });

  test("a NUL or a lone surrogate in a mapped value rejects the item with the field, never the id itself", () => {
    expect(map(fields, { ...post, body: "Нет\u0000 воды" })).toEqual({
      ok: false,
      externalId: "42",
      reason: "text: contains a NUL character (U+0000)",
    });
    expect(map(fields, { ...post, user: { name: "Ол\udc00ьга" } })).toEqual({
      ok: false,
      externalId: "42",
      reason: "author.name: contains a lone surrogate (not valid Unicode)",
    });
    // PostgreSQL could not store such an id in the rejected item's row either.
    expect(map(fields, { ...post, id: "4\u00002" })).toMatchObject({ ok: false, externalId: null });
    // A pair of surrogates is one character (an emoji), not a lone one.
    expect(map(fields, { ...post, body: "Нет воды 😡" })).toMatchObject({ ok: true });
  });

  test("the mapping itself is validated: unknown fields, two sources for one value, bad paths", () => {
    expect(feedMappingSchema.safeParse({ fields: { colour: "x" } }).success).toBe(false);
    expect(feedMappingSchema.safeParse({ fields: { text: { path: "a", const: "b" } } }).success).toBe(false);
    expect(feedMappingSchema.safeParse({ fields: { text: "a..b" } }).success).toBe(false);
    expect(feedMappingSchema.safeParse({ fields: { text: { pathh: "a" } } }).success).toBe(false);
    expect(feedMappingSchema.safeParse({ extra: 1 }).success).toBe(false);
    expect(feedMappingSchema.parse({})).toEqual({ fields: {} });
  });
});

test("itemsOf: {items}, an array, or one item", () => {
  expect(itemsOf({ items: [1, 2] })).toEqual([1, 2]);
  expect(itemsOf([1])).toEqual([1]);
  expect(itemsOf({ id: 1 })).toEqual([{ id: 1 }]);
});

describe("signatures", () => {
  const secret = "0123456789abcdef-secret";
  const body = Buffer.from('{"id":1,"text":"Привет"}');
  const at = 1_772_424_000_000;

  test("HMAC-SHA256 of `<timestamp>.<raw body>`, hex, as openssl computes it", () => {
    const expected = createHmac("sha256", secret).update(`1772424000.${body.toString()}`).digest("hex");
    expect(signBody(secret, 1_772_424_000, body)).toBe(`sha256=${expected}`);
    expect(signedHeaders(secret, body, at)).toEqual({
      "x-feed-timestamp": "1772424000",
      "x-feed-signature": `sha256=${expected}`,
    });
  });

  test("accepted inside the window, refused outside it, with another secret or another body", () => {
    const h = signedHeaders(secret, body, at);
    expect(verifySignature(secret, h, body, at + 299_000)).toMatchObject({
      ok: true,
      timestamp: 1_772_424_000,
    });
    expect(verifySignature(secret, h, body, at - 299_000).ok).toBe(true);
    expect(verifySignature(secret, h, body, at + 301_000).ok).toBe(false);
    expect(verifySignature(secret, h, body, at - 301_000).ok).toBe(false);
    expect(verifySignature("another secret!!", h, body, at).ok).toBe(false);
    expect(verifySignature(secret, h, Buffer.from(`${body} `), at).ok).toBe(false);
    const upper = {
      ...h,
      "x-feed-signature": h["x-feed-signature"]!.toUpperCase().replace("SHA256=", "sha256="),
    };
    expect(verifySignature(secret, upper, body, at).ok).toBe(true);
    expect(verifySignature(secret, { ...h, "x-feed-timestamp": "soon" }, body, at).ok).toBe(false);
    expect(verifySignature(secret, {}, body, at)).toEqual({
      ok: false,
      reason: "Send x-feed-timestamp and x-feed-signature headers",
    });
  });
});
