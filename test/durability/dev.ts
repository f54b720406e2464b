// The real Temporal dev server (from the stack's global set-up) with a worker that can be killed and
// replaced, real activities, real PostgreSQL and a real SMTP server: for what the time-skipping test
// server cannot show (restarts, replay of recorded histories, visibility queries).
import { Client, Connection, WithStartWorkflowOperation } from "@temporalio/client";
import { NativeConnection } from "@temporalio/worker";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { buildApp } from "../../api/app";
import { createDb } from "../../db/client";
import { orgs } from "../../db/schema";
import { dataConverter } from "../../worker/codec";
import { createWorker } from "../../worker/main";
import { type ActionName, actionUpdates } from "../../workflows/actions";
import { caseWorkflow } from "../../workflows/case";
import { type CaseInput, caseIdOf, type Message } from "../../workflows/message";
import type { CaseView } from "../../workflows/view";
import { act, requestOf } from "../support/actors";
import { startSmtp } from "../support/smtp";

let n = 0;

export async function devStack() {
  const address = inject("temporalAddress");
  const databaseUrl = inject("databaseUrl");
  const smtp = await startSmtp();
  const db = createDb(databaseUrl, { max: 4 });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter });
  const native = await NativeConnection.connect({ address });
  const taskQueue = `dev-${process.pid}-${Date.now()}`;
  const spawnWorker = async () => {
    const worker = await createWorker(native, { taskQueue, databaseUrl, smtpUrl: smtp.url });
    return { worker, running: worker.run() };
  };
  let current = await spawnWorker();
  const inputFor = async (orgId: string, ageMinutes: number, over: Partial<Message>): Promise<CaseInput> => {
    const [o] = await db.db.select().from(orgs).where(eq(orgs.id, orgId));
    const found = new Date(Date.now() - ageMinutes * 60_000).toISOString();
    const message: Message = {
      org: orgId,
      source: "dev",
      externalId: `d${++n}-${Date.now()}`,
      network: "vk",
      channel: "comment",
      url: `https://vk.com/wall-2_${n}`,
      author: { name: "Житель" },
      text: "Во дворе третий день не вывозят мусор",
      attachments: [],
      publishedAt: found,
      detectedAt: found,
      hints: {},
      ...over,
    };
    return {
      caseId: caseIdOf(message),
      message,
      org: {
        id: o!.id,
        regulation: o!.regulation,
        calendarId: o!.calendarId,
        zone: o!.zone,
        urgentTopics: o!.urgentTopics,
      },
      receivedAt: new Date().toISOString(),
    };
  };
  const d = {
    client,
    db,
    smtp,
    taskQueue,
    /** A case for `orgId` whose message was found `ageMinutes` ago (a late feed: clocks already running). */
    async start(orgId: string, ageMinutes = 0, over: Partial<Message> = {}): Promise<string> {
      const input = await inputFor(orgId, ageMinutes, over);
      await client.workflow.start(caseWorkflow, { workflowId: input.caseId, taskQueue, args: [input] });
      return input.caseId;
    },
    /**
     * A case started together with its first action (update-with-start): the server hands the worker both
     * in the case's first workflow task, as it does when an action reaches a case before its worker has run.
     */
    async startWith(orgId: string, action: ActionName, staffId: string, payload: unknown = {}) {
      const input = await inputFor(orgId, 0, {});
      const start = new WithStartWorkflowOperation(caseWorkflow, {
        workflowId: input.caseId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: "FAIL",
      });
      const req = await requestOf(db.db, staffId, payload);
      const view = (await client.workflow.executeUpdateWithStart(actionUpdates[action] as never, {
        args: [req],
        startWorkflowOperation: start,
      })) as CaseView;
      return { caseId: input.caseId, view };
    },
    /** The API over this stack (its health probes always up), for suites that drive it with inject(). */
    api: () =>
      buildApp({
        temporal: client,
        taskQueue,
        db: db.db,
        temporalUp: async () => {},
        postgresUp: async () => {},
      }),
    act: (caseId: string, action: ActionName, staffId: string, payload: unknown = {}) =>
      act(client, db.db, caseId, action, staffId, payload),
    /** Kills the worker (its cache with it) and starts another: what a crash and a restart look like. */
    async restartWorker(): Promise<void> {
      current.worker.shutdown();
      await current.running;
      await current.worker.close();
      current = await spawnWorker();
    },
    async stop(): Promise<void> {
      current.worker.shutdown();
      await current.running;
      await current.worker.close();
      await native.close();
      await connection.close();
      await smtp.stop();
      await db.close();
    },
  };
  return d;
}
