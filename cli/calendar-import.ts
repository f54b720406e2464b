// `calendar import <file.xml> [--by NAME]`: a new decree without a release. The xmlcalendar file is validated
// (one year, every date once, known kinds), stored in DATABASE_URL (default: the `make dev` database) as a
// new version of the national calendar 'ru', and the running cases it can move are re-armed through the
// bounded fan-out on TEMPORAL_ADDRESS (activities/calendar-versions.ts, the same as the admin upload).
// Prints the version, the changed days and the fan-out's workflow id as JSON. An invalid file is exit 2.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Client, Connection } from "@temporalio/client";
import { importDecree } from "../activities/calendar-versions";
import { parseXmlCalendar } from "../calendars/xmlcalendar";
import { config } from "../config";
import { createDb } from "../db/client";
import { dataConverter } from "../worker/codec";
import { UsageError } from "./calendar";

const devDatabaseUrl = `postgres://casework:casework@127.0.0.1:${process.env.PG_PORT ?? 5433}/casework`;

export async function importCommand(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { by: { type: "string", default: `cli:${process.env.USER ?? "operator"}` } },
  });
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new UsageError("usage: calendar import <FILE.xml> [--by NAME]");
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read decree file "${file}"`);
  }
  parseXmlCalendar(xml); // a bad file is a user error (exit 2) before any connection
  const db = createDb(config.databaseUrl || devDatabaseUrl, { max: 1 });
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
    const r = await importDecree(
      { db: db.db, temporal, taskQueue: config.temporal.taskQueue },
      "ru",
      xml,
      values.by,
    );
    return `${JSON.stringify(r)}\n`;
  } finally {
    await connection.close();
    await db.close();
  }
}
