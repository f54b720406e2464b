// The monthly report as CSV (one tidy table: section, key, label, metric, value, previous, change) and as
// an XLSX workbook (a sheet per section and a "Chart" sheet), for GET /v1/reports/monthly by Accept and the
// monthly e-mail's attachments.
import ExcelJS from "exceljs";
import { draftCheckCodes, reviewReasons } from "../../regulations/schema";
import type { Change, Dimension, Figures, GroupFigures, MonthlyReport, QualityFigures } from "./monthly";
import { dimensions } from "./monthly";

/** The workbook's media type (the API's `Accept`, the e-mail attachment). */
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Value = number | string | null;
export interface Line {
  section: string;
  key: string;
  label: string;
  metric: string;
  value: Value;
  previous: Value;
  change: Value;
}

const delta = (a: Value, b: Value) =>
  typeof a === "number" && typeof b === "number" ? Math.round((a - b) * 10_000) / 10_000 : null;
const line = (section: string, key: string, metric: string, value: Value, previous: Value, label = "") => ({
  section,
  key,
  label,
  metric,
  value,
  previous,
  change: delta(value, previous),
});

/** Every figure of the report, this month beside the previous one. */
export function reportLines(r: MonthlyReport): Line[] {
  const [f, p] = [r.figures, r.previous];
  const summary: Array<[string, (x: Figures) => Value]> = [
    ["cases", (x) => x.cases],
    ["answered", (x) => x.answered],
    ["merged", (x) => x.merged],
    ["returns", (x) => x.returns.total],
    ["returned_cases", (x) => x.returns.cases],
    ["rework_rounds", (x) => x.rework.rounds],
    ["reworked_cases", (x) => x.rework.cases],
    ["breaches", (x) => x.breaches.total],
    ["breached_cases", (x) => x.breaches.cases],
    ["answer_counted", (x) => x.onTime.overall.counted],
    ["answer_on_time", (x) => x.onTime.overall.onTime],
    ["answer_on_time_share", (x) => x.onTime.overall.share],
    ["answer_median_minutes", (x) => x.answerMinutes.median],
    ["answer_p90_minutes", (x) => x.answerMinutes.p90],
  ];
  const lines: Line[] = summary.map(([m, get]) => line("summary", "", m, get(f), get(p)));
  const stepsBefore = new Map(p.onTime.steps.map((s) => [s.step, s]));
  for (const s of f.onTime.steps) {
    const b = stepsBefore.get(s.step);
    for (const m of ["counted", "onTime", "late", "breached", "open", "cancelled", "share"] as const)
      lines.push(line("step", s.step, m === "share" ? "on_time_share" : snake(m), s[m], b ? b[m] : null));
  }
  const reworkBefore = new Map(p.rework.distribution.map((d) => [d.rounds, d.cases]));
  for (const d of f.rework.distribution)
    lines.push(line("rework_rounds", String(d.rounds), "cases", d.cases, reworkBefore.get(d.rounds) ?? 0));
  for (const dim of dimensions) {
    const before = new Map(p.by[dim].map((g) => [g.key, g]));
    for (const g of f.by[dim]) {
      const b = before.get(g.key);
      const key = g.key ?? "";
      const label = g.label ?? "";
      lines.push(line(dim, key, "cases", g.cases, b?.cases ?? 0, label));
      lines.push(line(dim, key, "answer_on_time_share", g.answer.share, b?.answer.share ?? null, label));
      lines.push(line(dim, key, "rework_rounds", g.reworkRounds, b?.reworkRounds ?? 0, label));
      lines.push(line(dim, key, "breaches", g.breaches, b?.breaches ?? 0, label));
    }
  }
  lines.push(...qualityLines(r));
  return lines;
}

