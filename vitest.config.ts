import { defineConfig } from "vitest/config";

// Suites that need the stack (Temporal, PostgreSQL) get it from test/global-setup.ts;
// pure suites (calendars, regulations) run without it.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
