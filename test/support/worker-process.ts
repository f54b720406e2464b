// A worker in a process of its own, for suites that kill it with SIGKILL (no shutdown, no cancellation, no
// goodbye to Temporal or PostgreSQL): `node --import tsx worker-process.ts <temporal address> <database url>
// <task queue>`; SMTP_URL from the environment. Prints "ready" once it polls.
import { NativeConnection } from "@temporalio/worker";
import { createWorker } from "../../worker/main";

const [address, databaseUrl, taskQueue] = process.argv.slice(2) as [string, string, string];
const connection = await NativeConnection.connect({ address });
const worker = await createWorker(connection, { taskQueue, databaseUrl });
const running = worker.run();
await new Promise((r) => setTimeout(r, 200));
process.stdout.write("ready\n");
await running;
