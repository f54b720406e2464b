// A worker in a process of its own, for test/outside/feeds-kill.test.ts to kill with SIGKILL (no shutdown,
// no cancellation, no goodbye to Temporal or PostgreSQL): `node --import tsx feeds-worker.ts <temporal
// address> <database url> <task queue>`. Prints "ready" once it polls.
import { NativeConnection } from "@temporalio/worker";
import { createWorker } from "../../worker/main";

const [address, databaseUrl, taskQueue] = process.argv.slice(2) as [string, string, string];
const connection = await NativeConnection.connect({ address });
const worker = await createWorker(connection, { taskQueue, databaseUrl });
const running = worker.run();
await new Promise((r) => setTimeout(r, 200));
process.stdout.write("ready\n");
await running;
