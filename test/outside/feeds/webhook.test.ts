// Push feeds on the real stack: POST /v1/feeds/:feedId/webhook signed with HMAC-SHA256 of the raw body
// (good, bad, replayed, stale), items mapped by the feed's mapping (bad items rejected with the reason,
// the rest ingested), resent items recorded as duplicates; the feed's configuration routes.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signBody, signedHeaders } from "../../../activities/feeds";
import { feedItems, feeds } from "../../../db/schema";
import { caseIdOf } from "../../../workflows/message";
import { apiKey, bearer, expectProblem, uniqueId } from "../../api/helpers";
import { startTestStack, type TestStack } from "../../support/stack";

let stack: TestStack;
let admin: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  admin = await bearer("omsk.admin", { roles: ["admin"] });
});
afterAll(async () => {
  await stack?.stop();
});

const secret = "s3cret-for-the-monitoring-system";
/** The monitoring system's own vocabulary: mapped to ours by the feed's mapping. */
const mapping = {
  fields: {
    externalId: { path: "post.id", format: "string" },
    network: { path: "site", map: { vkontakte: "vk", tg: "telegram" } },
    channel: { const: "comment" },
    url: { template: "https://vk.com/wall{post.owner}_{post.id}" },
    text: "post.body",
    publishedAt: { path: "post.date", format: "unix-seconds" },
    "author.name": "who.name",
    "hints.importance": { path: "rank", map: { "1": "high" }, mapOther: "normal" },
  },
};
const item = (id: number, over: Record<string, unknown> = {}) => ({
  site: "vkontakte",
  post: { id, owner: -7, body: "Не работает светофор на перекрёстке", date: 1_772_420_400 },
  who: { name: "Анна" },
  rank: 1,
  ...over,
});

async function newFeed(extra: Record<string, unknown> = {}) {
  const id = uniqueId("omsk.push").toLowerCase();
  const source = `mon-${id.replace(/[^a-z0-9]/g, "").slice(-20)}`;
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/orgs/omsk/feeds",
    headers: admin,
    payload: { kind: "push", id, source, secret, mapping, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id, source };
}

const deliver = (feedId: string, body: unknown, headers?: Record<string, string>) => {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return stack.app.inject({
    method: "POST",
    url: `/v1/feeds/${feedId}/webhook`,
    headers: { "content-type": "application/json", ...(headers ?? signedHeaders(secret, raw)) },
    payload: raw,
  });
};
const exists = (caseId: string) =>
  stack.client.workflow
    .getHandle(caseId)
    .describe()
    .then(
      () => true,
      () => false,
    );
const rowsOf = (feedId: string) => stack.db.db.select().from(feedItems).where(eq(feedItems.feedId, feedId));
const itemsOf = (feedId: string, status?: string) =>
  stack.app.inject({
    method: "GET",
    url: `/v1/feeds/${feedId}/items${status ? `?status=${status}` : ""}`,
    headers: admin,
  });

test("a correctly signed delivery starts the case the mapping describes", async () => {
  const feed = await newFeed();
  const res = await deliver(feed.id, item(101));
  expect(res.statusCode, res.body).toBe(200);
  const caseId = caseIdOf({ org: "omsk", source: feed.source, externalId: "101" });
  expect(res.json()).toEqual({
    accepted: 1,
    duplicate: 0,
    rejected: 0,
    items: [{ index: 0, status: "accepted", externalId: "101", caseId }],
  });
  const view = await stack.app.inject({
    method: "GET",
    url: `/v1/cases/${caseId}`,
    headers: await bearer("omsk.curator"),
  });
  expect(view.statusCode, view.body).toBe(200);
  expect(view.json()).toMatchObject({
    org: "omsk",
    importance: "high",
    message: {
      network: "vk",
      channel: "comment",
      url: "https://vk.com/wall-7_101",
      text: "Не работает светофор на перекрёстке",
      publishedAt: "2026-03-02T09:00:00+06:00", // 03:00 UTC, in Omsk's offset as every instant of the API
    },
  });
  const listed = (await itemsOf(feed.id)).json();
  expect(listed.items).toEqual([expect.objectContaining({ externalId: "101", status: "accepted", caseId })]);
  // The secret is sealed at rest and never shown.
  const [row] = await stack.db.db.select().from(feeds).where(eq(feeds.id, feed.id));
  expect(row!.secret).toMatch(/^v1:/);
  expect(row!.secret).not.toContain(secret);
  const shown = await stack.app.inject({
    method: "GET",
    url: `/v1/orgs/omsk/feeds/${feed.id}`,
    headers: admin,
  });
  expect(shown.json()).toMatchObject({ hasSecret: true, webhook: `/v1/feeds/${feed.id}/webhook` });
  expect(shown.body).not.toContain(secret);
});

