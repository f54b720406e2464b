// calendars/ runs inside the Temporal workflow sandbox (docs/contracts.md, docs/architecture.md): no I/O, no
// clock, no randomness, no environment, and no imports from the rest of the project.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bDate\.now\b/, "Date.now"],
  [/new Date\(\s*\)/, "new Date() without an argument"],
  [/\bMath\.random\b/, "Math.random"],
  [/\bprocess\./, "process"],
  [/from\s+["']node:/, "a node: module"],
  [/from\s+["'](fs|path|os|child_process)["']/, "a Node module"],
  [/DateTime\.(now|local)\(\s*\)/, "luxon's current time"],
];

describe("calendars/ is pure (workflow sandbox rules)", () => {
  const files = sources("calendars");
  it("has sources to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(`${file} uses no clock, randomness, environment or I/O`, () => {
      const text = readFileSync(file, "utf8");
      for (const [re, what] of FORBIDDEN) expect(re.test(text), `${file} uses ${what}`).toBe(false);
      // Only its own files and luxon: calendars/ imports nothing from the rest (docs/architecture.md
      // "Layout").
      for (const [, spec] of text.matchAll(/from\s+["']([^"']+)["']/g)) {
        const ok = spec!.startsWith(".")
          ? normalize(join(dirname(file), spec!)).startsWith("calendars")
          : spec === "luxon";
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    });
  }
});
