// The Node requirement is true (issue 12): every Node the project's `engines` admits is admitted by every
// package in the lock, this machine's Node is one of them, and the README and the Dockerfile say the same.
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, test } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const ours = pkg.engines.node;

describe("the Node requirement", () => {
  test("every package in the lock runs on every Node that engines admits", () => {
    const narrower = Object.entries(lock.packages)
      .filter(([path, p]) => path && !Array.isArray(p.engines) && p.engines?.node)
      .filter(([, p]) => !semver.subset(ours, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version} wants ${(p.engines as { node: string }).node}`);
    expect(narrower).toEqual([]);
  });

  test("this machine's Node is admitted, and the README and the Dockerfile agree", () => {
    expect(semver.satisfies(process.version, ours)).toBe(true);
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(`Node.js ${ours}`);
    const images = [...readFileSync("Dockerfile", "utf8").matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const major of images)
      expect(semver.satisfies(`${major}.0.0`, ours) || semver.satisfies(`${major}.99.0`, ours)).toBe(true);
  });
});
