// Pull feeds on the real stack: a loopback HTTP server speaks the wire format (GET ?cursor= ->
// {items, next}); the feed's Temporal Schedule `feed-<id>` follows the feed's configuration; the poller
// turns every item into exactly one case, keeps its cursor in PostgreSQL, and loses or doubles nothing
// when its worker is shut down in the middle of a page.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ScheduleNotFoundError } from "@temporalio/client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { itemLockKey } from "../../../activities/feeds";
import type { buildApp } from "../../../api/app";
import { cases, feedItems, feeds } from "../../../db/schema";
import { ensureFeedSchedules } from "../../../worker/feed-schedules";
import type { FeedPollerResult } from "../../../workflows/feed-poller";
import { caseIdOf } from "../../../workflows/message";
import { bearer, uniqueId } from "../../api/helpers";
import { devStack } from "../../durability/dev";

type Page = { items: unknown[]; next: string | null };

/** The monitoring system: pages by feed and cursor ("" = the first), every request logged. */
function feedServer() {
  const pages = new Map<string, Page>();
  /** feed|cursor -> a status to answer instead of the page, `times` times. */
  const failures = new Map<string, { status: number; times: number }>();
  const requests: Array<{ feed: string; cursor: string; authorization?: string }> = [];
  const server: Server = createServer((req, res) => {
    const q = new URL(req.url ?? "/", "http://feed").searchParams;
    const [feed, cursor] = [q.get("feed") ?? "", q.get("cursor") ?? ""];
    requests.push({ feed, cursor, authorization: req.headers.authorization });
    const failure = failures.get(`${feed}|${cursor}`);
    if (failure && failure.times-- > 0) {
      res.writeHead(failure.status, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: "not now" }));
    }
    const page = pages.get(`${feed}|${cursor}`);
    res.writeHead(page ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(page ?? { error: "no such cursor" }));
  });
  return {
    pages,
    failures,
    requests,
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let d: Awaited<ReturnType<typeof devStack>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let admin: Record<string, string>;
const server = feedServer();
let url: string;
beforeAll(async () => {
  d = await devStack();
  app = await d.api();
  admin = await bearer("omsk.admin", { roles: ["admin"] });
  url = await server.start();
});
afterAll(async () => {
  await app?.close();
  await d?.stop();
  await server.stop();
});

/** Items in the feed's own shape: `id` and `who` are mapped, the rest already has our names. */
const item = (prefix: string, n: number, over: Record<string, unknown> = {}) => ({
  id: `${prefix}-${n}`,
  network: "vk",
  channel: "comment",
  url: `https://vk.com/wall-3_${n}`,
  who: `Автор ${n}`,
  text: `Сообщение ${n}: яма на дороге`,
  publishedAt: "2026-03-02T09:00:00+06:00",
  ...over,
});
const mapping = { fields: { externalId: "id", "author.name": "who" } };

async function pullFeed(prefix: string, extra: Record<string, unknown> = {}) {
  const id = uniqueId(`omsk.${prefix}`).toLowerCase();
  const source = `pull-${id.replace(/[^a-z0-9]/g, "").slice(-16)}`;
  const res = await app.inject({
    method: "POST",
    url: "/v1/orgs/omsk/feeds",
    headers: admin,
    payload: {
      kind: "pull",
      id,
      source,
      url: `${url}?feed=${id}`,
      intervalSeconds: 86_400,
      mapping,
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id, source };
}

const rowsOf = (feedId: string) => d.db.db.select().from(feedItems).where(eq(feedItems.feedId, feedId));
const cursorOf = async (feedId: string) =>
  (await d.db.db.select().from(feeds).where(eq(feeds.id, feedId)))[0]!.cursor;

/** Runs the feed's Schedule now and waits for that run's result. */
async function runSchedule(feedId: string): Promise<FeedPollerResult> {
  const handle = d.client.schedule.getHandle(`feed-${feedId}`);
  const runs = async () => {
    const { info } = await handle.describe();
    return [...info.recentActions.map((a) => a.action), ...info.runningActions].map(
      (a) => a.workflow.workflowId,
    );
  };
  const before = new Set(await runs());
  await handle.trigger();
  let workflowId: string | undefined;
  // The Schedule's own workflow takes the trigger and starts the run: slow on a loaded dev server.
  await expect
    .poll(
      async () => {
        workflowId = (await runs()).find((id) => !before.has(id));
        return workflowId;
      },
      { timeout: 30_000 },
    )
    .toBeDefined();
  return d.client.workflow.getHandle(workflowId!).result();
}

/** Every item, by externalId: its feed_items rows, and its case in Temporal and the read model. */
async function expectOncePerItem(feed: { id: string; source: string }, ids: string[], status = "accepted") {
  const rows = await rowsOf(feed.id);
  for (const id of ids) {
    const mine = rows.filter((r) => r.externalId === id);
    expect(
      mine.map((r) => r.status),
      id,
    ).toEqual([status]);
    expect(mine[0]!.caseId).toBe(caseIdOf({ org: "omsk", source: feed.source, externalId: id }));
    await d.client.workflow.getHandle(mine[0]!.caseId!).describe(); // started (throws if not)
  }
  await expect
    .poll(
      async () => {
        const rows = await d.db.db.select().from(cases).where(eq(cases.source, feed.source));
        return rows.map((r) => r.externalId).sort();
      },
      { timeout: 30_000 },
    )
    .toEqual([...ids].sort());
}

describe("the feed's Schedule", () => {
  test("creating a pull feed creates schedule feed-<id> with the interval; changes follow; deleting removes it", async () => {
    const feed = await pullFeed("sched", { intervalSeconds: 3600 });
    const handle = d.client.schedule.getHandle(`feed-${feed.id}`);
    const desc = await handle.describe();
    expect(desc.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
    expect(desc.action).toMatchObject({
      type: "startWorkflow",
      workflowType: "feedPoller",
      taskQueue: d.taskQueue,
      args: [{ feedId: feed.id }],
    });
    expect(desc.policies.overlap).toBe("SKIP");
    expect(desc.state.paused).toBe(false);
    const patch = (payload: object) =>
      app.inject({ method: "PATCH", url: `/v1/orgs/omsk/feeds/${feed.id}`, headers: admin, payload });
    expect((await patch({ intervalSeconds: 600 })).statusCode).toBe(200);
    expect((await handle.describe()).spec.intervals?.map((i) => i.every)).toEqual([600_000]);
    expect((await patch({ active: false })).statusCode).toBe(200);
    expect((await handle.describe()).state.paused).toBe(true);
    // A cluster that lost its Schedules gets them back from the feeds table (worker/setup.ts).
    await handle.delete();
    expect((await ensureFeedSchedules(d.client, d.db.db, d.taskQueue))[feed.id]).toBe("created");
    const back = await handle.describe();
    expect(back.spec.intervals?.map((i) => i.every)).toEqual([600_000]);
    expect(back.state.paused).toBe(true);
    const del = await app.inject({ method: "DELETE", url: `/v1/orgs/omsk/feeds/${feed.id}`, headers: admin });
    expect(del.statusCode).toBe(204);
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});

test("the poller reads every page from the stored cursor; each item becomes exactly one case", async () => {
  const feed = await pullFeed("pages", { secret: "feed-endpoint-token" });
  const p = feed.id;
  server.pages.set(`${p}|`, { items: [1, 2, 3, 4].map((n) => item(p, n)), next: `${p}:2` });
  server.pages.set(`${p}|${p}:2`, {
    items: [item(p, 5), item(p, 6, { text: "" }), item(p, 7), item(p, 8)],
    next: `${p}:3`,
  });
  server.pages.set(`${p}|${p}:3`, { items: [item(p, 9), item(p, 10)], next: null });
  const first = await runSchedule(feed.id);
  expect(first).toMatchObject({ pages: 3, accepted: 9, rejected: 1, duplicate: 0, seen: 0 });
  const good = [1, 2, 3, 4, 5, 7, 8, 9, 10].map((n) => `${p}-${n}`);
  await expectOncePerItem(feed, good);
  const bad = (await rowsOf(feed.id)).find((r) => r.externalId === `${p}-6`);
  expect(bad).toMatchObject({ status: "rejected", reason: expect.stringMatching(/^text: /), caseId: null });
  // The last page's cursor is kept: the feed may append to that page.
  expect(await cursorOf(feed.id)).toBe(`${p}:3`);
  expect(server.requests.filter((r) => r.feed === p).at(-1)).toEqual({
    feed: p,
    cursor: `${p}:3`,
    authorization: "Bearer feed-endpoint-token",
  });

  // The next run reads the last page again: what was recorded is skipped, what was appended is new.
  server.pages.get(`${p}|${p}:3`)!.items.push(item(p, 11));
  const second = await runSchedule(feed.id);
  expect(second).toMatchObject({ pages: 1, accepted: 1, seen: 2, rejected: 0 });
  await expectOncePerItem(feed, [...good, `${p}-11`]);
  expect(await rowsOf(feed.id)).toHaveLength(11);
});

test("a worker shut down in the middle of a page: the page is read again, nothing lost or doubled", async () => {
  const feed = await pullFeed("crash");
  const p = feed.id;
  // Only this test's run reads the feed: the Schedule stays paused.
  await d.client.schedule.getHandle(`feed-${feed.id}`).pause("test drives the poller itself");
  server.pages.set(`${p}|`, { items: [1, 2, 3, 4, 5, 6].map((n) => item(p, n)), next: `${p}:b` });
  const pageB = [7, 8, 9, 10, 11, 12, 13, 14].map((n) => item(p, n));
  server.pages.set(`${p}|${p}:b`, { items: pageB, next: `${p}:c` });
  server.pages.set(`${p}|${p}:c`, { items: [15, 16, 17].map((n) => item(p, n)), next: null });
  const all = Array.from({ length: 17 }, (_, i) => `${p}-${i + 1}`);
  const pageBIds = pageB.map((i) => i.id);

  // Hold the fifth item of page b: the activity takes items 7-10, then waits for this lock mid-page.
  const lock = await d.db.sql.reserve();
  await lock`select pg_advisory_lock(hashtext(${itemLockKey(feed.id)}), hashtext(${`${p}-11`}))`;
  const run = await d.client.workflow.start("feedPoller", {
    taskQueue: d.taskQueue,
    workflowId: `feed-${feed.id}-crash-test`,
    args: [{ feedId: feed.id }],
  });
  const recordedOfB = async () =>
    (await rowsOf(feed.id)).filter((r) => pageBIds.includes(r.externalId!)).length;
  await expect.poll(recordedOfB, { timeout: 20_000 }).toBe(4);
  await new Promise((r) => setTimeout(r, 300));
  expect(await recordedOfB()).toBe(4); // stuck in the middle of page b
  expect(await cursorOf(feed.id)).toBe(`${p}:b`); // page a done, page b not

  // The worker goes down (its running activity is cancelled), the lock is let go, a new worker comes up.
  const restarting = d.restartWorker();
  await new Promise((r) => setTimeout(r, 300));
  await lock`select pg_advisory_unlock(hashtext(${itemLockKey(feed.id)}), hashtext(${`${p}-11`}))`;
  lock.release();
  await restarting;

  const result: FeedPollerResult = await run.result();
  // Page b was read again by the new worker: its first four items were recorded before the crash.
  expect(result).toMatchObject({ accepted: 13, seen: 4, duplicate: 0, rejected: 0, cursor: `${p}:c` });
  expect(server.requests.filter((r) => r.feed === p && r.cursor === `${p}:b`).length).toBeGreaterThanOrEqual(
    2,
  );
  await expectOncePerItem(feed, all);
  expect(await rowsOf(feed.id)).toHaveLength(17);
  expect(await cursorOf(feed.id)).toBe(`${p}:c`);
});

test("an endpoint that is down for a moment is retried; one that refuses fails the run, the cursor stays", async () => {
  const feed = await pullFeed("errors");
  const p = feed.id;
  await d.client.schedule.getHandle(`feed-${feed.id}`).pause("test drives the poller itself");
  server.pages.set(`${p}|`, { items: [item(p, 1)], next: `${p}:2` });
  server.pages.set(`${p}|${p}:2`, { items: [item(p, 2)], next: null });
  server.failures.set(`${p}|${p}:2`, { status: 503, times: 2 });
  const run = (suffix: string) =>
    d.client.workflow.execute("feedPoller", {
      taskQueue: d.taskQueue,
      workflowId: `feed-${feed.id}-${suffix}`,
      args: [{ feedId: feed.id }],
    });
  expect(await run("flaky")).toMatchObject({ pages: 2, accepted: 2 });
  expect(server.requests.filter((r) => r.feed === p && r.cursor === `${p}:2`)).toHaveLength(3);
  await expectOncePerItem(feed, [`${p}-1`, `${p}-2`]);

  server.failures.set(`${p}|${p}:2`, { status: 401, times: 1 });
  await expect(run("refused")).rejects.toMatchObject({ cause: { cause: { type: "FeedRefused" } } });
  expect(await cursorOf(feed.id)).toBe(`${p}:2`);
  expect(await rowsOf(feed.id)).toHaveLength(2);
});

test("a page's item with a NUL is recorded as rejected with the reason; a next cursor with one fails the run, the cursor stays", async () => {
  const feed = await pullFeed("nul");
  const p = feed.id;
  await d.client.schedule.getHandle(`feed-${feed.id}`).pause("test drives the poller itself");
  server.pages.set(`${p}|`, {
    items: [item(p, 1), item(p, 2, { text: "Яма\u0000 во дворе" })],
    next: `${p}:2`,
  });
  server.pages.set(`${p}|${p}:2`, { items: [item(p, 3)], next: `${p}:\u0000` });
  const result = d.client.workflow.execute("feedPoller", {
    taskQueue: d.taskQueue,
    workflowId: `feed-${feed.id}-nul`,
    args: [{ feedId: feed.id }],
  });
  await expect(result).rejects.toMatchObject({ cause: { cause: { type: "FeedPageInvalid" } } });
  const rows = await rowsOf(feed.id);
  expect(rows.find((r) => r.externalId === `${p}-2`)).toMatchObject({
    status: "rejected",
    reason: "text: contains a NUL character (U+0000)",
  });
  expect(rows.find((r) => r.externalId === `${p}-1`)).toMatchObject({ status: "accepted" });
  // The page with the bad cursor was refused whole: its item waits for a feed that sends a good one.
  expect(rows.find((r) => r.externalId === `${p}-3`)).toBeUndefined();
  expect(await cursorOf(feed.id)).toBe(`${p}:2`);
});
