// The worker process: runs case workflows and their activities on the `cases` task queue.
import { Client } from "@temporalio/client";
import { NativeConnection, Worker } from "@temporalio/worker";
import { createActivities, createPublishers } from "../activities";
import { ingest } from "../activities/ingest";
import { createSmtpMailer } from "../activities/mail";
import { config } from "../config";
import { createDb } from "../db/client";
import { dataConverter } from "./codec";
import { workflowCode } from "./workflow-code";

/** A worker with the real workflow bundle and activities; `close()` ends its database pool. */
export async function createWorker(
  connection: NativeConnection,
  opts: { taskQueue?: string; databaseUrl?: string; smtpUrl?: string } = {},
) {
  const database = createDb(opts.databaseUrl ?? config.databaseUrl, { max: 5 });
  const mailer = createSmtpMailer(opts.smtpUrl ?? config.mail.smtpUrl, config.mail.from);
  const taskQueue = opts.taskQueue ?? config.temporal.taskQueue;
  // The feed poller starts cases as the API does (same ingestion, same sealed payloads), over this connection.
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    ...workflowCode,
    activities: createActivities({
      db: database.db,
      mailer,
      publishers: createPublishers({ db: database.db }),
      temporal,
      startCase: (message, db) =>
        ingest({ db, temporal, taskQueue, settings: { warnAtShare: config.warnAtShare } }, message),
    }),
    dataConverter,
  });
  return Object.assign(worker, {
    async close() {
      mailer.close();
      await database.close();
    },
  });
}

async function main() {
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker(connection);
  console.log(`worker: polling task queue '${worker.options.taskQueue}' at ${config.temporal.address}`);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => worker.shutdown());
  await worker.run();
  await worker.close();
  await connection.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
