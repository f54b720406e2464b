// How the monthly report's SQL grows with the read model: 10k, 100k and 1M synthetic cases (with ~2.9 step
// rows each) written by INSERT … SELECT generate_series into a database of its own (embedded PostgreSQL
// under .data/pg-bench-report, default settings), spread over February and March 2026 of one org (about
// 47 % / 53 %). The report of March reads both months (March and, for the change, February): every case.
// Each size is timed as buildMonthlyReport (both months' statements) after one warm-up run, median of 3,
// and compared with linear growth (×10 per step).
//   npx tsx bench/report.bench.ts [maxCases]
import { rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { buildMonthlyReport, periodOf } from "../activities/reports/monthly";
import { figuresSql } from "../activities/reports/monthly-sql";
import { createDb, type Db } from "../db/client";
import { migrateDb } from "../db/migrate";
import { dataDir, freePort, startEmbeddedPostgres } from "../scripts/stack";

const MAX = Number(process.argv[2] ?? 1_000_000);
const SIZES = [10_000, 100_000, 1_000_000].filter((n) => n <= MAX);
const ORG = "bench";
const MONTH = "2026-03";
/** A second org with 10k cases, written beside the largest table: a small report in a big read model. */
const SMALL = "small";

// A case's received instant: pseudo-random seconds over 59 days from 1 February (Moscow midnight).
const receivedAt = (i: string) =>
  `timestamptz '2026-02-01 00:00:00+03' + ((${i}::bigint * 7919) % (59 * 86400)) * interval '1 second'`;

async function setUp(db: Db) {
  await db.execute(
    sql`insert into orgs (id, name, regulation, zone)
        values (${ORG}, 'Bench', 'zarechny', 'Europe/Moscow'), (${SMALL}, 'Small', 'zarechny', 'Europe/Moscow')`,
  );
  await db.execute(
    sql`insert into departments (id, org_id, name) select 'bench.d' || d, ${ORG}, 'Отдел ' || d from generate_series(0, 4) d`,
  );
  await db.execute(sql`
    insert into staff (id, org_id, department_id, name, roles)
    select 'bench.e' || e, ${ORG}, 'bench.d' || (e % 5), 'Исполнитель ' || e, '{executor}' from generate_series(0, 49) e`);
}

/** Writes `n` cases of `org` (ids `case-<org>-<i>`) and their steps; returns the step rows written. */
async function fill(db: Db, n: number, org = ORG): Promise<number> {
  await db.execute(
    sql.raw(`
    insert into cases (case_id, workflow_id, org_id, regulation, source, external_id, status, importance, topic,
      network, channel, url, text, published_at, detected_at, received_at, departments, assignees,
      rework_rounds, returns, merged_into, answer_working_minutes, snapshot, last_seq)
    select 'case-${org}-' || i, 'case-${org}-' || i, '${org}', 'zarechny', 'bench', i::text,
      (array['closed','closed','closed','drafting','rejected','merged','follow_up','triage'])[1 + i % 8],
      'normal', (array['ЖКХ','Дороги','Благоустройство','Транспорт',null])[1 + i % 5],
      (array['vk','telegram','ok'])[1 + i % 3], 'comment', 'https://vk.com/wall-1_' || i, 'текст',
      t, t, t,
      case when i % 8 in (4, 5, 7) then '{}'::text[] else array['bench.d' || (i % 5)] end,
      case when i % 8 in (4, 5, 7) then '{}'::text[] else array['bench.e' || (i % 50)] end,
      case when i % 5 = 0 then 1 + i % 3 else 0 end,
      case when i % 11 = 0 then 1 else 0 end,
      case when i % 8 = 5 then 'case-${org}-' || (i - 1) end,
      case when i % 8 in (0, 1, 2, 6) then 30 + (i * 37) % 900 end,
      '{}'::jsonb, 1
    from generate_series(1, ${n}) i, lateral (select ${receivedAt("i")} as t) x`),
  );
  // route and answer for every case, draft for two in three, rework for one in five: 70 % met on time,
  // 10 % met late, 10 % breached, 10 % cancelled (route: open instead).
  const [steps] = (await db.execute(
    sql.raw(`
    with ins as (
      insert into case_steps (case_id, step, round, budget, clock, started_at, due_at, met_at, breached_at, cancelled)
      select 'case-${org}-' || i, s.step, 0, '8h', 'working', t, t + interval '1 day',
        case when (i + s.k) % 10 < 7 then t + interval '20 hours'
             when (i + s.k) % 10 in (7, 8) then t + interval '30 hours' end,
        case when (i + s.k) % 10 = 8 then t + interval '1 day' end,
        (i + s.k) % 10 = 9 and s.step <> 'route'
      from generate_series(1, ${n}) i
      cross join lateral (values ('route', 0), ('answer', 1), ('draft', 2), ('rework', 3)) s(step, k)
      cross join lateral (select ${receivedAt("i")} as t) x
      where s.step in ('route', 'answer') or (s.step = 'draft' and i % 3 <> 0) or (s.step = 'rework' and i % 5 = 0)
      returning 1)
    select count(*)::int as n from ins`),
  )) as unknown as Array<{ n: number }>;
  await db.execute(sql`analyze cases`);
  await db.execute(sql`analyze case_steps`);
  return steps!.n;
}

/** How the statement reaches the two tables (scan types from EXPLAIN). */
async function access(db: Db, org = ORG): Promise<string> {
  const { from, to } = periodOf(MONTH, "Europe/Moscow");
  const plan = (await db.execute(sql`explain ${figuresSql(org, from, to)}`)) as unknown as Array<{
    "QUERY PLAN": string;
  }>;
  const scans = plan
    .map((r) => r["QUERY PLAN"].trim().replace(/^->\s*/, ""))
    .filter((l) => / on (cases|case_steps)\b/.test(l))
    .map((l) => l.replace(/\s+\(cost.*$/, ""));
  return [...new Set(scans)].join("; ");
}

async function main() {
  const pgDir = path.join(dataDir, "pg-bench-report");
  rmSync(pgDir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: await freePort(), database: "bench_report" });
  await migrateDb(pg.url);
  const database = createDb(pg.url, { max: 2 });
  const db = database.db;
  await setUp(db);
  const rows: Array<{ n: number; steps: number; fillS: number; ms: number; cases: number }> = [];
  for (const n of SIZES) {
    const t0 = performance.now();
    await db.execute(sql`truncate cases, case_steps, case_authors`);
    const steps = await fill(db, n);
    const fillS = (performance.now() - t0) / 1000;
    const warm = await buildMonthlyReport(db, ORG, MONTH);
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      await buildMonthlyReport(db, ORG, MONTH);
      times.push(performance.now() - t);
    }
    const ms = times.sort((a, b) => a - b)[1]!;
    const cases = warm.figures.cases + warm.previous.cases;
    rows.push({ n, steps, fillS, ms, cases });
    console.log(
      `${n.toLocaleString("en")} cases (${steps.toLocaleString("en")} steps; March ${warm.figures.cases}, February ${warm.previous.cases}): ` +
        `filled in ${fillS.toFixed(1)} s; report ${ms.toFixed(1)} ms (runs ${times.map((x) => x.toFixed(0)).join(", ")} ms)`,
    );
    console.log(`  plan: ${await access(db)}`);
  }
  const [largest] = rows.slice(-1);
  if (largest && largest.n > 10_000) {
    await fill(db, 10_000, SMALL);
    await db.execute(sql`analyze cases`);
    await db.execute(sql`analyze case_steps`);
    await buildMonthlyReport(db, SMALL, MONTH);
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      await buildMonthlyReport(db, SMALL, MONTH);
      times.push(performance.now() - t);
    }
    console.log(
      `10,000 cases of another org beside the ${largest.n.toLocaleString("en")}: report ${times.sort((a, b) => a - b)[1]!.toFixed(1)} ms`,
    );
    console.log(`  plan: ${await access(db, SMALL)}`);
  }
  console.log("\ngrowth (linear would be 10.0×):");
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    console.log(
      `  ${b.n.toLocaleString("en")} / ${a.n.toLocaleString("en")}: ${(b.ms / a.ms).toFixed(2)}× the time for ${(b.n / a.n).toFixed(1)}× the cases ` +
        `(${((b.ms / b.n) * 1000).toFixed(2)} vs ${((a.ms / a.n) * 1000).toFixed(2)} µs per case)`,
    );
  }
  await database.close();
  await pg.stop();
  rmSync(pgDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