describe("refused deliveries are 401 and start or record nothing", () => {
  test("a wrong signature, another secret, a changed body, missing headers", async () => {
    const feed = await newFeed();
    const raw = JSON.stringify(item(201));
    const good = signedHeaders(secret, raw);
    const cases: Array<[string, Record<string, string>, string]> = [
      ["wrong digest", { ...good, "x-feed-signature": `sha256=${"0".repeat(64)}` }, raw],
      ["another secret", signedHeaders("another-secret-of-16+", raw), raw],
      ["body changed after signing", good, raw.replace("201", "202")],
      ["no signature", { "x-feed-timestamp": good["x-feed-timestamp"]! }, raw],
      ["no headers", {}, raw],
      ["not sha256=", { ...good, "x-feed-signature": good["x-feed-signature"]!.slice(7) }, raw],
    ];
    for (const [what, headers, body] of cases) {
      const res = await deliver(feed.id, body, headers);
      const p = expectProblem(res, 401);
      expect(p.type, what).toBe("https://casework.dev/problems/feed-signature");
    }
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: "201" }))).toBe(false);
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: "202" }))).toBe(false);
    expect(await rowsOf(feed.id)).toEqual([]);
  });

  test("a replayed delivery: the same timestamp and signature are accepted once", async () => {
    const feed = await newFeed();
    const raw = JSON.stringify(item(301));
    const headers = signedHeaders(secret, raw);
    expect((await deliver(feed.id, raw, headers)).statusCode).toBe(200);
    const again = expectProblem(await deliver(feed.id, raw, headers), 401);
    expect(again.detail).toMatch(/replay/);
    const items = (await itemsOf(feed.id)).json().items;
    expect(items).toHaveLength(1); // the replay recorded nothing, not even a duplicate
    // The same item signed anew is a new delivery (a resend): recorded as a duplicate.
    const later = signedHeaders(secret, raw, Date.now() + 1000);
    expect((await deliver(feed.id, raw, later)).json().items[0].status).toBe("duplicate");
  });

  test("the same request while it is being received: 409; after the API died mid-delivery: taken over", async () => {
    const feed = await newFeed();
    const raw = JSON.stringify(item(351));
    const headers = signedHeaders(secret, raw);
    const signature = headers["x-feed-signature"]!.slice("sha256=".length);
    // Another API instance holds the claim right now.
    const [held] = await stack.db.db
      .insert(feedItems)
      .values({ feedId: feed.id, externalId: signature, status: "delivery", reason: "another instance" })
      .returning();
    const busy = expectProblem(await deliver(feed.id, raw, headers), 409);
    expect(busy.type).toBe("https://casework.dev/problems/feed-delivery-in-progress");
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: "351" }))).toBe(false);
    // That instance died two minutes ago: the sender's retry of the same request is received.
    await stack.db.db
      .update(feedItems)
      .set({ at: new Date(Date.now() - 3 * 60_000).toISOString() })
      .where(eq(feedItems.id, held!.id));
    const res = await deliver(feed.id, raw, headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].status).toBe("accepted");
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: "351" }))).toBe(true);
    // Received: the same request again is a replay.
    expectProblem(await deliver(feed.id, raw, headers), 401);
    const claims = (await rowsOf(feed.id)).filter((r) => r.externalId === signature);
    expect(claims.map((r) => r.status)).toEqual(["delivered"]);
  });

  test("a stale or future timestamp outside the 5 minute window", async () => {
    const feed = await newFeed();
    const raw = JSON.stringify(item(401));
    for (const skew of [-6 * 60_000, 6 * 60_000]) {
      const p = expectProblem(
        await deliver(feed.id, raw, signedHeaders(secret, raw, Date.now() + skew)),
        401,
      );
      expect(p.detail).toMatch(/window 300 s/);
    }
    // Inside the window either way: accepted.
    expect(
      (await deliver(feed.id, raw, signedHeaders(secret, raw, Date.now() - 4 * 60_000))).statusCode,
    ).toBe(200);
    const ts = String(Math.floor(Date.now() / 1000) - 3600);
    const old = { "x-feed-timestamp": ts, "x-feed-signature": signBody(secret, ts, raw) };
    expectProblem(await deliver(feed.id, raw, old), 401);
    expect((await rowsOf(feed.id)).filter((r) => !["delivery", "delivered"].includes(r.status))).toHaveLength(
      1,
    );
  });
});

