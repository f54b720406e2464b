// The stack of the scale benchmarks as an operator runs it: a Temporal dev server (in memory), PostgreSQL
// (embedded, fresh), and the worker(s) and the API each a process of its own (worker/main.ts, api/main.ts
// with their own config), so that each one's resident memory can be read from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Client, Connection } from "@temporalio/client";
import { workerNodeFlags, workerSettingsOf } from "../../config";
import { createDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { dataDir, freePort, root, startEmbeddedPostgres, startTemporal } from "../../scripts/stack";
import { dataConverter } from "../../worker/codec";

export interface Proc {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Resident set size (VmRSS) and its peak (VmHWM) of a process, in MiB. */
export function rssOf(pid: number | undefined): { rss: number; peak: number } {
  if (!pid) return { rss: 0, peak: 0 };
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(s)?.[1] ?? 0);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

function proc(name: string, entry: string, flags: string[], env: NodeJS.ProcessEnv, log: string) {
  const child = spawn(process.execPath, [...flags, "--import", "tsx", path.join(root, entry)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  for (const s of [child.stdout!, child.stderr!]) s.on("data", (b: Buffer) => appendFileSync(log, b));
  return {
    name,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(t);
    },
  };
}

export async function benchStack(name: string, workerEnv: Record<string, string> = {}) {
  const log = path.join(dataDir, `bench-${name}.log`);
  rmSync(log, { force: true });
  const temporal = await startTemporal({ port: await freePort(), dbFile: null, log });
  const pgDir = path.join(dataDir, `pg-bench-${name}`);
  rmSync(pgDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: await freePort(), database: "bench" });
  await migrateDb(pg.url);
  const db = createDb(pg.url, { max: 4 });
  await seedDemo(db.db);
  const taskQueue = `bench-${name}`;
  const env = { TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: pg.url, TEMPORAL_TASK_QUEUE: taskQueue };
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, dataConverter });
  const workers: Proc[] = [];
  let api: (Proc & { port: number }) | undefined;

  const stack = {
    temporal,
    db,
    client,
    taskQueue,
    log,
    workers,
    get api() {
      if (!api) throw new Error("no API started");
      return api;
    },
    /** One more worker process on the task queue; resolves once it polls. */
    async addWorker(extra: Record<string, string> = {}): Promise<Proc> {
      const wenv = { ...process.env, ...env, ...workerEnv, ...extra };
      const flags = workerNodeFlags(workerSettingsOf(wenv));
      const w = proc(`worker-${workers.length + 1}`, "worker/main.ts", flags, wenv, log);
      await new Promise<void>((resolve, reject) => {
        w.child.stdout!.on("data", (b: Buffer) => b.toString().includes("worker: polling") && resolve());
        w.child.once("exit", (code) => reject(new Error(`worker exited with ${code}: see ${log}`)));
      });
      workers.push(w);
      return w;
    },
    async startApi(): Promise<void> {
      const port = await freePort();
      const penv = { ...env, HOST: "127.0.0.1", PORT: String(port), RATE_LIMIT_PER_MINUTE: "10000000" };
      const p = proc("api", "api/main.ts", [], { ...penv, LOG_LEVEL: "warn" }, log);
      const until = Date.now() + 90_000;
      for (;;) {
        if (p.child.exitCode !== null) throw new Error(`API exited: see ${log}`);
        const up = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
          .then((r) => r.status === 200)
          .catch(() => false);
        if (up) break;
        if (Date.now() > until) throw new Error(`API did not answer /health in 90 s: see ${log}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      api = Object.assign(p, { port });
    },
    /** Resident memory now, MiB: each worker, the API, the Temporal dev server. */
    memory() {
      return {
        workers: workers.map((w) => rssOf(w.child.pid)),
        api: rssOf(api?.child.pid),
        temporal: rssOf(temporal.process.pid),
      };
    },
    async stop() {
      await api?.stop();
      for (const w of workers) await w.stop();
      await connection.close();
      await db.close();
      await pg.stop();
      await temporal.stop();
      rmSync(pgDir, { recursive: true, force: true });
    },
  };
  return stack;
}

export type BenchStack = Awaited<ReturnType<typeof benchStack>>;

/** Samples the stack's memory every `ms` while `run` runs; the peaks seen (VmRSS) and the last sample. */
export async function sampled<T>(stack: BenchStack, run: () => Promise<T>, ms = 1000) {
  const peak = { worker: 0, api: 0, temporal: 0 };
  const take = () => {
    const m = stack.memory();
    peak.worker = Math.max(peak.worker, ...m.workers.map((w) => w.rss));
    peak.api = Math.max(peak.api, m.api.rss);
    peak.temporal = Math.max(peak.temporal, m.temporal.rss);
    return m;
  };
  const timer = setInterval(take, ms);
  try {
    const result = await run();
    return { result, peak, last: take() };
  } finally {
    clearInterval(timer);
  }
}

export const mib = (n: number) => `${Math.round(n)} MiB`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
