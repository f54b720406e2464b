// A production process refuses to start on the dev-only keys written in config.ts.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { missingProductionSecrets } from "../../config";

const all = {
  NODE_ENV: "production",
  PAYLOAD_KEY: "p",
  SECRETS_KEY: "s",
  JWT_SECRET: "j",
  DATABASE_URL: "postgres://x@db/x",
};

describe("production configuration", () => {
  test("names every secret left to its dev-only default", () => {
    expect(missingProductionSecrets({ NODE_ENV: "production" })).toEqual([
      "PAYLOAD_KEY",
      "SECRETS_KEY",
      "JWT_SECRET or JWKS_URL",
      "DATABASE_URL",
    ]);
    expect(missingProductionSecrets(all)).toEqual([]);
    expect(missingProductionSecrets({ ...all, JWT_SECRET: undefined, JWKS_URL: "https://idp/jwks" })).toEqual(
      [],
    );
    // Dev and tests run on the defaults.
    expect(missingProductionSecrets({ NODE_ENV: "development" })).toEqual([]);
    expect(missingProductionSecrets({})).toEqual([]);
  });

  test("a process under NODE_ENV=production exits at start with the list; with the keys set it starts", () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", "tsx", "-e", 'import("./config.ts")'], {
        env: { PATH: process.env.PATH ?? "", ...env },
        encoding: "utf8",
      });
    const bad = run({ NODE_ENV: "production", SECRETS_KEY: "s" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      "NODE_ENV=production and not set: PAYLOAD_KEY, JWT_SECRET or JWKS_URL, DATABASE_URL",
    );
    const good = run(all);
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
  });
});
