// The workflow code as every Worker loads it — the product's worker, the test harnesses and replay: the
// bundle and the interceptor that fixes the order of Updates (workflows/update-order.ts). A replay without
// the interceptor would not run the code the cases ran.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const workflowCode = {
  workflowsPath: require.resolve("../workflows/index.ts"),
  interceptors: { workflowModules: [require.resolve("../workflows/update-order.ts")] },
};
