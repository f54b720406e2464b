// The report workflow's activities: generate (compute and store) a month's report, and e-mail its summary
// to the recipients once per org and month (the notifications table, as every other e-mail: once.ts).
import { ApplicationFailure } from "@temporalio/common";
import { and, arrayContains, eq, isNotNull, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../db/client";
import { orgs, staff } from "../../db/schema";
import { getProfile } from "../../regulations";
import type { Mailer } from "../mail";
import { sendOnce } from "../once";
import { reportOfficials } from "../recipients";
import { reportCsv, reportXlsx, XLSX } from "./formats";
import {
  buildMonthlyReport,
  type GroupFigures,
  loadMonthlyReport,
  MONTH,
  type MonthlyReport,
  reportedMonth,
  storeMonthlyReport,
} from "./monthly";

export interface GenerateReportInput {
  org: string;
  /** YYYY-MM; absent: the month before the one `at` falls in, in the org's zone (a scheduled run). */
  month?: string;
  /** The run's instant (the Schedule's scheduled time): deterministic, taken from the workflow's history. */
  at: string;
}

export async function generateMonthlyReport(
  db: Db,
  input: GenerateReportInput,
): Promise<{ org: string; month: string; cases: number }> {
  let month = input.month;
  if (!month) {
    const [org] = await db.select({ zone: orgs.zone }).from(orgs).where(eq(orgs.id, input.org));
    if (!org) throw ApplicationFailure.nonRetryable(`unknown org '${input.org}'`, "unknown_org");
    month = reportedMonth(org.zone, input.at);
  }
  const report = await buildMonthlyReport(db, input.org, month);
  await storeMonthlyReport(db, report);
  return { org: report.org, month, cases: report.figures.cases };
}

export const reportMailKey = (org: string, month: string) => `monthly-report:${org}:${month}`;

/** Who gets the report: the org's supervisors, the staff the regulation has prepare it (its `by`), the
 * org's report recipients or else its escalation address (activities/recipients.ts). */
export async function reportRecipients(db: Db, orgId: string): Promise<string[]> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw ApplicationFailure.nonRetryable(`unknown org '${orgId}'`, "unknown_org");
  const by = getProfile(org.regulation).reports.monthly?.by;
  const who: SQL[] = [arrayContains(staff.roles, ["supervisor"])];
  // Zarechny 22, Nenets 28: the curator prepares it; Plastunovskaya 23: the municipal curator.
  if (by === "curator") who.push(arrayContains(staff.roles, ["curator"]));
  if (by === "municipal_curator" || by === "regional_curator")
    who.push(and(arrayContains(staff.roles, ["curator"]), eq(staff.curatorTier, by.split("_")[0]!))!);
  const people = [];
  for (const w of who)
    people.push(
      ...(await db
        .select({ email: staff.email })
        .from(staff)
        .where(and(eq(staff.orgId, org.id), eq(staff.active, true), isNotNull(staff.email), w))),
    );
  const all = [...people.map((p) => p.email!), ...reportOfficials(org)];
  return [...new Set(all.map((e) => e.trim().toLowerCase()))].filter(Boolean).sort();
}

export interface MailReportDeps {
  db: Db;
  mailer: Mailer;
}

/**
 * E-mails the stored report's summary once per org and month: `sent` recipients when it went out through
 * SMTP, `recorded` when the mailer only records (no SMTP_URL); both 0 when it went out before.
 */
export async function mailMonthlyReport(
  deps: MailReportDeps,
  input: { org: string; month: string },
): Promise<{ sent: number; recorded: number }> {
  if (!MONTH.test(input.month))
    throw ApplicationFailure.nonRetryable(`bad month '${input.month}'`, "bad_month");
  const stored = await loadMonthlyReport(deps.db, input.org, input.month);
  if (!stored)
    throw ApplicationFailure.retryable(`no report for ${input.org} ${input.month} yet`, "no_report");
  const to = await reportRecipients(deps.db, input.org);
  if (to.length === 0) return { sent: 0, recorded: 0 };
  const key = reportMailKey(input.org, input.month);
  const subject = `Ежемесячный отчёт о работе с сообщениями из открытых источников: ${stored.report.orgName}, ${monthName(input.month)}`;
  const text = reportSummary(stored.report);
  // The full report goes along: the workbook (with its chart sheet) and the CSV, as the API serves them.
  const name = `report-${input.org}-${input.month}`;
  const attachments = [
    { filename: `${name}.xlsx`, content: await reportXlsx(stored.report), contentType: XLSX },
    {
      filename: `${name}.csv`,
      content: Buffer.from(reportCsv(stored.report), "utf8"),
      contentType: "text/csv",
    },
  ];
  const { ran } = await sendOnce(deps.db, { key, channel: "email", recipient: to.join(", "), subject }, () =>
    deps.mailer.send({ key, to, subject, text, attachments }),
  );
  const count = ran ? to.length : 0;
  return deps.mailer.sends === false ? { sent: 0, recorded: count } : { sent: count, recorded: 0 };
}

const monthName = (month: string) => DateTime.fromISO(`${month}-01`).setLocale("ru").toFormat("LLLL yyyy");
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
const signed = (x: number | null) => (x === null ? "—" : x > 0 ? `+${x}` : `${x}`);
const top = (gs: GroupFigures[]) =>
  gs
    .slice(0, 10)
    .map((g) => `  ${g.label ?? g.key ?? "(нет)"}: ${g.cases}, в срок ${pct(g.answer.share)}`)
    .join("\n");

/** The e-mail's text: the headline figures beside last month's; the full report is served by the API. */
export function reportSummary(r: MonthlyReport): string {
  const f = r.figures;
  const c = r.change;
  return [
    `${r.orgName} (${r.org}), ${monthName(r.month)}: сообщения, полученные с ${r.period.from} по ${r.period.to} (${r.zone}).`,
    r.official ? `Представляется: ${r.official}${r.dueBy ? ` до ${r.dueBy}` : ""} (${r.source}).` : "",
    "",
    `Сообщений: ${f.cases} (${signed(c.cases)} к ${r.previousMonth})`,
    `Опубликовано ответов: ${f.answered} (${signed(c.answered)})`,
    `Ответ в срок: ${pct(f.onTime.overall.share)} (${f.onTime.overall.onTime} из ${f.onTime.overall.counted}; было ${pct(r.previous.onTime.overall.share)})`,
    `Время ответа, рабочих минут: медиана ${f.answerMinutes.median ?? "—"}, 90-й процентиль ${f.answerMinutes.p90 ?? "—"}`,
    `Нарушений сроков: ${f.breaches.total} (${signed(c.breaches)})${f.breaches.byStep.length ? `: ${f.breaches.byStep.map((b) => `${b.step} ${b.count}`).join(", ")}` : ""}`,
    `Доработок: ${f.rework.rounds} в ${f.rework.cases} сообщениях (${signed(c.reworkRounds)})`,
    `Возвратов по компетенции: ${f.returns.total}; объединено: ${f.merged}`,
    "",
    "По подразделениям:",
    top(f.by.department),
    "По исполнителям:",
    top(f.by.executor),
    "",
    `Полный отчёт во вложении (XLSX с диаграммой, CSV) и в API: GET /v1/reports/monthly?org=${r.org}&month=${r.month}`,
  ].join("\n");
}
