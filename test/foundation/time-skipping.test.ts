import { createRequire } from "node:module";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTimeSkippingEnv } from "../support/time-skipping";
import { sleeper } from "../support/workflows/sleeper";

const require = createRequire(import.meta.url);
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test("a workflow sleeping 7 days completes in seconds of wall time on the time-skipping server", async () => {
  expect(env.supportsTimeSkipping).toBe(true);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: "sleepers",
    workflowsPath: require.resolve("../support/workflows/sleeper.ts"),
  });
  const t0 = Date.now();
  const virtualStart = await env.currentTimeMs();
  const result = await worker.runUntil(
    env.client.workflow.execute(sleeper, { taskQueue: "sleepers", workflowId: "sleeper-7d", args: [7] }),
  );
  const wall = Date.now() - t0;
  const virtual = (await env.currentTimeMs()) - virtualStart;
  expect(result).toBe("woke");
  expect(virtual).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
  // Wall time is reported, not asserted tightly (performance is measured in bench/): a real sleep would take a week.
  expect(wall).toBeLessThan(virtual / 1000);
  console.log(`7 days of workflow time took ${wall} ms of wall time`);
});
