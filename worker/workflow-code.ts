// The workflow code as every Worker loads it — the product's worker, the test harnesses and replay: the
// bundle and the interceptor that fixes the order of Updates (workflows/update-order.ts). A replay without
// the interceptor would not run the code the cases ran.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const workflowCode = {
  workflowsPath: require.resolve("../workflows/index.ts"),
  interceptors: { workflowModules: [require.resolve("../workflows/update-order.ts")] },
  // Loaded once per workflow thread and shared by every case, where every other module is evaluated anew
  // for each case the worker loads. Parsing the five regulation profiles with zod was 24 % of the workflow
  // thread's time and ~2 MB of heap per cached case (bench/RESULTS.md "memory"). The SDK deep-freezes what a
  // preloaded module exports, so a case can neither change a profile nor a calendar for the next one; only
  // modules of pure data and pure functions belong here. Not zod schemas used at run time: zod installs its
  // methods on an instance at first use, which a frozen instance refuses.
  bundlerOptions: {
    preloadModules: [require.resolve("../regulations/index.ts"), require.resolve("../calendars/index.ts")],
  },
};
