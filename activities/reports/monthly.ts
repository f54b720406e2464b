// The monthly report (docs/regulations.md "Along the way": timeliness, quality and dynamics of messages, per
// executor and department — 001_72a8b4930195f3f4.txt §22, 004_7df024af3c275bd4.txt §28,
// 003_7882df1e4c209347.txt §23): the figures of a month in the org's zone beside those of the month
// before, and the change. Deterministic: it is a function of the read model only (no generation time inside;
// `monthly_reports.created_at` records when it was generated), so re-running a month stores the same data.
import { ApplicationFailure } from "@temporalio/common";
import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../db/client";
import { monthlyReports, orgs } from "../../db/schema";
import { getProfile, stepNames } from "../../regulations";
import { type Dimension, dimensions, type GroupRow, queryFigures, type StepRow } from "./monthly-sql";
import { type QualityRow, queryQuality } from "./quality-sql";

export { type Dimension, dimensions } from "./monthly-sql";

/**
 * A month the report can count: 1970-01 to 2999-12. The previous month is counted too, so year 0000 (whose
 * previous month is in year -1, which luxon cannot parse) failed on every retry (issue 11).
 */
export const MONTH = /^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/;

export interface Share {
  /** Met or breached (cancelled and open steps are not counted: monthly-sql.ts). */
  counted: number;
  onTime: number;
  /** onTime / counted, rounded to 4 decimals; null when nothing was counted. */
  share: number | null;
}
export type StepFigures = StepRow & Share;
export interface GroupFigures extends Omit<GroupRow, "dim" | "answerCounted" | "answerOnTime"> {
  answer: Share;
}

export interface Figures {
  cases: number;
  /** Cases with a first published answer (their answer time is known). */
  answered: number;
  merged: number;
  returns: { total: number; cases: number };
  rework: { rounds: number; cases: number; distribution: Array<{ rounds: number; cases: number }> };
  /** Working minutes from the answer clock's start to the first published answer (percentile_disc). */
  answerMinutes: { count: number; median: number | null; p90: number | null };
  onTime: { overall: Share; steps: StepFigures[] };
  breaches: { total: number; cases: number; byStep: Array<{ step: string; count: number }> };
  by: Record<Dimension, GroupFigures[]>;
  /** The draft checks' findings beside the rework reasons (activities/reports/quality-sql.ts). */
  quality: {
    total: QualityFigures;
    by: { department: QualityFigures[]; executor: QualityFigures[] };
  };
}

export interface QualityFigures extends Omit<QualityRow, "dim"> {
  /** withFindings / checked, rounded to 4 decimals; null when no draft was checked. */
  share: number | null;
}

export interface GroupChange {
  key: string | null;
  label: string | null;
  cases: number;
  previous: number;
  delta: number;
}
/** This month minus the previous one; shares in fractions (0.05 = five percentage points). */
export interface Change {
  cases: number;
  answered: number;
  merged: number;
  returns: number;
  reworkRounds: number;
  breaches: number;
  onTimeShare: number | null;
  answerMedian: number | null;
  answerP90: number | null;
  steps: Array<{ step: string; onTimeShare: number | null; breached: number }>;
  by: Record<Dimension, GroupChange[]>;
}

