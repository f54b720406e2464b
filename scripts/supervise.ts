// The dev stack's supervisor (`make dev`): a crashed worker or API is started again with backoff and the crash
// is logged, instead of the whole stack stopping. The backoff doubles from `minBackoffMs` to `maxBackoffMs` and
// starts over once a process has run for `healthyAfterMs`.
import type { ChildProcess } from "node:child_process";

export interface SuperviseOptions {
  minBackoffMs?: number;
  maxBackoffMs?: number;
  healthyAfterMs?: number;
  log?: (line: string) => void;
}

export interface Supervised {
  name: string;
  /** The process running now (undefined while waiting to restart). */
  current(): ChildProcess | undefined;
  restarts(): number;
  /** Stops supervising: SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const gone = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

/** Resolves once `child` has exited — also when it had exited already (a SIGKILLed child has no exit code). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (gone(child) ? r() : child.once("exit", () => r())));
}

export function supervise(name: string, start: () => ChildProcess, opts: SuperviseOptions = {}): Supervised {
  const { minBackoffMs = 1000, maxBackoffMs = 30_000, healthyAfterMs = 60_000 } = opts;
  const log = opts.log ?? ((l: string) => console.error(l));
  let child: ChildProcess | undefined;
  let stopping = false;
  let backoff = minBackoffMs;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;

  const run = () => {
    timer = undefined;
    if (stopping) return;
    const startedAt = Date.now();
    const c = start();
    child = c;
    c.once("exit", (code, signal) => {
      if (child === c) child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfterMs) backoff = minBackoffMs;
      log(`${name} exited (${signal ?? `code ${code}`}); restarting in ${backoff} ms`);
      restarts++;
      timer = setTimeout(run, backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    });
  };
  run();

  return {
    name,
    current: () => child,
    restarts: () => restarts,
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const c = child;
      if (!c || gone(c)) return;
      c.kill("SIGTERM");
      const kill = setTimeout(() => c.kill("SIGKILL"), graceMs);
      await exited(c);
      clearTimeout(kill);
    },
  };
}
