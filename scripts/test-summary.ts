// The closing line of `make test`: vitest's JSON report summed into the plain "N passed, N failed" line
// that CI reads (its own coloured summary is not one of the lines CI recognises). Exits non-zero when a
// test failed or none ran, so the line can never claim a green run that was not.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".data/vitest.json";
const r = JSON.parse(readFileSync(file, "utf8")) as Record<string, number | boolean | undefined>;
const n = (k: string) => Number(r[k] ?? 0);
const passed = n("numPassedTests");
const failed = n("numFailedTests") + n("numFailedTestSuites");
const skipped = n("numPendingTests") + n("numTodoTests");
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || r.success === false ? 1 : 0);
