// The monthly report's figures for one org and one period, in one SQL statement over the read model
// (`cases` and `case_steps`, as activities/projection.ts writes them). The statement reads only what the
// read model holds, never now(): the same rows give the same figures.
//
// Cohort: the cases of the org whose `received_at` falls in [from, to) — the caller passes the local
// midnights of the month in the org's zone.
//
// Each step row (one per step and round) has one outcome, in this order of precedence:
//   cancelled  — the step stopped applying (merge, hand-off, re-route): left out of every share;
//   breached   — `breached_at` is set (a breach stays on record even if the step was met later);
//   open       — neither met nor breached yet: not yet due, or an option window (`whenNeeded`) never used.
//                Left out of the share: the read model does not say whether it will be met in time, and
//                counting it either way would make the report depend on the hour it was run. A clock that
//                runs out is recorded as breached by the workflow, so an overdue step does not stay open;
//   on_time    — met on or before `due_at` (or a step without a due instant);
//   late       — met after `due_at` without a breach (an option window used late).
// On-time share = on_time / (on_time + late + breached). "Overall" is the share of the `answer` step.
//
// By executor, a case counts for each executor who held it: its assignees, and those a substitute took over
// from (`relieved`, docs/regulations.md "substitutes"), so the executor a case was taken from is on record.
//
// Answer time: median and 90th percentile of `answer_working_minutes` with percentile_disc — the smallest
// value whose cumulative share reaches the fraction, i.e. the ⌈f·n⌉-th value of the sorted list. It is
// always a time some case actually took (whole minutes, no interpolation, no floating-point noise); with
// an even count the median is the lower of the two middle values.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export type Dimension = "status" | "topic" | "network" | "department" | "executor";
export const dimensions: readonly Dimension[] = ["status", "topic", "network", "department", "executor"];

export interface StepRow {
  step: string;
  onTime: number;
  late: number;
  breached: number;
  open: number;
  cancelled: number;
}

export interface GroupRow {
  dim: Dimension;
  /** null: the case has no topic / no department / no executor (not routed yet, rejected at triage). */
  key: string | null;
  /** The department's or executor's name from the org's tables; null for the other dimensions. */
  label: string | null;
  cases: number;
  /** Cases of the group whose answer step was met or breached, and of them met on time. */
  answerCounted: number;
  answerOnTime: number;
  reworkRounds: number;
  breaches: number;
}

export interface FigureRows {
  totals: {
    cases: number;
    answered: number;
    merged: number;
    returns: number;
    returnedCases: number;
    reworkRounds: number;
    reworkedCases: number;
    breachedCases: number;
    median: number | null;
    p90: number | null;
  };
  steps: StepRow[];
  rework: Array<{ rounds: number; cases: number }>;
  groups: GroupRow[];
}

/** The figures of `org` for the cases received in [from, to) (ISO instants). */
export async function queryFigures(db: Db, org: string, from: string, to: string): Promise<FigureRows> {
  const rows = (await db.execute(figuresSql(org, from, to))) as unknown as FigureRows[];
  const row = rows[0];
  if (!row) throw new Error("the report statement returned no row");
  return row;
}

/** The statement itself (bench/report.bench.ts explains it). */
export function figuresSql(org: string, from: string, to: string): SQL {
  return sql`
    with mc as materialized (
      select case_id, status, topic, network, departments, assignees, relieved, rework_rounds, returns, merged_into,
             answer_working_minutes
      from cases
      where org_id = ${org} and received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz
    ),
    st as materialized (
      select s.case_id, s.step, s.round,
             case when s.cancelled then 'cancelled'
                  when s.breached_at is not null then 'breached'
                  when s.met_at is null then 'open'
                  when s.due_at is null or s.met_at <= s.due_at then 'on_time'
                  else 'late' end as outcome
      from case_steps s join mc on mc.case_id = s.case_id
    ),
    per_case as (
      select case_id,
             (array_agg(outcome order by round desc) filter (where step = 'answer'))[1] as answer,
             count(*) filter (where outcome = 'breached') as breaches
      from st group by case_id
    ),
    facts as materialized (
      select mc.*, pc.answer, coalesce(pc.breaches, 0) as breaches
      from mc left join per_case pc on pc.case_id = mc.case_id
    ),
    flat as (
      select 'status'::text as dim, status as key, f.* from facts f
      union all select 'topic', topic, f.* from facts f
      union all select 'network', network, f.* from facts f
      union all select 'department', d.key, f.* from facts f left join lateral unnest(f.departments) as d(key) on true
      union all select 'executor', e.key, f.* from facts f
        left join lateral (select distinct x from unnest(f.assignees || f.relieved) as x) as e(key) on true
    ),
    groups as (
      select dim, key, count(*) as cases,
             count(*) filter (where answer in ('on_time', 'late', 'breached')) as answer_counted,
             count(*) filter (where answer = 'on_time') as answer_on_time,
             sum(rework_rounds) as rework_rounds, sum(breaches) as breaches
      from flat group by dim, key
    )
    select
      (select json_build_object(
         'cases', count(*),
         'answered', count(answer_working_minutes),
         'merged', count(*) filter (where merged_into is not null or status = 'merged'),
         'returns', coalesce(sum(returns), 0),
         'returnedCases', count(*) filter (where returns > 0),
         'reworkRounds', coalesce(sum(rework_rounds), 0),
         'reworkedCases', count(*) filter (where rework_rounds > 0),
         'breachedCases', count(*) filter (where breaches > 0),
         'median', percentile_disc(0.5) within group (order by answer_working_minutes),
         'p90', percentile_disc(0.9) within group (order by answer_working_minutes))
       from facts) as totals,
      (select coalesce(json_agg(json_build_object(
         'step', step, 'onTime', on_time, 'late', late, 'breached', breached, 'open', open,
         'cancelled', cancelled) order by step), '[]'::json)
       from (select step,
                    count(*) filter (where outcome = 'on_time') as on_time,
                    count(*) filter (where outcome = 'late') as late,
                    count(*) filter (where outcome = 'breached') as breached,
                    count(*) filter (where outcome = 'open') as open,
                    count(*) filter (where outcome = 'cancelled') as cancelled
             from st group by step) x) as steps,
      (select coalesce(json_agg(json_build_object('rounds', rework_rounds, 'cases', n) order by rework_rounds),
                       '[]'::json)
       from (select rework_rounds, count(*) as n from mc group by rework_rounds) r) as rework,
      (select coalesce(json_agg(json_build_object(
         'dim', g.dim, 'key', g.key, 'label', coalesce(d.name, p.name), 'cases', g.cases,
         'answerCounted', g.answer_counted, 'answerOnTime', g.answer_on_time,
         'reworkRounds', g.rework_rounds, 'breaches', g.breaches)
         order by g.dim, g.cases desc, g.key collate "C" nulls last), '[]'::json)
       from groups g
       left join departments d on g.dim = 'department' and d.id = g.key and d.org_id = ${org}
       left join staff p on g.dim = 'executor' and p.id = g.key and p.org_id = ${org}) as groups
  `;
}
