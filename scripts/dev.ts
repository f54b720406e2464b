// `make dev`: the whole stack in the foreground — Temporal dev server (UI :8233), PostgreSQL (embedded
// under .data/pg unless DATABASE_URL is set), migrations, demo seed, worker and API (:3000). Ctrl-C stops
// everything it started.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { config, workerNodeFlags } from "../config";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { ensureCalendarSchedule } from "../worker/calendar-schedule";
import { dataConverter } from "../worker/codec";
import { ensureFeedSchedules } from "../worker/feed-schedules";
import { ensureReportSchedules } from "../worker/schedules";
import {
  dataDir,
  type Postgres,
  portOpen,
  root,
  startEmbeddedPostgres,
  startTemporal,
  type TemporalDevServer,
} from "./stack";
import { type Supervised, supervise } from "./supervise";

const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const PG_PORT = Number(process.env.PG_PORT ?? 5433);
const API_PORT = Number(process.env.PORT ?? 3000);

const stops: Array<() => Promise<void>> = [];
const supervised: Supervised[] = [];
let stopping = false;

/** What `make stop` (scripts/stop.ts) finds if this process itself is gone: every pid the stack started. */
function writePids(pids: Record<string, number | undefined>) {
  writeFileSync(path.join(dataDir, "dev.pids.json"), JSON.stringify(pids));
}
const pids: Record<string, number | undefined> = { supervisor: process.pid };

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping the stack...");
  await Promise.all(supervised.map((s) => s.stop()));
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  rmSync(path.join(dataDir, "dev.pid"), { force: true });
  rmSync(path.join(dataDir, "dev.pids.json"), { force: true });
  process.exit(code);
}

async function main() {
  if (await portOpen(API_PORT))
    throw new Error(`port ${API_PORT} is taken: is a stack already running? (make stop)`);
  writeFileSync(path.join(dataDir, "dev.pid"), String(process.pid));
  writePids(pids);
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const t: TemporalDevServer = await startTemporal({
      port: TEMPORAL_PORT,
      uiPort: UI_PORT,
      // Temporal UI reads sealed payloads through the API's codec, as the dev console (api/auth/dev-console.ts).
      uiCodecEndpoint: `http://localhost:${API_PORT}/codec`,
      dbFile: path.join(dataDir, "temporal.sqlite"),
    });
    stops.push(() => t.stop());
    pids.temporal = t.process.pid;
    writePids(pids);
    temporalAddress = t.address;
  }
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg: Postgres = await startEmbeddedPostgres({
      dir: path.join(dataDir, "pg"),
      port: PG_PORT,
      database: "casework",
    });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
  }
  await migrateDb(databaseUrl);
  const { db, close } = createDb(databaseUrl, { max: 1 });
  const seeded = await seedDemo(db);
  // As worker/setup.ts does on a cluster: every org's monthly report Schedule and every pull feed's poller.
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const reports = await ensureReportSchedules(client, db, config.temporal.taskQueue);
  await ensureCalendarSchedule(client, config.temporal.taskQueue);
  const feeds = await ensureFeedSchedules(client, db, config.temporal.taskQueue);
  await connection.close();
  await close();

  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    // The UI has no single sign-on here: its own origin may decode (never under NODE_ENV=production).
    CODEC_TRUSTS_UI: process.env.CODEC_TRUSTS_UI ?? "1",
    TEMPORAL_UI_ORIGIN: process.env.TEMPORAL_UI_ORIGIN ?? `http://localhost:${UI_PORT}`,
  };
  // A crashed worker or API is started again with backoff (scripts/supervise.ts), the rest keeps running.
  for (const [name, entry] of [
    ["worker", "worker/main.ts"],
    ["api", "api/main.ts"],
  ] as const) {
    const s = supervise(name, () => {
      // The worker's heap limit (WORKER_MAX_HEAP_MB) is a Node flag: config.ts workerNodeFlags.
      const flags = name === "worker" ? workerNodeFlags() : [];
      const child = spawn(process.execPath, [...flags, "--import", "tsx", path.join(root, entry)], {
        env,
        stdio: "inherit",
      });
      pids[name] = child.pid;
      writePids(pids);
      return child;
    });
    supervised.push(s);
  }
  console.log(`
  casework is up
    API          http://localhost:${API_PORT}   (health: /health, OpenAPI: /docs)
    Temporal UI  ${process.env.TEMPORAL_ADDRESS ? `(external Temporal at ${temporalAddress})` : `http://localhost:${UI_PORT}   (payloads decoded by the API's /codec)`}
    Temporal     ${temporalAddress}
    PostgreSQL   ${databaseUrl.replace(/:[^:@/]+@/, ":***@")}
    Demo orgs    ${seeded.orgs.join(", ")} (tokens: npx tsx cli/main.ts token <staffId>)
    Schedules    monthly reports ${JSON.stringify(reports)}, pull feeds ${JSON.stringify(feeds)}
  Ctrl-C (or make stop) stops everything; a crashed worker or API is restarted.`);
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
});
