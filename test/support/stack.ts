// Real worker + real API against the stack that test/support/stack-setup.ts started.
import { Client, Connection } from "@temporalio/client";
import { NativeConnection, type Worker } from "@temporalio/worker";
import { inject } from "vitest";
import { buildApp, type Deps } from "../../api/app";
import { createDb } from "../../db/client";
import { dataConverter } from "../../worker/codec";
import { createWorker } from "../../worker/main";

export interface TestStack {
  app: Awaited<ReturnType<typeof buildApp>>;
  client: Client;
  /** What the app was built with: build another app over the same stack (other settings) from it. */
  deps: Deps;
  worker: Worker;
  db: ReturnType<typeof createDb>;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startTestStack(
  taskQueue = `cases-${process.pid}-${Date.now()}`,
  /** Another PostgreSQL than the global one (a suite that stops its own server). */
  databaseUrl = inject("databaseUrl"),
): Promise<TestStack> {
  const address = inject("temporalAddress");
  const db = createDb(databaseUrl, { max: 4 });
  const native = await NativeConnection.connect({ address });
  const worker = await createWorker(native, { taskQueue, databaseUrl });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter });
  const deps: Deps = {
    temporal: client,
    taskQueue,
    db: db.db,
    temporalUp: async () => {
      await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
    },
    postgresUp: async () => {
      await db.sql`select 1`;
    },
  };
  const app = await buildApp(deps);
  return {
    app,
    client,
    deps,
    worker,
    db,
    taskQueue,
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await worker.close();
      await native.close();
      await connection.close();
      await db.close();
    },
  };
}
