import { expect, test } from "vitest";
import { summaryOf, withoutRules } from "../support/schemathesis";

// The closing lines of a real run (seed 20260311, as integrator), shortened.
const out = `=================================== WARNINGS ===================================

Authentication failed: 59 operations returned only 401/403 responses
=================================== SUMMARY ====================================

Warnings:
  ⚠️ Authentication failed: 59 operations returned only 401/403 responses
  ⚠️ Missing test data: 2 operations repeatedly returned 404 responses

Test cases:
  2030 generated, 2030 passed, 3 skipped

Seed: 20260311

============================= 2 warnings in 30.04s =============================
`;

test("the fuzz suite's log line carries the counts and warnings, and no pytest rule line reaches CI's log", () => {
  expect(summaryOf(out)).toBe(
    "2030 generated, 2030 passed, 3 skipped; Authentication failed: 59 operations returned only 401/403 responses; Missing test data: 2 operations repeatedly returned 404 responses",
  );
  const kept = withoutRules(out);
  expect(kept).not.toMatch(/^=+ .* =+$/m);
  expect(kept).toContain("-- 2 warnings in 30.04s --");
});
