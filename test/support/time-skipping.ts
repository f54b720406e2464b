// Temporal's Java time-skipping test server (Maven Central), started by @temporalio/testing from the
// wrapper that scripts/tools.sh writes into .tools/bin.
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { toolPath } from "../../scripts/stack";

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: "existing-path", path: toolPath("test-server") } },
  });
}
