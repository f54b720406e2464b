// `make stop`: stops the stack `make dev` started — the supervisor first (it stops the worker, the API,
// Temporal and PostgreSQL in order), then whatever it left: every pid it recorded in .data/dev.pids.json, and
// the embedded PostgreSQL of .data/pg. Safe to run when nothing runs.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./stack";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
async function end(pid: number, what: string, signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000) {
  if (!(pid > 0) || !alive(pid)) return false;
  process.kill(pid, signal);
  const until = Date.now() + graceMs;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  console.log(`stopped ${what} (${pid})`);
  return true;
}

const pidFile = path.join(dataDir, "dev.pid");
const pidsFile = path.join(dataDir, "dev.pids.json");
let stopped = await end(Number(read(pidFile)), "make dev");
const pids = JSON.parse(read(pidsFile) || "{}") as Record<string, number>;
for (const [what, pid] of Object.entries(pids)) if (await end(pid, what, "SIGTERM", 10_000)) stopped = true;
const postmaster = Number(read(path.join(dataDir, "pg", "postmaster.pid")).split("\n")[0]);
if (await end(postmaster, "PostgreSQL", "SIGINT")) stopped = true; // fast shutdown
rmSync(pidFile, { force: true });
rmSync(pidsFile, { force: true });
console.log(stopped ? "stopped" : "no stack running");
