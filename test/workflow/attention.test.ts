// An activity that keeps failing is not retried silently forever (workflows/attention.ts): with the mail
// server gone, the assignment e-mail's activity gives up after its ten attempts, the case shows
// CaseAttention naming the outbox, keeps its state and its clocks, and the call is tried again an hour later.
import { afterAll, beforeAll, expect, test } from "vitest";
import { CaseAttention } from "../../workflows/search-attributes";
import { createHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.stop();
});

const attention = async (id: string) =>
  (await h.client.workflow.getHandle(id).describe()).typedSearchAttributes.get(CaseAttention);

test("a failing e-mail surfaces as CaseAttention instead of retrying forever; the case goes on", async () => {
  const id = await h.start("omsk");
  await expect.poll(async () => (await h.view(id)).seq).toBeGreaterThan(0);
  await h.smtp.stop(); // every e-mail from now on fails: connection refused
  const v = await h.act(id, "triage", "omsk.curator", {
    topic: "ЖКХ",
    importance: "normal",
    executors: ["omsk.executor1"],
  });
  expect(v.status).toBe("assigned");
  expect(await attention(id)).toBeUndefined();
  // Ten attempts with backoff from 1 s doubling to 5 min: about 15 minutes of virtual time.
  await h.sleep(20 * 60_000);
  await expect.poll(() => attention(id), { timeout: 20_000 }).toMatch(/^outbox: /);
  expect((await h.view(id)).status).toBe("assigned");
  const accepted = await h.act(id, "accept", "omsk.executor1");
  expect(accepted.status).toBe("drafting");
});