test("a batch with bad items: each bad one rejected with its reason, the others ingested", async () => {
  const feed = await newFeed();
  const batch = {
    items: [
      item(501),
      item(502, { post: { id: 502, owner: -7, date: 1_772_420_400 } }), // no text
      item(503, { site: "myspace" }), // a network we do not know
      "not an object",
      item(504),
    ],
  };
  const res = await deliver(feed.id, batch);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(body).toMatchObject({ accepted: 2, duplicate: 0, rejected: 3 });
  expect(body.items.map((i: { status: string }) => i.status)).toEqual([
    "accepted",
    "rejected",
    "rejected",
    "rejected",
    "accepted",
  ]);
  expect(body.items[1]).toMatchObject({ externalId: "502", reason: expect.stringMatching(/^text: /) });
  expect(body.items[2]).toMatchObject({ externalId: "503", reason: expect.stringMatching(/^network: /) });
  expect(body.items[3]).toMatchObject({ externalId: null, reason: "an item must be a JSON object" });
  for (const id of ["501", "504"])
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: id }))).toBe(true);
  for (const id of ["502", "503"])
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: id }))).toBe(false);
  const rejected = (await itemsOf(feed.id, "rejected")).json().items;
  expect(rejected.map((r: { externalId: string | null }) => r.externalId).sort()).toEqual(
    [null, "502", "503"].sort(),
  );
  expect(rejected.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
  // A body that is not JSON at all (signed): 422, recorded as one rejected delivery.
  const junk = await deliver(feed.id, "{not json");
  expect(expectProblem(junk, 422).detail).toMatch(/not JSON/);
  expect((await itemsOf(feed.id, "rejected")).json().items).toHaveLength(4);
});

test("an item delivered again is recorded as a duplicate of the same case; an array body works too", async () => {
  const feed = await newFeed();
  const first = (await deliver(feed.id, [item(601), item(602)])).json();
  expect(first).toMatchObject({ accepted: 2, duplicate: 0 });
  const second = (await deliver(feed.id, [item(602), item(603)])).json();
  expect(second).toMatchObject({ accepted: 1, duplicate: 1 });
  expect(second.items[0]).toEqual({ ...first.items[1], index: 0, status: "duplicate" });
  const dup = (await itemsOf(feed.id, "duplicate")).json().items;
  expect(dup).toEqual([expect.objectContaining({ externalId: "602", caseId: first.items[1].caseId })]);
  // Cursor pagination of the item log, newest first.
  const page1 = (
    await stack.app.inject({ method: "GET", url: `/v1/feeds/${feed.id}/items?limit=3`, headers: admin })
  ).json();
  expect(page1.items.map((i: { externalId: string }) => i.externalId)).toEqual(["603", "602", "602"]);
  const page2 = (
    await stack.app.inject({
      method: "GET",
      url: `/v1/feeds/${feed.id}/items?limit=3&cursor=${page1.nextCursor}`,
      headers: admin,
    })
  ).json();
  expect(page2).toEqual({ items: [expect.objectContaining({ externalId: "601" })], nextCursor: null });
});

