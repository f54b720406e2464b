// Chaos (docs/durability.md): 100 cases walked through the HTTP API at concurrency 8, from message to published
// answer, while the only worker is SIGKILLed, then a worker is SIGKILLed while a second one polls, the API is
// SIGKILLed, and PostgreSQL is stopped and started again. Then every case has reached its end with one
// publication, every notification key went out as one e-mail, the read model agrees with the workflows, and
// every history the run produced replays from scratch — the check that would have caught the frozen case.
// The suite runs its own PostgreSQL (stopping it disturbs no other suite) and stops itself by its deadline.
import { rmSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { Worker } from "@temporalio/worker";
import { inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { messageIdOf } from "../../activities/mail";
import { signStaffToken } from "../../api/auth/credentials";
import { config } from "../../config";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { cases, notifications } from "../../db/schema";
import { demoKey, seedDemo } from "../../db/seed";
import { dataDir, freePort, type Postgres, startEmbeddedPostgres } from "../../scripts/stack";
import { dataConverter } from "../../worker/codec";
import { workflowCode } from "../../worker/workflow-code";
import type { CaseView } from "../../workflows/view";
import { apiProcess, type Proc, workerProcess } from "../support/processes";
import { startSmtp } from "../support/smtp";
import { unsealed } from "../support/unseal";

const CASES = Number(process.env.CHAOS_CASES ?? 100);
const CONCURRENCY = 8;
const DEADLINE_MS = Number(process.env.CHAOS_DEADLINE_MS ?? 300_000);
/** Who takes the case on from each status (the demo seed's staff); zarechny's executor publishes (14). */
const ORGS = ["omsk", "nenets", "yuzhno-sakhalinsk", "zarechny"] as const;
const publisherOf = (org: string) => (org === "zarechny" ? "executor1" : "curator");

let pg: Postgres;
let databaseUrl: string;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let client: Client;
let connection: Connection;
const temporalAddress = inject("temporalAddress");
const taskQueue = `chaos-${process.pid}-${Date.now()}`;
let apiPort: number;
let api: Proc;
const workers: Proc[] = [];
const log: string[] = [];
/** When a worker was SIGKILLed: a mail sent just before its attempt could mark it sent goes out again. */
const kills: number[] = [];
const note = (s: string) => log.push(`${new Date().toISOString().slice(11, 23)} ${s}`);

beforeAll(async () => {
  pg = await startEmbeddedPostgres({
    dir: path.join(dataDir, `pg-chaos-${process.pid}`),
    port: await freePort(),
    database: "postgres",
  });
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists casework_chaos with (force)");
  await admin.unsafe("create database casework_chaos");
  await admin.end();
  databaseUrl = pg.url.replace(/\/postgres$/, "/casework_chaos");
  await migrateDb(databaseUrl);
  const seed = createDb(databaseUrl, { max: 1 });
  await seedDemo(seed.db);
  await seed.close();
  smtp = await startSmtp();
  connection = await Connection.connect({ address: temporalAddress });
  client = new Client({ connection, dataConverter });
  apiPort = await freePort();
  workers.push(await spawnWorker("worker-a"));
  api = await apiProcess({ name: "api-1", temporalAddress, databaseUrl, taskQueue, port: apiPort });
});
afterAll(async () => {
  await api?.kill();
  for (const w of workers) await w.kill();
  await connection?.close();
  await smtp?.stop();
  await pg?.stop();
  rmSync(path.join(dataDir, `pg-chaos-${process.pid}`), { recursive: true, force: true });
  if (log.length) console.log(`chaos timeline:\n  ${log.join("\n  ")}`);
});

async function spawnWorker(name: string): Promise<Proc> {
  const logFile = path.join(dataDir, `chaos-${name}.log`);
  const w = await workerProcess({
    name,
    temporalAddress,
    databaseUrl,
    taskQueue,
    smtpUrl: smtp.url,
    logFile,
  });
  w.child.once("exit", (code, signal) =>
    note(`${name} exited (${signal ?? code})${signal ? "" : `: see ${logFile}`}`),
  );
  return w;
}

const tokens = new Map<string, string>();
async function auth(staffId: string): Promise<Record<string, string>> {
  let t = tokens.get(staffId);
  if (!t) {
    const org = staffId.slice(0, staffId.lastIndexOf("."));
    t = await signStaffToken({ sub: staffId, org, roles: ["curator"] }, config.api.jwtSecret, { ttl: "1h" });
    tokens.set(staffId, t);
  }
  return { authorization: `Bearer ${t}` };
}

/** One HTTP call; a dead API or a refused connection is `undefined`, as a client sees it. */
async function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  try {
    const res = await fetch(`http://127.0.0.1:${apiPort}${url}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let actionsDone = 0;
let retries = 0;

/** The next action for a case in `status`, as its staff would take it. */
function next(org: string, status: string): [string, string, unknown] | undefined {
  const p = (who: string) => `${org}.${who}`;
  switch (status) {
    case "triage":
      return ["triage", p("curator"), { topic: "ЖКХ", importance: "normal", executors: [p("executor1")] }];
    case "assigned":
      return ["accept", p("executor1"), {}];
    case "drafting":
      return ["draft", p("executor1"), { kind: "final", text: "Здравствуйте! Вывоз мусора восстановлен." }];
    case "review":
      return ["approve", p("curator"), {}];
    case "publishing":
      return ["publish", p(publisherOf(org)), { url: `https://vk.com/wall-2_${Date.now()}?reply=1` }];
    default:
      return undefined;
  }
}

/** Ingests one message and walks its case to `closed`, re-reading the case after every failure. */
async function walk(i: number, until: number): Promise<{ caseId: string; org: string }> {
  const org = ORGS[i % ORGS.length]!;
  const externalId = `chaos-${process.pid}-${i}`;
  let caseId: string | undefined;
  while (!caseId) {
    if (Date.now() > until) throw new Error(`message ${i} not ingested by the deadline`);
    const r = await call(
      "POST",
      "/v1/messages",
      { "x-api-key": demoKey(org) },
      {
        org,
        source: "chaos",
        externalId,
        network: "vk",
        channel: "comment",
        url: `https://vk.com/wall-2_${i}`,
        author: { name: "Житель" },
        text: `Во дворе дома ${i} третий день не вывозят мусор`,
        publishedAt: new Date(Date.now() - 60_000).toISOString(),
        detectedAt: new Date(Date.now() - 30_000).toISOString(),
      },
    );
    if (r && (r.status === 201 || r.status === 200)) caseId = String(r.body.caseId);
    else {
      retries++;
      await pause(500);
    }
  }
  let last: unknown;
  for (;;) {
    const v = await call("GET", `/v1/cases/${caseId}`, await auth(`${org}.curator`));
    if (Date.now() > until)
      throw new Error(
        `case ${caseId} not closed by the deadline: ${JSON.stringify(last ?? v).slice(0, 600)}`,
      );
    const status = v?.status === 200 ? String(v.body.status) : undefined;
    if (status === "closed") return { caseId, org };
    const step = status ? next(org, status) : undefined;
    if (!step) {
      retries++;
      await pause(500);
      continue;
    }
    const [action, who, payload] = step;
    const r = await call("POST", `/v1/cases/${caseId}/actions/${action}`, await auth(who), payload);
    last = { action, status, answer: r };
    if (r?.status === 200) actionsDone++;
    else {
      retries++; // 503 while a dependency is down, 409 when a retried action had already been applied
      await pause(300);
    }
  }
}

async function chaos(total: number, until: number): Promise<void> {
  const at = async (share: number) => {
    while (actionsDone < share * total && Date.now() < until) await pause(100);
  };
  await at(0.15);
  note(`SIGKILL ${workers[0]!.name}, the only worker (${actionsDone} actions done)`);
  kills.push(Date.now());
  await workers[0]!.kill();
  await pause(2000);
  workers.push(await spawnWorker("worker-b"));
  note("worker-b polling");
  await at(0.35);
  workers.push(await spawnWorker("worker-c"));
  note(`worker-c polling; SIGKILL worker-b while worker-c polls (${actionsDone} actions done)`);
  kills.push(Date.now());
  await workers[1]!.kill();
  await at(0.55);
  note(`SIGKILL ${api.name} (${actionsDone} actions done)`);
  await api.kill();
  api = await apiProcess({ name: "api-2", temporalAddress, databaseUrl, taskQueue, port: apiPort });
  note("api-2 answering");
  await at(0.75);
  note(`PostgreSQL stopped (${actionsDone} actions done)`);
  await pg.stop();
  await pause(3000);
  await pg.start();
  note("PostgreSQL started");
}

test(
  `${CASES} cases walked at concurrency ${CONCURRENCY} through two worker kills, an API kill and a PostgreSQL restart`,
  async () => {
    const until = Date.now() + DEADLINE_MS;
    const total = CASES * 5;
    const done: Array<{ caseId: string; org: string }> = [];
    let nextCase = 0;
    const lanes = Array.from({ length: CONCURRENCY }, async () => {
      while (nextCase < CASES) done.push(await walk(nextCase++, until));
    });
    const t0 = Date.now();
    await Promise.all([...lanes, chaos(total, until)]);
    note(`${done.length} cases closed, ${actionsDone} actions, ${retries} retries, ${Date.now() - t0} ms`);
    expect(done.length).toBe(CASES);

    // Every workflow ended as its case did, with exactly one publication.
    const ids = done.map((d) => d.caseId);
    const views = await Promise.all(
      ids.map((id) => client.workflow.getHandle(id).result() as Promise<CaseView>),
    );
    for (const v of views) {
      expect(v.status, v.caseId).toBe("closed");
      expect(v.publications.length, v.caseId).toBe(1);
    }

    // The read model agrees with the workflows (its projection may still be catching up after the restart).
    const db = createDb(databaseUrl, { max: 2 });
    try {
      await expect
        .poll(
          async () =>
            (await db.db.select().from(cases).where(inArray(cases.caseId, ids))).filter(
              (r) => r.status === "closed",
            ).length,
          { timeout: 60_000, interval: 500 },
        )
        .toBe(CASES);

      // Each notification key went out as one e-mail: one mail per Message-ID, and a mail for every sent key.
      const sent = (
        await db.db.select().from(notifications).where(inArray(notifications.caseId, ids))
      ).filter((n) => n.channel === "email" && n.sentAt);
      expect(sent.length).toBeGreaterThan(0);
      const byId = new Map<string, number>();
      for (const m of smtp.mails) byId.set(m.messageId, (byId.get(m.messageId) ?? 0) + 1);
      // The one way a key goes out twice (activities/once.ts): its attempt was killed after the mail left and
      // before it was marked sent. Every duplicate must have a worker kill between its claim and its mark.
      const twice = [...byId]
        .filter(([, n]) => n > 1)
        .map(([id, n]) => ({ n, row: sent.find((r) => messageIdOf(r.key, config.mail.from) === id) }));
      const unexplained = twice.filter(({ n, row }) => {
        const [claimed, marked] = [Date.parse(row?.createdAt ?? ""), Date.parse(row?.sentAt ?? "")];
        return n > 2 || !kills.some((k) => claimed <= k && k <= marked);
      });
      expect(
        unexplained.map(({ n, row }) => `${n}× ${row?.key} claimed ${row?.createdAt} sent ${row?.sentAt}`),
        `e-mails sent twice without a kill in between; ${log.join("; ")}`,
      ).toEqual([]);
      for (const n of sent) expect(byId.has(messageIdOf(n.key, config.mail.from)), n.key).toBe(true);
      note(`${sent.length} notification e-mails, ${twice.length} sent again after a worker kill`);
    } finally {
      await db.close();
    }

    // Every history of the run replays from scratch against today's code.
    const histories = await Promise.all(
      ids.map(async (workflowId) => ({
        workflowId,
        history: (await unsealed(await client.workflow.getHandle(workflowId).fetchHistory())) as never,
      })),
    );
    let replayed = 0;
    const failed: string[] = [];
    for await (const r of Worker.runReplayHistories(workflowCode, histories)) {
      replayed++;
      if (r.error) failed.push(`${r.workflowId}: ${r.error.message}`);
    }
    expect(failed).toEqual([]);
    expect(replayed).toBe(CASES);
    note(`${replayed} histories replayed`);
  },
  DEADLINE_MS + 120_000,
);
