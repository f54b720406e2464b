// Where an action's time goes through the API (issue 17: "find the cause with numbers"): one request at a
// time, so nothing queues, the same straight walks through the API process and bare Temporal, and each part
// the API adds timed alone against the same Temporal and PostgreSQL — the getCase query it sends before the
// Update, the staff lookup of the bearer token, the rate limiter's counter, the org's zone.
//   npx tsx bench/api-cost.bench.ts [cases = 40]
import { eq } from "drizzle-orm";
import { pgStore } from "../api/plugins/rate-limit";
import { orgs, staff } from "../db/schema";
import { getCase } from "../workflows/actions";
import { caseIdOf } from "../workflows/message";
import { syntheticDay } from "./support/day";
import { apiDriver, bareDriver, messageOf } from "./support/drivers";
import { benchStack, percentile } from "./support/stack";

const CASES = Number(process.argv[2] ?? 40);

async function main() {
  const stack = await benchStack("cost");
  try {
    await stack.addWorker();
    await stack.startApi();
    const api = await apiDriver(stack, "api");
    const bare = await bareDriver(stack, "bare");
    const { cases } = syntheticDay(CASES, { seed: 5, long: 0 });
    const t: Record<string, number[]> = {};
    const time = async (k: string, f: () => Promise<unknown>) => {
      const s = performance.now();
      await f();
      t[k] = [...(t[k] ?? []), performance.now() - s];
    };
    const Store = pgStore(stack.db.db);
    const store = new Store();
    const incr = (key: string) =>
      new Promise<void>((resolve, reject) => store.incr(key, (e) => (e ? reject(e) : resolve()), 60_000));
    // Warm-up walk each way, not counted.
    for (const d of [api, bare]) {
      const [c] = syntheticDay(1, { seed: 9, long: 0 }).cases.map((x) => ({ ...x, n: 1e6 + x.n }));
      await d.start(c!);
      for (const s of c!.steps) await d.act(c!, s);
    }
    for (const c of cases) {
      await time("API start", () => api.start(c));
      await time("bare start", () => bare.start(c));
      for (const s of c.steps) {
        await time("API action", () => api.act(c, s));
        const handle = stack.client.workflow.getHandle(caseIdOf(messageOf("bare", c)));
        await time("bare getCase query", () => handle.query(getCase));
        await time("bare Update", () => bare.act(c, s));
        const staffId = `${c.org}.${s[1]}`;
        await time("staff lookup (auth)", () =>
          stack.db.db.select().from(staff).where(eq(staff.id, staffId)),
        );
        await time("rate-limit counter", () => incr(`staff:${staffId}`));
        await time("org zone lookup", () =>
          stack.db.db.select({ z: orgs.zone }).from(orgs).where(eq(orgs.id, c.org)),
        );
      }
    }
    console.log(
      `one request at a time, ${CASES} straight walks each way (${t["API action"]!.length} actions):`,
    );
    console.log("| part | n | p50 ms | mean ms |");
    console.log("|---|---:|---:|---:|");
    for (const [k, v] of Object.entries(t)) {
      const s = [...v].sort((a, b) => a - b);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      console.log(`| ${k} | ${v.length} | ${percentile(s, 50).toFixed(1)} | ${mean.toFixed(1)} |`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