/** The quality section: drafts with findings by code beside the rework reasons, total and per group. */
function qualityLines(r: MonthlyReport): Line[] {
  const [f, p] = [r.figures.quality, r.previous.quality];
  if (!f) return []; // a report stored before the draft checks
  const groups: Array<[string, QualityFigures[], QualityFigures[]]> = [
    ["quality", [f.total], p ? [p.total] : []],
    ["quality_department", f.by.department, p?.by.department ?? []],
    ["quality_executor", f.by.executor, p?.by.executor ?? []],
  ];
  const out: Line[] = [];
  for (const [section, now, before] of groups) {
    const prev = new Map(before.map((g) => [g.key, g]));
    for (const g of now) {
      const b = prev.get(g.key);
      const add = (metric: string, v: Value, w: Value) =>
        out.push(line(section, g.key ?? "", metric, v, w, g.label ?? ""));
      add("drafts", g.drafts, b?.drafts ?? 0);
      add("checked", g.checked, b?.checked ?? 0);
      add("with_findings", g.withFindings, b?.withFindings ?? 0);
      add("with_findings_share", g.share, b?.share ?? null);
      for (const code of draftCheckCodes) add(`findings_${code}`, g.byCode[code] ?? 0, b?.byCode[code] ?? 0);
      for (const reason of reviewReasons)
        add(`rework_${reason}`, g.reworkReasons[reason] ?? 0, b?.reworkReasons[reason] ?? 0);
    }
  }
  return out;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One RFC 4180 field. A text (a topic from an integrator's hint, a department's name) that a spreadsheet would
 * read as a formula — starting with = + - @, a tab or a carriage return — is prefixed with `'` (OWASP "CSV
 * injection"), so `=HYPERLINK(…)` arrives in the officials' Excel as text; numbers stay numbers.
 */
export const csvCell = (v: Value) => {
  const raw = v === null ? "" : String(v);
  const s = typeof v === "string" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** RFC 4180, CRLF, with a UTF-8 byte-order mark so that Excel reads the Cyrillic labels. */
export function reportCsv(r: MonthlyReport): string {
  const head = ["section", "key", "label", "metric", "value", "previous", "change"] as const;
  const rows = [head.join(","), ...reportLines(r).map((l) => head.map((h) => csvCell(l[h])).join(","))];
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

const sheetNames: Record<Dimension, string> = {
  status: "By status",
  topic: "By topic",
  network: "By network",
  department: "By department",
  executor: "By executor",
};

/** The workbook: Summary, Steps, Rework, one sheet per breakdown, and Chart. */
export async function reportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "casework";
  // Fixed dates: the same report gives the same workbook contents.
  wb.created = wb.modified = new Date(r.period.to);
  summarySheet(wb, r);
  const steps = wb.addWorksheet("Steps");
  steps.addRow([
    "step",
    "counted",
    "on time",
    "late",
    "breached",
    "open",
    "cancelled",
    "on-time share",
    "previous share",
    "change",
  ]);
  const prevSteps = new Map(r.change.steps.map((s) => [s.step, s]));
  const prevShare = new Map(r.previous.onTime.steps.map((s) => [s.step, s.share]));
  for (const s of r.figures.onTime.steps)
    steps.addRow([
      s.step,
      s.counted,
      s.onTime,
      s.late,
      s.breached,
      s.open,
      s.cancelled,
      s.share,
      prevShare.get(s.step) ?? null,
      prevSteps.get(s.step)?.onTimeShare ?? null,
    ]);
  const rework = wb.addWorksheet("Rework");
  rework.addRow(["rework rounds", "cases"]);
  for (const d of r.figures.rework.distribution) rework.addRow([d.rounds, d.cases]);
  for (const dim of dimensions) groupSheet(wb, sheetNames[dim], r.figures.by[dim], r.change.by[dim]);
  qualitySheet(wb, r);
  for (const ws of wb.worksheets) {
    ws.getRow(1).font = { bold: true };
    for (const c of ws.columns ?? []) c.width = 18;
  }
  chartSheet(wb, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function summarySheet(wb: ExcelJS.Workbook, r: MonthlyReport) {
  const ws = wb.addWorksheet("Summary");
  ws.addRow(["metric", "value", "previous", "change"]);
  for (const [k, v] of [
    ["org", `${r.orgName} (${r.org})`],
    ["month", r.month],
    ["period from", r.period.from],
    ["period to", r.period.to],
    ["zone", r.zone],
    ["previous month", r.previousMonth],
    ["due by", r.dueBy ?? ""],
    ["official", r.official ?? ""],
    ["source", r.source ?? ""],
  ])
    ws.addRow([k, v]);
  for (const l of reportLines(r).filter((x) => x.section === "summary"))
    ws.addRow([l.metric, l.value, l.previous, l.change]);
}

function groupSheet(
  wb: ExcelJS.Workbook,
  name: string,
  groups: GroupFigures[],
  change: Change["by"][Dimension],
) {
  const ws = wb.addWorksheet(name);
  ws.addRow([
    "key",
    "name",
    "cases",
    "previous",
    "change",
    "answers counted",
    "on time",
    "on-time share",
    "rework rounds",
    "breaches",
  ]);
  const now = new Map(groups.map((g) => [g.key, g]));
  for (const c of change) {
    const g = now.get(c.key);
    ws.addRow([
      c.key ?? "(none)",
      c.label ?? "",
      c.cases,
      c.previous,
      c.delta,
      g?.answer.counted ?? 0,
      g?.answer.onTime ?? 0,
      g?.answer.share ?? null,
      g?.reworkRounds ?? 0,
      g?.breaches ?? 0,
    ]);
  }
}

/**
 * exceljs cannot write native Excel charts, so the "Chart" sheet draws bar charts from cells: each bar is a
 * REPT("█", …) formula scaled to the largest value of its block (with its computed result stored, so that
 * viewers that do not recalculate show it too), and the value column carries a data-bar conditional format.
 */
function chartSheet(wb: ExcelJS.Workbook, r: MonthlyReport) {
  const ws = wb.addWorksheet("Chart");
  const width = 40;
  const block = (title: string, items: Array<[string, number]>, scaleTo100 = false) => {
    ws.addRow([title]).font = { bold: true };
    const first = ws.rowCount + 1;
    const last = first + Math.max(items.length, 1) - 1;
    const max = scaleTo100 ? 100 : Math.max(1, ...items.map(([, v]) => v));
    for (const [label, value] of items) {
      const row = ws.addRow([label, value]);
      const scale = scaleTo100 ? "100" : `MAX(B$${first}:B$${last})`;
      row.getCell(3).value = {
        formula: `REPT("█",ROUND(B${row.number}/MAX(1,${scale})*${width},0))`,
        result: "█".repeat(Math.round((value / max) * width)),
      };
    }
    if (items.length > 0)
      ws.addConditionalFormatting({
        ref: `B${first}:B${last}`,
        rules: [
          {
            type: "dataBar",
            priority: 1,
            cfvo: [{ type: "min" }, { type: "max" }],
          } as ExcelJS.DataBarRuleType,
        ],
      });
    ws.addRow([]);
  };
  const counts = (gs: GroupFigures[]) =>
    gs.map((g): [string, number] => [g.label ?? g.key ?? "(none)", g.cases]);
  block("Cases by status", counts(r.figures.by.status));
  block("Cases by executor", counts(r.figures.by.executor));
  block("Cases by department", counts(r.figures.by.department));
  block(
    "On time by step, %",
    r.figures.onTime.steps
      .filter((s) => s.share !== null)
      .map((s): [string, number] => [s.step, Math.round((s.share ?? 0) * 1000) / 10]),
    true,
  );
  block("Cases, this month and the previous", [
    [r.previousMonth, r.previous.cases],
    [r.month, r.figures.cases],
  ]);
  ws.getColumn(1).width = 28;
  ws.getColumn(3).width = width + 2;
}

/** Quality: per scope, the drafts with findings by code beside the rework reasons given to them. */
function qualitySheet(wb: ExcelJS.Workbook, r: MonthlyReport) {
  const q = r.figures.quality;
  if (!q) return;
  const ws = wb.addWorksheet("Quality");
  ws.addRow([
    "scope",
    "key",
    "label",
    "drafts",
    "checked",
    "with findings",
    "share",
    ...draftCheckCodes,
    ...reviewReasons.map((x) => `rework: ${x}`),
  ]);
  const rows: Array<[string, QualityFigures]> = [
    ["org", q.total],
    ...q.by.department.map((g) => ["department", g] as [string, QualityFigures]),
    ...q.by.executor.map((g) => ["executor", g] as [string, QualityFigures]),
  ];
  for (const [scope, g] of rows)
    ws.addRow([
      scope,
      g.key ?? "",
      g.label ?? "",
      g.drafts,
      g.checked,
      g.withFindings,
      g.share,
      ...draftCheckCodes.map((c) => g.byCode[c] ?? 0),
      ...reviewReasons.map((x) => g.reworkReasons[x] ?? 0),
    ]);
}
