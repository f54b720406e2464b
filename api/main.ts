// The API process: Fastify on :3000 in front of Temporal and PostgreSQL.
import { Client, Connection } from "@temporalio/client";
import { russianSpeller } from "../checks";
import { config } from "../config";
import { createDb } from "../db/client";
import { dataConverter } from "../worker/codec";
import { buildApp, loggerOptions } from "./app";
import { apiConnectionOptions } from "./temporal";

async function main() {
  // The draft checks' dictionary, read once per process: at start, not on the first draft.
  russianSpeller();
  const connection = await Connection.connect(apiConnectionOptions(config.temporal.address));
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const { db, sql } = createDb(config.databaseUrl);
  const app = await buildApp(
    {
      temporal,
      taskQueue: config.temporal.taskQueue,
      db,
      temporalUp: async () => {
        await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
      },
      postgresUp: async () => {
        await sql`select 1`;
      },
    },
    { logger: loggerOptions },
  );
  await app.listen({ host: config.api.host, port: config.api.port });
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, async () => {
      await app.close();
      await sql.end({ timeout: 5 });
      await connection.close();
      process.exit(0);
    });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
