// Replays a day's events through a driver as fast as the stack takes them, at most `concurrency` at once,
// in the day's order; a case's action waits for its previous step, a failed step ends its case's walk.
import type { DayEvent } from "./day";
import type { Driver } from "./drivers";
import { percentile } from "./stack";

export interface Replayed {
  driver: string;
  wallMs: number;
  starts: number[];
  actions: Map<string, number[]>;
  errors: Map<string, number>;
}

export async function replay(driver: Driver, events: DayEvent[], concurrency: number): Promise<Replayed> {
  const chains = new Map<number, Promise<boolean>>();
  const starts: number[] = [];
  const actions = new Map<string, number[]>();
  const errors = new Map<string, number>();
  let active = 0;
  let freed: (() => void) | undefined;
  const run = async (e: DayEvent): Promise<boolean> => {
    const t0 = performance.now();
    try {
      if (e.step < 0) await driver.start(e.c);
      else await driver.act(e.c, e.c.steps[e.step]!);
    } catch (err) {
      const what = `${e.c.org} ${e.step < 0 ? "start" : e.c.steps[e.step]![0]}: ${(err as Error).message.slice(0, 200)}`;
      errors.set(what, (errors.get(what) ?? 0) + 1);
      return false;
    }
    const ms = performance.now() - t0;
    if (e.step < 0) starts.push(ms);
    else {
      const name = e.c.steps[e.step]![0];
      if (!actions.has(name)) actions.set(name, []);
      actions.get(name)!.push(ms);
    }
    return true;
  };
  const t0 = performance.now();
  for (const e of events) {
    while (active >= concurrency) await new Promise<void>((r) => (freed = r));
    active++;
    const prev = chains.get(e.c.n) ?? Promise.resolve(true);
    const next = prev
      .then((ok) => (ok ? run(e) : false))
      .finally(() => {
        active--;
        freed?.();
      });
    chains.set(e.c.n, next);
  }
  await Promise.all(chains.values());
  return { driver: driver.name, wallMs: performance.now() - t0, starts, actions, errors };
}

/** Two replays of one driver (the halves of the day) as one. */
export function merged(a: Replayed, b: Replayed): Replayed {
  const actions = new Map(a.actions);
  for (const [k, v] of b.actions) actions.set(k, [...(actions.get(k) ?? []), ...v]);
  const errors = new Map(a.errors);
  for (const [k, v] of b.errors) errors.set(k, (errors.get(k) ?? 0) + v);
  return {
    driver: a.driver,
    wallMs: a.wallMs + b.wallMs,
    starts: [...a.starts, ...b.starts],
    actions,
    errors,
  };
}

export function summary(r: Replayed) {
  const all = [...r.actions.values()].flat();
  const total = r.starts.length + all.length;
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  // Throughput of each kind: how many per second of the time spent on that kind across the slots.
  const busy = sum(r.starts) + sum(all);
  const share = (xs: number[]) => (busy > 0 ? sum(xs) / busy : 0);
  const wallS = r.wallMs / 1000;
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
  };
  return {
    wallS,
    requestsPerS: total / wallS,
    startsPerS: r.starts.length / (wallS * share(r.starts)),
    actionsPerS: all.length / (wallS * share(all)),
    start: stats(r.starts),
    action: stats(all),
    perAction: [...r.actions.entries()].map(([k, v]) => ({ action: k, ...stats(v) })),
    errors: [...r.errors.values()].reduce((s, x) => s + x, 0),
  };
}
