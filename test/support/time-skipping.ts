// Temporal's Java time-skipping test server (Maven Central), started by @temporalio/testing from the
// wrapper that scripts/tools.sh writes into .tools/bin.
import type { DataConverter } from "@temporalio/common";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { toolPath } from "../../scripts/stack";

export function createTimeSkippingEnv(
  opts: { dataConverter?: DataConverter } = {},
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: toolPath("test-server") } },
    client: { dataConverter: opts.dataConverter },
  });
}
