// A region's day (issue 17): a synthetic Moscow-oblast day — 4,100 messages over an intraday profile, the
// five regulations' orgs, their walks' action mix (~27,000 actions) — replayed as fast as the stack takes it
// at a fixed concurrency through the HTTP API, and the same load against bare Temporal (client
// `workflow.start` and `executeUpdate` on the same workflows, same worker, no API) in the same run. Then a
// slice of the day again with a second worker process on the task queue. The worker(s) and the API are
// processes of their own (bench/support/stack.ts), their memory read from /proc.
//   BENCH_SCALE=0.1 npx tsx bench/region-day.bench.ts     (1 = the whole day; default 1)
//   BENCH_CONCURRENCY (8), BENCH_TWO_WORKERS_SHARE (0.15 of the day; 0 = skip), WORKER_* (config.ts)
import { type DayEvent, syntheticDay } from "./support/day";
import { apiDriver, bareDriver, type Driver } from "./support/drivers";
import { merged, type Replayed, replay, summary } from "./support/replay";
import { benchStack, mib, sampled } from "./support/stack";

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TWO_SHARE = Number(process.env.BENCH_TWO_WORKERS_SHARE ?? 0.15);
const MESSAGES = Math.round(4100 * SCALE);

const fmt = (n: number, d = 1) => n.toFixed(d);

function report(label: string, r: Replayed) {
  const s = summary(r);
  console.log(
    `  ${label}: ${fmt(s.wallS)} s wall, ${fmt(s.requestsPerS)} req/s; starts ${fmt(s.startsPerS)}/s ` +
      `(p50 ${fmt(s.start.p50, 0)} / p95 ${fmt(s.start.p95, 0)} / p99 ${fmt(s.start.p99, 0)} ms), actions ` +
      `${fmt(s.actionsPerS)}/s (p50 ${fmt(s.action.p50, 0)} / p95 ${fmt(s.action.p95, 0)} / p99 ${fmt(s.action.p99, 0)} ms)` +
      `${s.errors ? `, ${s.errors} failed` : ""}`,
  );
  for (const [what, n] of [...r.errors.entries()].slice(0, 5)) console.log(`    ${n}× ${what}`);
  return s;
}

function perActionTable(api: Replayed, bare: Replayed) {
  const a = summary(api);
  const b = summary(bare);
  console.log("  | action | n | API p50 / p95 / p99 ms | bare p50 / p95 / p99 ms |");
  console.log("  |---|---:|---:|---:|");
  for (const x of a.perAction.sort((p, q) => q.n - p.n)) {
    const y = b.perAction.find((p) => p.action === x.action);
    const t = (s?: { p50: number; p95: number; p99: number }) =>
      s ? `${fmt(s.p50, 0)} / ${fmt(s.p95, 0)} / ${fmt(s.p99, 0)}` : "—";
    console.log(`  | ${x.action} | ${x.n} | ${t(x)} | ${t(y)} |`);
  }
}

async function main() {
  const t0 = Date.now();
  const day = syntheticDay(MESSAGES);
  console.log(
    `region day: ${day.cases.length} messages, ${day.actions} actions (scale ${SCALE}), concurrency ${CONCURRENCY}`,
  );
  const stack = await benchStack("day");
  try {
    await stack.addWorker();
    await stack.startApi();
    const drivers = {
      api: await apiDriver(stack, "api"),
      bare: await bareDriver(stack, "bare"),
    };
    // Warm both paths (code, pools, the dictionary's first check), not counted.
    const warm = syntheticDay(25, { seed: 3 }).events;
    await replay(await apiDriver(stack, "warm-api"), warm, CONCURRENCY);
    await replay(await bareDriver(stack, "warm-bare"), warm, CONCURRENCY);
    const before = stack.memory();
    // The day in two halves, bare / API / API / bare, so that neither gains from a warmer or emptier server.
    const half = day.cases[Math.floor(day.cases.length / 2)]?.n ?? 0;
    const cut = day.cases.findIndex((c) => c.n === half);
    const firstHalf = new Set(day.cases.slice(0, cut).map((c) => c.n));
    const halves: [DayEvent[], DayEvent[]] = [
      day.events.filter((e) => firstHalf.has(e.c.n)),
      day.events.filter((e) => !firstHalf.has(e.c.n)),
    ];
    const run = (d: Driver, events: DayEvent[]) => sampled(stack, () => replay(d, events, CONCURRENCY));
    const b1 = await run(drivers.bare, halves[0]);
    const a1 = await run(drivers.api, halves[0]);
    const a2 = await run(drivers.api, halves[1]);
    const b2 = await run(drivers.bare, halves[1]);
    const api = merged(a1.result, a2.result);
    const bare = merged(b1.result, b2.result);
    console.log(`one worker process, ${day.cases.length} cases each way:`);
    const sa = report("API ", api);
    const sb = report("bare", bare);
    console.log(
      `  ratio API / bare throughput: starts ${fmt(sa.startsPerS / sb.startsPerS, 2)}×, actions ` +
        `${fmt(sa.actionsPerS / sb.actionsPerS, 2)}×, the whole day ${fmt(sb.wallS / sa.wallS, 2)}×`,
    );
    console.log(
      `  the day through the API took ${fmt(sa.wallS)} s: ${fmt(86_400 / sa.wallS, 0)}× faster than real time`,
    );
    perActionTable(api, bare);
    const peak = (k: "worker" | "api" | "temporal") =>
      Math.max(a1.peak[k], a2.peak[k], b1.peak[k], b2.peak[k]);
    const after = stack.memory();
    console.log(
      `  memory (VmRSS): worker ${mib(before.workers[0]!.rss)} before, peak ${mib(peak("worker"))}, ` +
        `${mib(after.workers[0]!.rss)} after; API ${mib(before.api.rss)} / ${mib(peak("api"))} / ${mib(after.api.rss)}; ` +
        `Temporal dev server ${mib(before.temporal.rss)} / ${mib(peak("temporal"))} / ${mib(after.temporal.rss)}`,
    );

    if (TWO_SHARE > 0) {
      // A slice of the day on fresh case ids, with one worker and then with two on the same task queue.
      const slice = syntheticDay(Math.max(20, Math.round(MESSAGES * TWO_SHARE)), { seed: 29 }).events;
      const one = await run(await apiDriver(stack, "one"), slice);
      const oneBare = await run(await bareDriver(stack, "one-bare"), slice);
      await stack.addWorker();
      const two = await run(await apiDriver(stack, "two"), slice);
      const twoBare = await run(await bareDriver(stack, "two-bare"), slice);
      console.log(`a slice of ${slice.filter((e) => e.step < 0).length} cases, one worker then two:`);
      const s1 = report("API,  1 worker ", one.result);
      const s2 = report("API,  2 workers", two.result);
      const s3 = report("bare, 1 worker ", oneBare.result);
      const s4 = report("bare, 2 workers", twoBare.result);
      console.log(
        `  ratio 2 workers / 1: API ${fmt(s2.requestsPerS / s1.requestsPerS, 2)}×, bare ` +
          `${fmt(s4.requestsPerS / s3.requestsPerS, 2)}× requests/s; worker RSS ` +
          `${two.last.workers.map((w) => mib(w.rss)).join(" + ")}`,
      );
    }
  } finally {
    await stack.stop();
  }
  console.log(`region-day bench: ${fmt((Date.now() - t0) / 1000, 0)} s in all`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
