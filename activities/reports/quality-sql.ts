// The monthly report's quality section (issue "draft checks"): of the drafts of the month's cases (the
// report's cohort: `received_at` in [from, to)), how many the draft checks ran on, how many had findings,
// and by code; beside them the rework reasons the curators gave those drafts (`reviews.reasons` of rework
// verdicts). Per executor (the draft's author, `drafts.by`), per department (the author's department in
// the staff table now) and for the whole org. Drafts written before the checks existed (`checks` null) are
// counted in `drafts`, not in `checked`; the share is withFindings / checked.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export interface QualityRow {
  dim: "total" | "executor" | "department";
  /** Staff id or department id; null: the org's total, or an author without a department. */
  key: string | null;
  label: string | null;
  drafts: number;
  checked: number;
  withFindings: number;
  /** Drafts with at least one finding of the code. */
  byCode: Record<string, number>;
  /** Rework verdicts on these drafts that gave the reason. */
  reworkReasons: Record<string, number>;
}

export async function queryQuality(db: Db, org: string, from: string, to: string): Promise<QualityRow[]> {
  const rows = await db.execute(sql`
    with d as materialized (
      select d.case_id, d.version, d.by, d.checks, p.department_id
      from drafts d
      join cases c on c.case_id = d.case_id
      left join staff p on p.id = d.by and p.org_id = ${org}
      where c.org_id = ${org} and c.received_at >= ${from}::timestamptz and c.received_at < ${to}::timestamptz
    ),
    flat as (
      select 'total'::text as dim, null::text as key, d.* from d
      union all select 'executor', d.by, d.* from d
      union all select 'department', d.department_id, d.* from d
    ),
    counts as (
      select dim, key, count(*) as drafts, count(checks) as checked,
             count(*) filter (where jsonb_array_length(checks) > 0) as with_findings
      from flat group by dim, key
    ),
    codes as (
      select dim, key, jsonb_object_agg(code, n) as by_code from (
        select f.dim, f.key, x.code, count(distinct (f.case_id, f.version)) as n
        from flat f cross join lateral (select distinct e->>'code' as code from jsonb_array_elements(f.checks) e) x
        group by f.dim, f.key, x.code) y
      group by dim, key
    ),
    reasons as (
      select dim, key, jsonb_object_agg(reason, n) as rework_reasons from (
        select f.dim, f.key, r.reason, count(*) as n
        from flat f
        join reviews v on v.case_id = f.case_id and v.draft_version = f.version and v.verdict = 'rework'
        cross join lateral unnest(v.reasons) as r(reason)
        group by f.dim, f.key, r.reason) y
      group by dim, key
    )
    select c.dim, c.key, coalesce(dp.name, p.name) as label, c.drafts::int as drafts, c.checked::int as checked,
           c.with_findings::int as "withFindings", coalesce(k.by_code, '{}'::jsonb) as "byCode",
           coalesce(r.rework_reasons, '{}'::jsonb) as "reworkReasons"
    from counts c
    left join codes k on k.dim = c.dim and k.key is not distinct from c.key
    left join reasons r on r.dim = c.dim and r.key is not distinct from c.key
    left join departments dp on c.dim = 'department' and dp.id = c.key and dp.org_id = ${org}
    left join staff p on c.dim = 'executor' and p.id = c.key and p.org_id = ${org}
    order by case c.dim when 'total' then 0 when 'department' then 1 else 2 end, c.drafts desc,
             c.key collate "C" nulls last
  `);
  return rows as unknown as QualityRow[];
}
