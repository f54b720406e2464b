// A pull feed's worker killed outright (SIGKILL of its process: no shutdown, no cancellation) at the worst
// moment of a page: an item's case is started but its feed_items row is not written yet, and the cursor
// still points at the page. The server retries the page's activity on another worker after the heartbeat
// timeout; nothing is lost and nothing doubled.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { NativeConnection } from "@temporalio/worker";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { itemLockKey } from "../../../activities/feeds";
import type { buildApp } from "../../../api/app";
import { cases, feedItems, feeds } from "../../../db/schema";
import { createWorker } from "../../../worker/main";
import type { FeedPollerResult } from "../../../workflows/feed-poller";
import { caseIdOf } from "../../../workflows/message";
import { bearer, uniqueId } from "../../api/helpers";
import { devStack } from "../../durability/dev";
import { type Proc, workerProcess } from "../../support/processes";

let d: Awaited<ReturnType<typeof devStack>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let child: Proc | undefined;
const pages = new Map<string, { items: unknown[]; next: string | null }>();
const server = createServer((req, res) => {
  const cursor = new URL(req.url ?? "/", "http://feed").searchParams.get("cursor") ?? "";
  const page = pages.get(cursor);
  res.writeHead(page ? 200 : 404, { "content-type": "application/json" });
  res.end(JSON.stringify(page ?? {}));
});
beforeAll(async () => {
  d = await devStack();
  app = await d.api();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await child?.kill();
  await app?.close();
  await d?.stop();
  await new Promise((r) => server.close(r));
});

test("SIGKILL between starting an item's case and recording it: no item lost or doubled", async () => {
  const id = uniqueId("omsk.kill").toLowerCase();
  const source = `kill-${id.replace(/[^a-z0-9]/g, "").slice(-16)}`;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  const created = await app.inject({
    method: "POST",
    url: "/v1/orgs/omsk/feeds",
    headers: await bearer("omsk.admin", { roles: ["admin"] }),
    payload: {
      kind: "pull",
      id,
      source,
      url,
      intervalSeconds: 86_400,
      mapping: { fields: { externalId: "id" } },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  await d.client.schedule.getHandle(`feed-${id}`).pause("test drives the poller itself");
  const item = (n: number) => ({
    id: `k${n}`,
    network: "vk",
    channel: "comment",
    url: `https://vk.com/wall-9_${n}`,
    text: `Сообщение ${n}`,
    publishedAt: "2026-03-02T09:00:00+06:00",
  });
  pages.set("", { items: [1, 2, 3].map(item), next: "b" });
  pages.set("b", { items: [4, 5, 6, 7, 8, 9].map(item), next: "c" });
  pages.set("c", { items: [10, 11].map(item), next: null });
  const all = Array.from({ length: 11 }, (_, i) => `k${i + 1}`);
  const rows = () => d.db.db.select().from(feedItems).where(eq(feedItems.feedId, id));

  // The poller runs on a queue only the worker process serves.
  const queue = `${d.taskQueue}-killable`;
  child = await workerProcess({
    name: "poller-worker",
    temporalAddress: inject("temporalAddress"),
    databaseUrl: inject("databaseUrl"),
    taskQueue: queue,
  });
  const lock = await d.db.sql.reserve();
  await lock`select pg_advisory_lock(hashtext(${itemLockKey(id)}), hashtext(${"k7"}))`;
  const run = await d.client.workflow.start("feedPoller", {
    taskQueue: queue,
    workflowId: `feed-${id}-kill-test`,
    args: [{ feedId: id }],
  });
  // k4-k6 recorded, k7 waits for its lock. Block every insert into feed_items, then let k7 go on:
  // its case starts, its row cannot be written.
  await expect.poll(async () => (await rows()).length, { timeout: 30_000 }).toBe(6);
  await lock`begin`;
  await lock`lock table feed_items in share mode`;
  await lock`select pg_advisory_unlock(hashtext(${itemLockKey(id)}), hashtext(${"k7"}))`;
  const k7 = caseIdOf({ org: "omsk", source, externalId: "k7" });
  await expect
    .poll(
      () =>
        d.client.workflow
          .getHandle(k7)
          .describe()
          .then(
            () => true,
            () => false,
          ),
      { timeout: 20_000 },
    )
    .toBe(true);
  expect((await rows()).map((r) => r.externalId)).not.toContain("k7");
  expect((await d.db.db.select().from(feeds).where(eq(feeds.id, id)))[0]!.cursor).toBe("b");

  await child.kill();
  await lock`rollback`;
  lock.release();

  // Another worker takes over once the server gives up on the dead one (heartbeat timeout, 30 s).
  const native = await NativeConnection.connect({ address: inject("temporalAddress") });
  const worker = await createWorker(native, { taskQueue: queue, databaseUrl: inject("databaseUrl") });
  const running = worker.run();
  try {
    const result: FeedPollerResult = await run.result();
    expect(result).toMatchObject({ pages: 3, accepted: 7, seen: 3, duplicate: 1, rejected: 0, cursor: "c" });
    const recorded = await rows();
    for (const ext of all)
      expect(
        recorded.filter((r) => r.externalId === ext),
        ext,
      ).toHaveLength(1);
    expect(recorded).toHaveLength(11);
    // k7's case was started by the killed attempt: the retry finds it and records it as a duplicate.
    expect(recorded.find((r) => r.externalId === "k7")).toMatchObject({ status: "duplicate", caseId: k7 });
    expect(recorded.filter((r) => r.status === "accepted")).toHaveLength(10);
    await expect
      .poll(async () =>
        (await d.db.db.select().from(cases).where(eq(cases.source, source))).map((c) => c.externalId).sort(),
      )
      .toEqual([...all].sort());
  } finally {
    worker.shutdown();
    await running;
    await worker.close();
    await native.close();
  }
}, 120_000);
