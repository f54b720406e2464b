// Monthly reports: read the stored one in the format the caller accepts, or (re)generate it now by running
// the report workflow (the same one the org's Schedule starts).
import { reportCsv, reportXlsx, XLSX } from "../../activities/reports/formats";
import { loadMonthlyReport } from "../../activities/reports/monthly";
import type { Actor } from "../../workflows/actions";
import type { monthlyReportWorkflow } from "../../workflows/monthly-report";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { bounded } from "../temporal";
import { assertOwnOrg } from "./orgs";

export type Format = "json" | "csv" | "xlsx";

const formats: Array<[string, Format]> = [
  ["application/json", "json"],
  ["text/csv", "csv"],
  [XLSX, "xlsx"],
  ["application/*", "json"],
  ["text/*", "csv"],
  ["*/*", "json"],
];

/** The format of the highest-q media range of `accept` that we serve; JSON when none (or no header). */
export function negotiate(accept: string | undefined): Format {
  const ranges = (accept ?? "")
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith("q="))?.slice(2) ?? 1);
      return { type, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const hit = formats.find(([t]) => t === r.type);
    if (hit) return hit[1];
  }
  return "json";
}

export async function readReport(deps: Deps, actor: Actor, org: string, month: string, format: Format) {
  assertOwnOrg(actor, org);
  const stored = await loadMonthlyReport(deps.db, org, month);
  if (!stored)
    throw new HttpProblem(
      404,
      `No monthly report of '${org}' for ${month} yet: it is generated on the 1st of the next month at 06:00 in the org's zone, or by POST /v1/reports/monthly`,
    );
  const name = `monthly-report-${org}-${month}`;
  if (format === "csv")
    return { type: "text/csv; charset=utf-8", name: `${name}.csv`, body: reportCsv(stored.report) };
  if (format === "xlsx") return { type: XLSX, name: `${name}.xlsx`, body: await reportXlsx(stored.report) };
  return { type: "application/json", name, body: { generatedAt: stored.generatedAt, ...stored.report } };
}

/** Runs the report workflow for the month now (id `monthly-report-<org>-<month>`) and waits for it. */
export async function regenerateReport(deps: Deps, actor: Actor, org: string, month: string) {
  assertOwnOrg(actor, org);
  return bounded(
    deps,
    "The report run goes on: GET /v1/reports/monthly later, or POST again to wait for the same run.",
    async () => {
      const handle = await deps.temporal.workflow.start<typeof monthlyReportWorkflow>(
        "monthlyReportWorkflow",
        {
          workflowId: `monthly-report-${org}-${month}`,
          taskQueue: deps.taskQueue,
          args: [{ org, month }],
          // A run already under way for the month is joined, not started twice.
          workflowIdConflictPolicy: "USE_EXISTING",
        },
      );
      return handle.result();
    },
  );
}
