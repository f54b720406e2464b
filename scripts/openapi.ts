// `npx tsx scripts/openapi.ts` writes openapi.json at the repository root from the routes' schemas, so
// API changes show up in review as a diff. test/api/openapi.test.ts fails when the file is stale.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { buildApp } from "../api/app";
import { createDb } from "../db/client";

export const openapiFile = path.resolve(import.meta.dirname, "..", "openapi.json");

/** The app with nothing connected (Temporal and PostgreSQL clients are lazy): enough for its spec. */
export async function buildOfflineApp() {
  const { db, close } = createDb("postgres://unused@127.0.0.1:1/unused");
  const app = await buildApp({
    temporal: new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }),
    taskQueue: "unused",
    db,
    temporalUp: async () => {},
    postgresUp: async () => {},
  });
  app.addHook("onClose", close);
  await app.ready();
  return app;
}

export async function generateOpenApi(): Promise<unknown> {
  const app = await buildOfflineApp();
  const spec = app.swagger();
  await app.close();
  return spec;
}

async function main() {
  writeFileSync(openapiFile, `${JSON.stringify(await generateOpenApi(), null, 2)}\n`);
  execFileSync("npx", ["biome", "format", "--write", openapiFile], { stdio: "ignore" });
  console.log(`wrote ${path.relative(process.cwd(), openapiFile)}`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
