import { defineConfig } from "vitest/config";

// Two projects: pure suites (calendars, regulations, units) run without services; `stack` suites get the
// real Temporal dev server and PostgreSQL from test/support/stack-setup.ts (time-skipping suites start
// Temporal's Java test server themselves). Files run one at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Activities (projection, e-mail) finish in real time after the workflow moves: allow a loaded machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 180_000,
    pool: "forks",
    // The loopback stand-ins (networks, feeds, webhooks) are on the outbound allow-list (activities/outbound);
    // test/outside/security/outbound.test.ts builds guards without it.
    env: { OUTBOUND_ALLOW_HOSTS: "127.0.0.1" },
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/{calendars,regulations,unit}/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "stack",
          include: ["test/{foundation,activities,workflow,durability,api,outside}/**/*.test.ts"],
          globalSetup: ["test/support/stack-setup.ts"],
        },
      },
    ],
  },
});
