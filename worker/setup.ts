// One-shot setup for a real cluster (docker-compose `setup`, or by hand): applies the database migrations,
// registers the case search attributes in the namespace, and creates or updates the monthly report Schedule
// of every org in the database (re-run it after adding an org). Idempotent. The dev server gets the same
// attributes from scripts/stack.ts at start.
import { Client, Connection } from "@temporalio/client";
import proto from "@temporalio/proto";
import { config } from "../config";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { caseSearchAttributes } from "../workflows/search-attributes";
import { ensureCalendarSchedule } from "./calendar-schedule";
import { dataConverter } from "./codec";
import { ensureFeedSchedules } from "./feed-schedules";
import { ensureReportSchedules } from "./schedules";

const { temporal } = proto; // a CommonJS module: no named ESM exports under plain Node

export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = caseSearchAttributes.filter((k) => !(k.name in (existing.customAttributes ?? {})));
  if (missing.length > 0)
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((k) => [k.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${k.type}`]]),
      ),
    });
  return missing.map((k) => k.name);
}

async function main() {
  await migrateDb(config.databaseUrl);
  const connection = await Connection.connect({ address: config.temporal.address });
  const added = await registerSearchAttributes(connection, config.temporal.namespace);
  console.log(
    `setup: migrations applied; search attributes added: ${added.join(", ") || "none (all present)"}`,
  );
  // The monthly report Schedule of every org (worker/schedules.ts), created or updated.
  const database = createDb(config.databaseUrl, { max: 1 });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const schedules = await ensureReportSchedules(client, database.db, config.temporal.taskQueue);
  console.log(`setup: report schedules ${JSON.stringify(schedules)}`);
  // The yearly provisional-calendar reminder (worker/calendar-schedule.ts).
  console.log(`setup: calendar schedule ${await ensureCalendarSchedule(client, config.temporal.taskQueue)}`);
  // Every pull feed's poller Schedule (worker/feed-schedules.ts), as the feeds table says.
  const feedSchedules = await ensureFeedSchedules(client, database.db, config.temporal.taskQueue);
  console.log(`setup: feed schedules ${JSON.stringify(feedSchedules)}`);
  await database.close();
  await connection.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