export interface MonthlyReport {
  org: string;
  orgName: string;
  regulation: string;
  zone: string;
  month: string;
  /** Local midnights of the month in the org's zone: cases received in [from, to). */
  period: { from: string; to: string };
  previousMonth: string;
  /** The day the regulation wants the report by (Plastunovskaya 23: the 5th of the next month), if it says. */
  dueBy: string | null;
  /** To whom the regulation says the report goes, and where it says so. */
  official: string | null;
  source: string | null;
  figures: Figures;
  previous: Figures;
  change: Change;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const share = (onTime: number, counted: number): Share => ({
  counted,
  onTime,
  share: ratio(onTime, counted),
});
const minus = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.round((a - b) * 10_000) / 10_000;

export const previousMonth = (month: string) =>
  DateTime.fromISO(`${month}-01`, { zone: "UTC" }).minus({ months: 1 }).toFormat("yyyy-MM");

/** The month a run at `at` reports: the month before the one `at` falls in, in `zone`. */
export const reportedMonth = (zone: string, at: string) =>
  DateTime.fromISO(at, { zone }).startOf("month").minus({ months: 1 }).toFormat("yyyy-MM");

export function periodOf(month: string, zone: string) {
  const from = DateTime.fromISO(`${month}-01T00:00:00`, { zone });
  // Deterministic: a retry would fail the same way (a report run must end, not retry without end).
  if (!from.isValid)
    throw ApplicationFailure.nonRetryable(`bad month '${month}' or zone '${zone}'`, "bad_month");
  return { from: from.toISO()!, to: from.plus({ months: 1 }).toISO()! };
}

const stepOrder = (s: string) => {
  const i = (stepNames as readonly string[]).indexOf(s);
  return i < 0 ? stepNames.length : i;
};
const byKey = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

export async function figuresOf(db: Db, org: string, from: string, to: string): Promise<Figures> {
  const rows = await queryFigures(db, org, from, to);
  const quality = (await queryQuality(db, org, from, to)).map(({ dim, ...q }) => ({
    dim,
    figures: { ...q, share: ratio(q.withFindings, q.checked) },
  }));
  const none: QualityFigures = {
    key: null,
    label: null,
    drafts: 0,
    checked: 0,
    withFindings: 0,
    byCode: {},
    reworkReasons: {},
    share: null,
  };
  const t = rows.totals;
  const steps = rows.steps
    .map((s) => ({ ...s, ...share(s.onTime, s.onTime + s.late + s.breached) }))
    .sort((a, b) => stepOrder(a.step) - stepOrder(b.step) || byKey(a.step, b.step));
  const answer = steps.find((s) => s.step === "answer");
  const by = Object.fromEntries(dimensions.map((d) => [d, [] as GroupFigures[]])) as Figures["by"];
  for (const { dim, answerCounted, answerOnTime, ...g } of rows.groups)
    by[dim].push({ ...g, answer: share(answerOnTime, answerCounted) });
  for (const d of dimensions) by[d].sort((a, b) => b.cases - a.cases || byKey(a.key, b.key));
  return {
    cases: t.cases,
    answered: t.answered,
    merged: t.merged,
    returns: { total: t.returns, cases: t.returnedCases },
    rework: { rounds: t.reworkRounds, cases: t.reworkedCases, distribution: rows.rework },
    answerMinutes: { count: t.answered, median: t.median, p90: t.p90 },
    onTime: { overall: share(answer?.onTime ?? 0, answer?.counted ?? 0), steps },
    breaches: {
      total: steps.reduce((n, s) => n + s.breached, 0),
      cases: t.breachedCases,
      byStep: steps.filter((s) => s.breached > 0).map((s) => ({ step: s.step, count: s.breached })),
    },
    by,
    quality: {
      total: quality.find((q) => q.dim === "total")?.figures ?? none,
      by: {
        department: quality.filter((q) => q.dim === "department").map((q) => q.figures),
        executor: quality.filter((q) => q.dim === "executor").map((q) => q.figures),
      },
    },
  };
}

export function changeOf(now: Figures, before: Figures): Change {
  const stepsOf = (f: Figures) => new Map(f.onTime.steps.map((s) => [s.step, s]));
  const [a, b] = [stepsOf(now), stepsOf(before)];
  const stepKeys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => stepOrder(x) - stepOrder(y));
  const groups = (d: Dimension): GroupChange[] => {
    const merged = new Map<string | null, GroupChange>();
    for (const [list, side] of [
      [now.by[d], "cases"],
      [before.by[d], "previous"],
    ] as const)
      for (const g of list) {
        const c = merged.get(g.key) ?? { key: g.key, label: g.label, cases: 0, previous: 0, delta: 0 };
        c[side] = g.cases;
        c.label ??= g.label;
        merged.set(g.key, c);
      }
    return [...merged.values()]
      .map((c) => ({ ...c, delta: c.cases - c.previous }))
      .sort((x, y) => y.cases - x.cases || y.previous - x.previous || byKey(x.key, y.key));
  };
  return {
    cases: now.cases - before.cases,
    answered: now.answered - before.answered,
    merged: now.merged - before.merged,
    returns: now.returns.total - before.returns.total,
    reworkRounds: now.rework.rounds - before.rework.rounds,
    breaches: now.breaches.total - before.breaches.total,
    onTimeShare: minus(now.onTime.overall.share, before.onTime.overall.share),
    answerMedian: minus(now.answerMinutes.median, before.answerMinutes.median),
    answerP90: minus(now.answerMinutes.p90, before.answerMinutes.p90),
    steps: stepKeys.map((step) => ({
      step,
      onTimeShare: minus(a.get(step)?.share ?? null, b.get(step)?.share ?? null),
      breached: (a.get(step)?.breached ?? 0) - (b.get(step)?.breached ?? 0),
    })),
    by: Object.fromEntries(dimensions.map((d) => [d, groups(d)])) as Change["by"],
  };
}

export async function buildMonthlyReport(db: Db, orgId: string, month: string): Promise<MonthlyReport> {
  if (!MONTH.test(month)) throw ApplicationFailure.nonRetryable(`bad month '${month}'`, "bad_month");
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw ApplicationFailure.nonRetryable(`unknown org '${orgId}'`, "unknown_org");
  const monthly = getProfile(org.regulation).reports.monthly;
  const prev = previousMonth(month);
  const [cur, before] = [periodOf(month, org.zone), periodOf(prev, org.zone)];
  const figures = await figuresOf(db, org.id, cur.from, cur.to);
  const previous = await figuresOf(db, org.id, before.from, before.to);
  const due = monthly?.dueDayOfNextMonth;
  return {
    org: org.id,
    orgName: org.name,
    regulation: org.regulation,
    zone: org.zone,
    month,
    period: cur,
    previousMonth: prev,
    dueBy: due ? DateTime.fromISO(cur.to, { setZone: true }).set({ day: due }).toISODate() : null,
    official: monthly?.official ?? null,
    source: monthly?.source ?? null,
    figures,
    previous,
    change: changeOf(figures, previous),
  };
}

/** Upsert by org and month; `created_at` becomes the time of this generation. */
export async function storeMonthlyReport(db: Db, report: MonthlyReport): Promise<void> {
  await db
    .insert(monthlyReports)
    .values({ orgId: report.org, month: report.month, data: report })
    .onConflictDoUpdate({
      target: [monthlyReports.orgId, monthlyReports.month],
      set: { data: sql`excluded.data`, createdAt: sql`now()` },
    });
}

export async function loadMonthlyReport(
  db: Db,
  org: string,
  month: string,
): Promise<{ report: MonthlyReport; generatedAt: string } | null> {
  const [row] = await db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.orgId, org), eq(monthlyReports.month, month)));
  return row
    ? { report: row.data as MonthlyReport, generatedAt: new Date(row.createdAt).toISOString() }
    : null;
}
