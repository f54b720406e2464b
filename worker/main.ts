// The worker process: runs case workflows and their activities on the `cases` task queue.
import { createRequire } from "node:module";
import { NativeConnection, Worker } from "@temporalio/worker";
import { config } from "../config";

const require = createRequire(import.meta.url);

export async function createWorker(
  connection: NativeConnection,
  opts: { taskQueue?: string; databaseUrl?: string } = {},
) {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: opts.taskQueue ?? config.temporal.taskQueue,
    workflowsPath: require.resolve("../workflows/index.ts"),
    activities: {},
  });
}

async function main() {
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker(connection);
  console.log(`worker: polling task queue '${config.temporal.taskQueue}' at ${config.temporal.address}`);
  await worker.run();
  await connection.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
