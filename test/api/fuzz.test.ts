// Schemathesis (the OpenAPI fuzzer, pinned in scripts/tools.sh) against the real API, worker, Temporal dev
// server and PostgreSQL, once per role, with a fixed seed and about two minutes in all (README.md "Fuzzing").
// The API listens on 127.0.0.1 over a database of its own (the fuzzer changes staff, calendars and routing
// rules, which the other suites rely on). It fails on any failed check; the fuzzer's output says which.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { buildApp } from "../../api/app";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { dataDir, toolPath } from "../../scripts/stack";
import { caseIdOf } from "../../workflows/message";
import { summaryOf, withoutRules } from "../support/schemathesis";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, message } from "./helpers";

/** Seconds of fuzzing per role; FUZZ_SECONDS overrides (a longer local run). */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20260311);

let stack: TestStack;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let st: string;

beforeAll(async () => {
  st = toolPath("schemathesis");
  const root = inject("databaseUrl").replace(/\/[^/]+$/, "/postgres");
  const admin = postgres(root, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists casework_fuzz with (force)");
  await admin.unsafe("create database casework_fuzz");
  await admin.end();
  const url = root.replace(/\/postgres$/, "/casework_fuzz");
  await migrateDb(url);
  const seed = createDb(url, { max: 1 });
  await seedDemo(seed.db);
  await seed.close();
  stack = await startTestStack(undefined, url);
  // The fuzzer sends far more than a person: the rate limit is tested in its own suite.
  app = await buildApp({ ...stack.deps, settings: { rateLimitPerMinute: 1_000_000 } });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
  // Real ids beside the made-up ones, so that the fuzzer reaches past 404: two open cases of omsk.
  for (const n of [1, 2]) {
    const m = message("omsk", `fuzz-${process.pid}-${n}`);
    const res = await app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: apiKey("omsk"),
      payload: m,
    });
    expect(res.statusCode, res.body).toBe(201);
    caseIds.push(caseIdOf(m));
  }
});

const caseIds: string[] = [];

/** Known values for the path parameters, each drawn half of the time (README.md "Fuzzing"). */
function knownValues(): string {
  const known: Record<string, string[]> = {
    orgId: ["omsk"],
    caseId: caseIds,
    calendarId: ["ru"],
    regulationId: ["omsk", "yuzhno-sakhalinsk"],
    // Not the fuzzing roles themselves: an admin that demoted itself would test the rest as nobody.
    staffId: ["omsk.executor2", "omsk.supervisor"],
  };
  const dictionaries = Object.entries(known).map(
    ([name, values]) => `[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`,
  );
  const parameters = Object.keys(known).map(
    (name) => `"path.${name}" = { dictionary = "${name}", probability = 0.5 }`,
  );
  return `${dictionaries.join("\n")}\n[parameters]\n${parameters.join("\n")}\n`;
}

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

/** `cmd` in `cwd` (Schemathesis keeps its cache of crashes there), killed after `timeoutMs`. */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child: ChildProcess = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The credential of each role as Schemathesis' auth for the document's security schemes (api/plugins/auth.ts
 * `credentials`), so that its auth checks can take it away. */
const roles: Array<[string, () => Promise<string>]> = [
  ["integrator", async () => `[auth.openapi.apiKey]\napi_key = "${apiKey("omsk")["x-api-key"]}"\n`],
  ["executor", () => token("omsk.executor1")],
  ["curator", () => token("omsk.curator")],
  ["admin", () => token("omsk.admin")],
];
async function token(staffId: string) {
  const { authorization } = await bearer(staffId, { ttl: "1h" });
  return `[auth.openapi.bearer]\nbearer = "${authorization.replace(/^Bearer /, "")}"\n`;
}

test.each(roles)(
  "Schemathesis finds nothing as %s",
  { timeout: SECONDS * 1000 + 120_000 },
  async (role, creds) => {
    const reports = path.join(dataDir, "fuzz", role);
    mkdirSync(reports, { recursive: true });
    const configFile = path.join(reports, "schemathesis.toml");
    writeFileSync(
      configFile,
      `${readFileSync(path.join(import.meta.dirname, "schemathesis.toml"), "utf8")}\n${knownValues()}\n${await creds()}`,
    );
    const { code, out } = await run(
      st,
      [
        "--config-file",
        configFile,
        "run",
        `${base}/docs/json`,
        "--url",
        base,
        // NUL is refused by a rule of every string (api/plugins/contract.ts) that the document does not spell
        // out per field; test/api/bad-input.test.ts tests it.
        "--generation-allow-x00",
        "false",
        "--checks",
        "all",
        "--seed",
        String(SEED),
        "--max-time",
        String(SECONDS),
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--max-response-time",
        "5",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "junit,ndjson",
        "--report-dir",
        reports,
      ],
      reports,
      SECONDS * 1000 + 110_000,
    );
    const log = path.join(reports, "schemathesis.log");
    writeFileSync(log, out);
    console.log(
      `schemathesis as ${role}: ${summaryOf(out)} (whole output: ${path.relative(process.cwd(), log)})`,
    );
    expect(code, withoutRules(out.slice(-20_000))).toBe(0);
  },
);
