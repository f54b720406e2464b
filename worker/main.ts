// The worker process: runs case workflows and their activities on the `cases` task queue.

import { getHeapStatistics } from "node:v8";
import { Client } from "@temporalio/client";
import { NativeConnection, Worker } from "@temporalio/worker";
import { createActivities, createPublishers } from "../activities";
import { ingest } from "../activities/ingest";
import { createSmtpMailer } from "../activities/mail";
import { config, type WorkerSettings } from "../config";
import { createDb } from "../db/client";
import { dataConverter } from "./codec";
import { workflowCode } from "./workflow-code";

/** A worker with the real workflow bundle and activities; `close()` ends its database pool. */
export async function createWorker(
  connection: NativeConnection,
  opts: {
    taskQueue?: string;
    databaseUrl?: string;
    smtpUrl?: string;
    settings?: Partial<WorkerSettings>;
  } = {},
) {
  const bounds = { ...config.worker, ...opts.settings };
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
    // Bounded memory (README "Performance and scale"): an evicted case is replayed from its history on its
    // next task, which bench/memory.bench.ts measures.
    maxCachedWorkflows: bounds.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: bounds.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: bounds.maxConcurrentActivities,
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
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  const w = config.worker;
  console.log(
    `worker: polling task queue '${worker.options.taskQueue}' at ${config.temporal.address}; ` +
      `cache ${w.maxCachedWorkflows} workflows, ${w.maxConcurrentWorkflowTasks} workflow tasks and ` +
      `${w.maxConcurrentActivities} activities at once, heap limit ${heapMb} MiB`,
  );
  // The heap limit is a Node flag fixed at process start: started without it, say so (README "Configuration").
  if (w.maxHeapMb > 0 && Math.abs(heapMb - w.maxHeapMb) > w.maxHeapMb * 0.1)
    console.warn(
      `worker: WORKER_MAX_HEAP_MB=${w.maxHeapMb} but the heap limit is ${heapMb} MiB: start the process with ` +
        `node --max-old-space-size=${w.maxHeapMb} (or NODE_OPTIONS)`,
    );
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
