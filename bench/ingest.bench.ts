// What the API costs on top of Temporal: POST /v1/messages (API key auth, zod validation, org and calendar
// overrides from PostgreSQL, the planner's deadlines, workflow start, a getCase query) against a bare
// Temporal client starting the same workflow, on the same dev server and worker, in the same run.
//   npx tsx bench/ingest.bench.ts [count]
import { rmSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection } from "@temporalio/worker";
import { buildApp } from "../api/app";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { demoKey, seedDemo } from "../db/seed";
import { dataDir, freePort, startEmbeddedPostgres, startTemporal } from "../scripts/stack";
import { dataConverter } from "../worker/codec";
import { createWorker } from "../worker/main";
import { caseWorkflow } from "../workflows/case";
import { type CaseInput, caseIdOf, type Message } from "../workflows/message";

const COUNT = Number(process.argv[2] ?? 300);

async function main() {
  const temporal = await startTemporal({
    port: await freePort(),
    dbFile: null,
    log: path.join(dataDir, "temporal-bench.log"),
  });
  const pgDir = path.join(dataDir, "pg-bench");
  rmSync(pgDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: await freePort(), database: "bench" });
  await migrateDb(pg.url);
  const db = createDb(pg.url, { max: 8 });
  await seedDemo(db.db);
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker(native, { taskQueue: "bench", databaseUrl: pg.url });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, dataConverter });
  const app = await buildApp({
    temporal: client,
    taskQueue: "bench",
    db: db.db,
    temporalUp: async () => {},
    postgresUp: async () => {},
    // Every request still passes the limiter (its counter in PostgreSQL); the budget is not what is measured.
    settings: { rateLimitPerMinute: 1_000_000 },
  });
  const now = new Date().toISOString();
  const message = (externalId: string): Message => ({
    org: "omsk",
    source: "bench",
    externalId,
    network: "vk",
    channel: "comment",
    url: `https://vk.com/wall-3_${externalId}`,
    author: { name: "Житель" },
    text: "Когда отремонтируют дорогу?",
    attachments: [],
    publishedAt: now,
    detectedAt: now,
    hints: {},
  });
  const org = { id: "omsk", regulation: "omsk", calendarId: "ru", zone: "Asia/Omsk", urgentTopics: [] };

  const bare = async (id: string) => {
    const m = message(`bare-${id}`);
    const input: CaseInput = { caseId: caseIdOf(m), message: m, org, receivedAt: now };
    await client.workflow.start(caseWorkflow, {
      workflowId: input.caseId,
      taskQueue: "bench",
      args: [input],
    });
  };
  const api = async (id: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/v1/messages",
      headers: { "x-api-key": demoKey("omsk") },
      payload: message(`api-${id}`),
    });
    if (res.statusCode !== 201) throw new Error(`API answered ${res.statusCode}: ${res.body}`);
  };
  const time = async (f: (id: string) => Promise<void>) => {
    for (let i = 0; i < 20; i++) await f(`warm-${i}`);
    const t0 = performance.now();
    for (let i = 0; i < COUNT; i++) await f(String(i));
    return (performance.now() - t0) / COUNT;
  };
  // Alternate the two, twice, so that a warming server favours neither.
  let bareMs = await time(bare);
  let apiMs = await time(api);
  bareMs = (bareMs + (await time((id) => bare(`b-${id}`)))) / 2;
  apiMs = (apiMs + (await time((id) => api(`b-${id}`)))) / 2;
  console.log(`sequential starts of caseWorkflow, 2 × ${COUNT} each, same dev server and worker:`);
  console.log(`  bare Temporal client: ${bareMs.toFixed(2)} ms/case`);
  console.log(`  POST /v1/messages:    ${apiMs.toFixed(2)} ms/case`);
  console.log(`  ratio (API / bare):   ${(apiMs / bareMs).toFixed(2)}×`);

  await app.close();
  worker.shutdown();
  await running;
  await worker.close();
  await connection.close();
  await native.close();
  await db.close();
  await pg.stop();
  await temporal.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
