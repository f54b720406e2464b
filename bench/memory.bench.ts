// Bounded memory (issue 17): 10,000 cases opened against one worker process with the workflow cache of
// config.ts (WORKER_MAX_CACHED_WORKFLOWS, WORKER_MAX_HEAP_MB), the worker's resident memory read from /proc
// as they open; then the cost of a cache miss — a query and an Update on a case evicted long ago (the worker
// replays its history first) against the same on a case still cached — in the same run.
//   npx tsx bench/memory.bench.ts [open cases = 10000]       WORKER_* as config.ts reads them
import { workerSettingsOf } from "../config";
import { getCase } from "../workflows/actions";
import { caseIdOf } from "../workflows/message";
import { straight, syntheticDay } from "./support/day";
import { bareDriver, messageOf } from "./support/drivers";
import { benchStack, mib, percentile } from "./support/stack";

const OPEN = Number(process.argv[2] ?? process.env.BENCH_OPEN_CASES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_OPEN_CONCURRENCY ?? 32);
const PROBES = 60;

async function main() {
  const t0 = Date.now();
  const settings = workerSettingsOf(process.env);
  console.log(
    `memory: ${OPEN} open cases, worker cache ${settings.maxCachedWorkflows}, heap limit ` +
      `${settings.maxHeapMb || "Node's default"} MiB`,
  );
  const stack = await benchStack("memory");
  try {
    const worker = await stack.addWorker();
    const bare = await bareDriver(stack, "open");
    const { cases } = syntheticDay(OPEN, { seed: 41 });
    const idOf = (i: number) => caseIdOf(messageOf("open", cases[i]!));
    /** A query that waits out a worker still busy with the starts ahead of it (the server's query timeout). */
    const settled = async (id: string) => {
      for (let attempt = 0; ; attempt++)
        try {
          if (worker.child.exitCode !== null || worker.child.signalCode !== null)
            throw new Error(
              `the worker exited (${worker.child.exitCode ?? worker.child.signalCode}): see ${stack.log}`,
            );
          return await stack.client.workflow.getHandle(id).query(getCase);
        } catch (e) {
          if (attempt > 20 || /worker exited/.test((e as Error).message)) throw e;
        }
    };
    const curve: string[] = [];
    const rss0 = stack.memory().workers[0]!.rss;
    curve.push(`0: ${mib(rss0)}`);
    // Each lane starts a case and waits until it answers a query (the worker has run its first task and
    // holds it), as messages arrive: the curve is of cases the worker holds, not of starts queued ahead of it.
    const every = Math.max(1, Math.floor(OPEN / 10));
    const opened = performance.now();
    let next = 0;
    let held = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < OPEN) {
          const i = next++;
          await bare.start(cases[i]!);
          await settled(idOf(i));
          if (++held % every === 0) curve.push(`${held}: ${mib(stack.memory().workers[0]!.rss)}`);
        }
      }),
    );
    const openS = (performance.now() - opened) / 1000;
    const full = stack.memory().workers[0]!;
    console.log(`  opened ${OPEN} cases in ${openS.toFixed(1)} s (${(OPEN / openS).toFixed(0)}/s)`);
    console.log(`  worker VmRSS by open cases: ${curve.join(", ")}`);
    console.log(`  worker VmRSS with ${OPEN} open: ${mib(full.rss)}, peak ${mib(full.peak)}`);

    // Cache misses: the oldest cases were evicted (LRU) unless the cache holds them all; the newest are cached.
    const time = async (ids: string[], f: (id: string) => Promise<unknown>) => {
      const ms: number[] = [];
      for (const id of ids) {
        const s = performance.now();
        await f(id);
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      return `p50 ${percentile(ms, 50).toFixed(1)} / p95 ${percentile(ms, 95).toFixed(1)} ms`;
    };
    const oldest = Array.from({ length: PROBES }, (_, i) => idOf(i));
    const newest = Array.from({ length: PROBES }, (_, i) => idOf(OPEN - 1 - i));
    const query = (id: string) => stack.client.workflow.getHandle(id).query(getCase);
    // Each probe is queried first (a cache hit or a replay), then probed again while surely cached.
    console.log(
      `  query getCase, evicted cases (replay from history): ${await time(oldest.slice(0, PROBES / 2), query)}`,
    );
    console.log(
      `  query getCase, cached cases:                        ${await time(newest.slice(0, PROBES / 2), query)}`,
    );
    const triage = (id: string) => {
      const c = cases.find((x) => caseIdOf(messageOf("open", x)) === id)!;
      return bare.act(c, straight[c.org][0]!);
    };
    console.log(
      `  Update triage, evicted cases:                       ${await time(oldest.slice(PROBES / 2), triage)}`,
    );
    console.log(
      `  Update triage, cached cases:                        ${await time(newest.slice(PROBES / 2), triage)}`,
    );
    const end = stack.memory().workers[0]!;
    console.log(
      `  worker VmRSS at the end: ${mib(end.rss)}, peak ${mib(end.peak)} (pid ${worker.child.pid})`,
    );
    console.log(`  Temporal dev server VmRSS: ${mib(stack.memory().temporal.rss)}`);
  } finally {
    await stack.stop();
  }
  console.log(`memory bench: ${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
