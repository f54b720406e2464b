// Failure messages are sealed like payloads (worker/failure-converter.ts): a feed endpoint's refusal quotes
// its body in the activity's failure; Temporal's history keeps only "Encoded failure" and ciphertext, the
// product's clients read the message back, and the codec endpoint opens it for the feed's org's admin only.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { buildApp } from "../../../api/app";
import { feeds } from "../../../db/schema";
import { bearer, uniqueId } from "../../api/helpers";
import { devStack } from "../../durability/dev";

const marker = "Bearer-token-of-the-feed-quoted-by-the-remote-xyz123";
let d: Awaited<ReturnType<typeof devStack>>;
let app: Awaited<ReturnType<typeof buildApp>>;
const server = createServer((_req, res) => {
  res.writeHead(401, { "content-type": "text/plain" });
  res.end(`denied: ${marker}`);
});
beforeAll(async () => {
  d = await devStack();
  app = await d.api();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await app?.close();
  await d?.stop();
  await new Promise((r) => server.close(r));
});

test("an activity's failure message is sealed in history and read back by the product and the org's admin", async () => {
  const id = uniqueId("omsk.sealed");
  await d.db.db.insert(feeds).values({
    id,
    orgId: "omsk",
    kind: "pull",
    source: id,
    mapping: { fields: {} },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`,
    intervalSeconds: 300,
  });
  const workflowId = `feed-${id}-${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`;
  const run = d.client.workflow.execute("feedPoller", {
    taskQueue: d.taskQueue,
    workflowId,
    args: [{ feedId: id }],
  });
  // the product's client decodes it: the message is there
  const e = await run.catch((x: unknown) => x);
  expect(String((e as { cause?: { cause?: Error } }).cause?.cause?.message)).toContain(marker);

  // Temporal's history holds no clear text of it
  const history = await d.client.workflow.getHandle(workflowId).fetchHistory();
  const failed = history.events!.find((ev) => ev.activityTaskFailedEventAttributes)!
    .activityTaskFailedEventAttributes!.failure!;
  expect(failed.message).toBe("Encoded failure");
  expect(failed.stackTrace ?? "").toBe("");
  const sealed = failed.encodedAttributes!;
  expect(Buffer.from(sealed.metadata!.encoding!).toString()).toBe("binary/encrypted");
  const raw = JSON.stringify(history, (_k, v) => (v?.type === "Buffer" ? Buffer.from(v.data).toString() : v));
  expect(raw).not.toContain(marker);

  // the codec endpoint opens it for omsk's admin, not for another org's
  const wire = {
    payloads: [
      {
        metadata: Object.fromEntries(
          Object.entries(sealed.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString("base64")]),
        ),
        data: Buffer.from(sealed.data!).toString("base64"),
      },
    ],
  };
  const decode = async (who: string) =>
    (
      await app.inject({
        method: "POST",
        url: "/codec/decode",
        headers: await bearer(who, { roles: ["admin"] }),
        payload: wire,
      })
    ).json().payloads[0];
  const mine = await decode("omsk.admin");
  expect(Buffer.from(mine.data, "base64").toString()).toContain(marker);
  const theirs = await decode("zarechny.admin");
  expect(Buffer.from(theirs.metadata.encoding, "base64").toString()).toBe("binary/encrypted");
});
