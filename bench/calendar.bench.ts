// `npx tsx bench/calendar.bench.ts`: addBudget against dayjs-business-time (an established npm
// business-hours library, ~200k downloads a month) on the same workload in the same run, their agreement
// where the semantics coincide, and how our cost grows with the span (O(days spanned), not minutes).
import dayjs from "dayjs";
import businessTime from "dayjs-business-time";
import { addBudget, type CalendarOverride, workTime } from "../calendars";
import { dateOf, dayNumber, isoWeekday } from "../calendars/days";

const ZONE = "Europe/Moscow"; // fixed +03:00, so the baseline's process-local time is the same clock
process.env.TZ = ZONE;
dayjs.extend(businessTime);

const N = Number(process.env.BENCH_N ?? 20_000);
const FROM = dayNumber("2025-01-01");
const TO = dayNumber("2026-12-31");

// The baseline knows weekends and a holiday list only: no shortened days (art. 95), no working weekend days.
// For a like-for-like workload our calendar is flattened the same way through overrides.
const real = workTime("ru", ZONE);
const flatten: CalendarOverride[] = [];
const holidays: string[] = [];
for (let dn = FROM; dn <= dayNumber("2027-12-31"); dn++) {
  const date = dateOf(dn);
  const kind = real.calendar.day(date).kind;
  const weekend = isoWeekday(dn) >= 6;
  if (kind === "non_working" && !weekend) holidays.push(date);
  if (kind === "shortened" || (kind === "working" && weekend)) {
    const to = weekend ? "non_working" : "working";
    flatten.push({
      date,
      kind: to,
      reason: "bench: baseline semantics",
      by: "bench",
      at: "2026-01-01T00:00:00Z",
    });
  }
}
// Layered as an org's calendar is (calendars/production.ts): the 2025 days in the national layer, the later
// ones in the org's own layer, so every lookup goes through both; `flat` (one layer) is timed beside it.
const flat = workTime("ru", ZONE, undefined, {
  national: flatten.filter((o) => o.date < "2026"),
  org: flatten.filter((o) => o.date >= "2026"),
});
const oneLayer = workTime("ru", ZONE, undefined, flatten);
const half = [
  { start: "09:00:00", end: "13:00:00" },
  { start: "14:00:00", end: "18:00:00" },
];
dayjs.setBusinessTime({
  sunday: null,
  monday: half,
  tuesday: half,
  wednesday: half,
  thursday: half,
  friday: half,
  saturday: null,
});
dayjs.setHolidays(holidays);

// Deterministic pseudo-random workload (mulberry32): whole-minute starts in 2025–2026, budgets 15m..40h.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const iso = (ms: number) => dayjs(ms).format("YYYY-MM-DDTHH:mm:ssZ");
const startsMin = Array.from({ length: N }, () =>
  iso(Math.floor((FROM + rand() * (TO - FROM)) * 1440) * 60_000),
);
const budgets = Array.from({ length: N }, () => 15 + Math.floor(rand() * (40 * 60 - 15)));

function time(label: string, fn: (i: number) => unknown, n = N, rounds = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, performance.now() - t0);
  }
  const opsPerSec = (n / best) * 1000;
  if (label) console.log(`  ${label}: ${fmt(opsPerSec)} ops/s (${((best / n) * 1000).toFixed(2)} µs/op)`);
  return opsPerSec;
}
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

const ours = (i: number) => addBudget(flat, startsMin[i]!, { minutes: budgets[i]! }, "working");
const base = (i: number) =>
  dayjs(startsMin[i]!).addBusinessMinutes(budgets[i]!).format("YYYY-MM-DDTHH:mm:ssZ");

// Correctness agreement on the whole workload before timing (both "earliest instant" at a period's end).
let agree = 0;
const disagreements: string[] = [];
for (let i = 0; i < N; i++) {
  const a = ours(i);
  const b = base(i);
  if (a === b) agree++;
  else if (disagreements.length < 5)
    disagreements.push(`${startsMin[i]} + ${budgets[i]}m: ours ${a}, baseline ${b}`);
}

console.log(
  `calendar benchmark: ${fmt(N)} random starts 2025–2026 (${ZONE}), budgets 15m..40h, working clock`,
);
console.log(`agreement with dayjs-business-time on the same calendar: ${agree}/${N}`);
for (const d of disagreements) console.log(`  differs: ${d}`);

console.log("throughput (best of 3, warm):");
const o = time("ours (addBudget, same flattened calendar, national + org layers)", ours);
const b = time("baseline (dayjs-business-time)", base);
time("ours, the flattened calendar in one layer", (i) =>
  addBudget(oneLayer, startsMin[i]!, { minutes: budgets[i]! }, "working"),
);
time("ours, real calendar (shortened days, working Saturdays)", (i) =>
  addBudget(real, startsMin[i]!, { minutes: budgets[i]! }, "working"),
);
time("ours, cold (a new WorkTime every call, no day memo)", (i) =>
  addBudget(workTime("ru", ZONE), startsMin[i]!, { minutes: budgets[i]! }, "working"),
);
console.log(
  `ours: ${fmt(o)} ops/s, baseline(dayjs-business-time): ${fmt(b)} ops/s, ratio: ${(o / b).toFixed(1)}×`,
);

console.log("growth with the span (same 2,000 starts, real calendar):");
const M = 2_000;
const cost: Record<number, number> = {};
const span: Record<number, number> = {};
for (const hours of [8, 80, 800]) {
  const ops = time("", (i) => addBudget(real, startsMin[i]!, { minutes: hours * 60 }, "working"), M);
  cost[hours] = 1e6 / ops;
  let days = 0;
  for (let i = 0; i < M; i++) {
    days +=
      (Date.parse(addBudget(real, startsMin[i]!, { minutes: hours * 60 }, "working")) -
        Date.parse(startsMin[i]!)) /
      86_400_000;
  }
  span[hours] = days / M;
  console.log(
    `  ours ${hours}h (${(days / M).toFixed(1)} calendar days on average): ${cost[hours]!.toFixed(2)} µs/op`,
  );
}
for (const hours of [8, 80]) {
  const ops = time("", (i) => dayjs(startsMin[i]!).addBusinessMinutes(hours * 60), 200, 1);
  console.log(`  baseline ${hours}h: ${(1e6 / ops).toFixed(2)} µs/op`);
}
console.log(
  `  ours: 800h costs ${(cost[800]! / cost[8]!).toFixed(1)}× 8h for 100× the budget; ` +
    `${((cost[800]! - cost[8]!) / (span[800]! - span[8]!)).toFixed(3)} µs per extra calendar day (linear in days)`,
);
