// The product's processes as an operator runs them — the worker and the API each a process of its own — so
// that a suite can SIGKILL them (no shutdown hook runs, nothing says goodbye to Temporal or PostgreSQL).
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { root } from "../../scripts/stack";

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The last 4 KB the process wrote to stderr. */
  stderr(): string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

function started(
  name: string,
  child: ChildProcess,
  stderr: () => string,
  ready: () => Promise<void>,
): Promise<Proc> {
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  const proc: Proc = {
    name,
    child,
    stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await gone;
    },
  };
  return ready().then(
    () => proc,
    async (e) => {
      await proc.kill();
      throw e;
    },
  );
}

/** A worker process on `taskQueue`, e-mailing through `smtpUrl`; resolves once it polls. */
export function workerProcess(opts: {
  name: string;
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  /** E-mail through this SMTP server; none: notifications are recorded only. */
  smtpUrl?: string;
  /** Everything the process writes, appended here. */
  logFile?: string;
}): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "test/support/worker-process.ts"),
      opts.temporalAddress,
      opts.databaseUrl,
      opts.taskQueue,
    ],
    { env: { ...process.env, SMTP_URL: opts.smtpUrl ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr!.on("data", (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
    if (opts.logFile) appendFileSync(opts.logFile, b);
  });
  child.stdout!.on("data", (b: Buffer) => opts.logFile && appendFileSync(opts.logFile, b));
  return started(
    opts.name,
    child,
    () => err,
    () =>
      new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (b: Buffer) => b.toString().includes("ready") && resolve());
        child.once("exit", (code) => reject(new Error(`${opts.name} exited with ${code}: ${err}`)));
      }),
  );
}

/** The API process (api/main.ts) on `port`; resolves once /health answers. */
export function apiProcess(opts: {
  name: string;
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  port: number;
}): Promise<Proc> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "api/main.ts")], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      DATABASE_URL: opts.databaseUrl,
      TEMPORAL_TASK_QUEUE: opts.taskQueue,
      HOST: "127.0.0.1",
      PORT: String(opts.port),
      RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  return started(
    opts.name,
    child,
    () => err,
    async () => {
      const until = Date.now() + 60_000;
      while (Date.now() < until) {
        if (child.exitCode !== null) throw new Error(`${opts.name} exited: ${err}`);
        const up = await fetch(`http://127.0.0.1:${opts.port}/health`, { signal: AbortSignal.timeout(2000) })
          .then((r) => r.status === 200)
          .catch(() => false);
        if (up) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`${opts.name} did not answer /health within 60 s: ${err}`);
    },
  );
}
