// Time-skipping harness: Temporal's Java test server, a real worker with the real workflow bundle and real
// activities against the stack's PostgreSQL and an in-process SMTP server. Staff come from the demo seed.
// The test server records Update events in an order the SDK cannot replay (a full replay there fails with
// a nondeterminism error that the real server's histories do not produce), so worker restarts and replay of
// recorded histories are tested against the real dev server (restart.test.ts, histories.test.ts).
import proto from "@temporalio/proto";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { Worker } from "@temporalio/worker";
import { eq } from "drizzle-orm";
import { inject } from "vitest";
import { createActivities } from "../../activities";
import { createSmtpMailer } from "../../activities/mail";
import { loadCalendar } from "../../calendars";
import { createDb } from "../../db/client";
import { orgs } from "../../db/schema";
import { dataConverter } from "../../worker/codec";
import { workflowCode } from "../../worker/workflow-code";
import { type ActionName, getCase } from "../../workflows/actions";
import { caseWorkflow } from "../../workflows/case";
import { type CaseInput, caseIdOf, type Message, type OrgSettings } from "../../workflows/message";
import { caseSearchAttributes } from "../../workflows/search-attributes";
import type { CaseView } from "../../workflows/view";
import { act, actorOf } from "../support/actors";
import { startSmtp } from "../support/smtp";
import { createTimeSkippingEnv } from "../support/time-skipping";

const { temporal } = proto; // a CommonJS module: no named ESM exports under plain Node

let counter = 0;

export type Harness = Awaited<ReturnType<typeof createHarness>>;

type Activities = ReturnType<typeof createActivities>;

/** `activities`: the real ones, changed for one suite (e.g. a reload made slow to order two of them). */
export async function createHarness(opts: { activities?: (real: Activities) => Activities } = {}) {
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv({ dataConverter });
  // The Java test server implements AddSearchAttributes but not ListSearchAttributes.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? "default",
    searchAttributes: Object.fromEntries(
      caseSearchAttributes.map((k) => [
        k.name,
        temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${k.type}`],
      ]),
    ),
  });
  const smtp = await startSmtp();
  const db = createDb(inject("databaseUrl"), { max: 4 });
  const taskQueue = `wf-${process.pid}-${Date.now()}`;
  const real = createActivities({ db: db.db, mailer: createSmtpMailer(smtp.url, "casework@test") });
  const activities = opts.activities ? opts.activities(real) : real;
  const worker = await newWorker();
  const running = worker.run();

  async function newWorker() {
    return Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      ...workflowCode,
      activities,
      dataConverter,
    });
  }

  async function orgSettings(orgId: string): Promise<OrgSettings> {
    const [o] = await db.db.select().from(orgs).where(eq(orgs.id, orgId));
    if (!o) throw new Error(`no org ${orgId}`);
    return {
      id: o.id,
      regulation: o.regulation,
      calendarId: o.calendarId,
      zone: o.zone,
      urgentTopics: o.urgentTopics,
    };
  }

  const h = {
    env,
    smtp,
    db,
    taskQueue,
    client: env.client,
    /** Virtual now of the test server, as an ISO instant. */
    async now(): Promise<string> {
      return new Date(await env.currentTimeMs()).toISOString();
    },
    /** Moves virtual time forward to `iso` (the test server only moves forward). */
    async travelTo(iso: string): Promise<void> {
      const ms = Date.parse(iso) - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    },
    async sleep(ms: number): Promise<void> {
      await env.sleep(ms);
    },
    async start(orgId: string, over: Partial<Message> = {}): Promise<string> {
      // Found "now", to the minute (what a monitoring feed reports).
      const at = new Date(Math.floor((await env.currentTimeMs()) / 60_000) * 60_000).toISOString();
      const message: Message = {
        org: orgId,
        source: "test",
        externalId: `m${++counter}-${Date.now()}`,
        network: "vk",
        channel: "comment",
        url: `https://vk.com/wall-1_${counter}`,
        author: { name: "Житель" },
        text: "Когда отремонтируют дорогу на ул. Ленина?",
        attachments: [],
        publishedAt: at,
        detectedAt: at,
        hints: {},
        ...over,
      };
      const caseId = caseIdOf(message);
      const input: CaseInput = { caseId, message, org: await orgSettings(orgId), receivedAt: at };
      await env.client.workflow.start(caseWorkflow, { workflowId: caseId, taskQueue, args: [input] });
      return caseId;
    },
    actor: (staffId: string) => actorOf(db.db, staffId),
    /** An action as the API sends it (test/support/actors.ts). */
    act: (caseId: string, action: ActionName, staffId: string, payload: unknown = {}) =>
      act(env.client, db.db, caseId, action, staffId, payload),
    async view(caseId: string): Promise<CaseView> {
      return env.client.workflow.getHandle(caseId).query(getCase);
    },
    async history(caseId: string) {
      return env.client.workflow.getHandle(caseId).fetchHistory();
    },
    async stop(): Promise<void> {
      worker.shutdown();
      await running;
      await env.teardown();
      await smtp.stop();
      await db.close();
    },
  };
  return h;
}

/**
 * 10:00 local on the Monday of the next week whose five weekdays are all full working days, at least a
 * day ahead of `fromIso`: a week where working-time arithmetic can be checked by hand.
 */
export function plainMonday(fromIso: string, zone: string, hour = 10): string {
  const cal = loadCalendar("ru");
  // From the day after `fromIso`'s local date (in Sakhalin 10:00 is 23:00 UTC of the day before).
  const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(Date.parse(fromIso));
  const d = new Date(Date.parse(`${localDate}T00:00:00Z`) + 86_400_000);
  for (let i = 0; i < 120; i++, d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 1) continue;
    const days = [0, 1, 2, 3, 4].map((k) =>
      new Date(d.getTime() + k * 86_400_000).toISOString().slice(0, 10),
    );
    if (days.every((day) => cal.day(day).kind === "working")) return localInstant(days[0]!, hour, zone);
  }
  throw new Error("no plain working week within 120 days");
}

/** `date` at `hour`:00 in `zone`, as an ISO instant with that zone's offset. */
export function localInstant(date: string, hour: number, zone: string): string {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
  const offsetMin = zoneOffsetMinutes(guess, zone);
  const sign = offsetMin >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${date}T${String(hour).padStart(2, "0")}:00:00${off}`;
}

function zoneOffsetMinutes(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - ms) / 60_000);
}
