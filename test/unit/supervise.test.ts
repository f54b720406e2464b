// The dev supervisor (scripts/supervise.ts): a crashed process is started again with a growing backoff, a
// SIGKILLed one too, and stop() ends it for good — also when the process had already been killed.
import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { exited, supervise } from "../../scripts/supervise";

const node = (code: string) => () => spawn(process.execPath, ["-e", code], { stdio: "ignore" });

test("a process that keeps crashing is restarted with a doubling backoff, then stopped", async () => {
  const lines: string[] = [];
  const s = supervise("crasher", node("setTimeout(() => process.exit(3), 50)"), {
    minBackoffMs: 50,
    maxBackoffMs: 200,
    log: (l) => lines.push(l),
  });
  await expect.poll(() => s.restarts(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  await s.stop();
  const after = s.restarts();
  await new Promise((r) => setTimeout(r, 600));
  expect(s.restarts()).toBe(after);
  expect(lines[0]).toBe("crasher exited (code 3); restarting in 50 ms");
  expect(lines[1]).toBe("crasher exited (code 3); restarting in 100 ms");
  expect(lines[2]).toBe("crasher exited (code 3); restarting in 200 ms");
  expect(lines[3]).toBe("crasher exited (code 3); restarting in 200 ms");
});

test("a SIGKILLed worker comes back, and stop() waits for the new one to end", async () => {
  const lines: string[] = [];
  const s = supervise("worker", node("setInterval(() => {}, 1000)"), {
    minBackoffMs: 20,
    log: (l) => lines.push(l),
  });
  await expect.poll(() => s.current()?.pid).toBeGreaterThan(0);
  const first = s.current()!;
  first.kill("SIGKILL");
  await exited(first);
  await expect.poll(() => s.current() && s.current() !== first, { timeout: 10_000 }).toBe(true);
  expect(lines).toEqual(["worker exited (SIGKILL); restarting in 20 ms"]);
  const second = s.current()!;
  await s.stop(5000);
  expect(second.signalCode).toBe("SIGTERM");
  await exited(first); // resolves although `first` exited long ago (exitCode null, signalCode set)
});