describe("feed configuration", () => {
  test("validation, conflicts, roles and org isolation", async () => {
    const post = (payload: object, headers = admin, org = "omsk") =>
      stack.app.inject({ method: "POST", url: `/v1/orgs/${org}/feeds`, headers, payload });
    const base = { kind: "push", id: uniqueId("omsk.v").toLowerCase(), source: "mon-v", secret };
    const bad = expectProblem(await post({ ...base, mapping: { fields: { colour: "x" } } }), 422);
    expect(JSON.stringify(bad.errors)).toContain("mapping");
    expectProblem(await post({ ...base, secret: "short" }), 422);
    expectProblem(await post({ ...base, mapping: { fields: { text: { path: "a", const: "b" } } } }), 422);
    expect((await post(base)).statusCode).toBe(201);
    expectProblem(await post(base), 409);
    expectProblem(await post({ ...base, id: "omsk.other" }, await bearer("omsk.curator")), 403);
    expectProblem(await post({ ...base, id: "omsk.other" }, apiKey("omsk")), 403);
    expectProblem(await post({ ...base, id: "zarechny.x" }, admin, "zarechny"), 403);
    // Another org's admin does not see the feed or its items.
    const other = await bearer("zarechny.admin", { roles: ["admin"] });
    expectProblem(
      await stack.app.inject({ method: "GET", url: `/v1/feeds/${base.id}/items`, headers: other }),
      404,
    );
    // The org's integrator reads the item log with its API key.
    expect(
      (await stack.app.inject({ method: "GET", url: `/v1/feeds/${base.id}/items`, headers: apiKey("omsk") }))
        .statusCode,
    ).toBe(200);
    const list = (
      await stack.app.inject({ method: "GET", url: "/v1/orgs/omsk/feeds", headers: admin })
    ).json();
    expect(list.map((f: { id: string }) => f.id)).toContain(base.id);
  });

  test("a paused feed's webhook is 409; a new secret takes over; a deleted feed is 404", async () => {
    const feed = await newFeed();
    const patch = (payload: object) =>
      stack.app.inject({ method: "PATCH", url: `/v1/orgs/omsk/feeds/${feed.id}`, headers: admin, payload });
    expect((await patch({ active: false })).json()).toMatchObject({ active: false });
    expectProblem(await deliver(feed.id, item(701)), 409);
    expectProblem(await patch({ url: "https://example.org/feed" }), 422); // push feeds have no URL
    const next = "a-brand-new-secret-value";
    expect((await patch({ active: true, secret: next })).statusCode).toBe(200);
    expectProblem(await deliver(feed.id, item(702)), 401); // the old secret no longer signs
    const raw = JSON.stringify(item(702));
    expect((await deliver(feed.id, raw, signedHeaders(next, raw))).json()).toMatchObject({ accepted: 1 });
    const del = await stack.app.inject({
      method: "DELETE",
      url: `/v1/orgs/omsk/feeds/${feed.id}`,
      headers: admin,
    });
    expect(del.statusCode).toBe(204);
    expectProblem(await deliver(feed.id, raw, signedHeaders(next, raw)), 404);
    expect(await rowsOf(feed.id)).toEqual([]);
    // The case it started stays.
    expect(await exists(caseIdOf({ org: "omsk", source: feed.source, externalId: "702" }))).toBe(true);
    const [gone] = await stack.db.db
      .select()
      .from(feeds)
      .where(and(eq(feeds.id, feed.id)));
    expect(gone).toBeUndefined();
  });
});

test("more deliveries at once than the pool has connections: all ingested, none stuck", async () => {
  const feed = await newFeed();
  // The stack's pool has 4 connections; each item holds one while its case starts.
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => deliver(feed.id, [item(800 + 2 * i), item(801 + 2 * i)])),
  );
  expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
  expect(results.reduce((n, r) => n + r.json().accepted, 0)).toBe(20);
  expect((await rowsOf(feed.id)).filter((r) => r.status === "accepted")).toHaveLength(20);
});
