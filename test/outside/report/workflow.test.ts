// The report workflow on the real dev server (a worker with real activities, PostgreSQL and an SMTP server):
// it stores the month's report and e-mails it once, however often it runs; a run without a month reports
// the month before its start in the org's zone. And the org's Schedule: created and updated by
// worker/schedules.ts (what worker/setup.ts runs) with the calendar and zone, and firing the workflow.
import { defineSearchAttributeKey, SearchAttributeType } from "@temporalio/common";
import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSmtpMailer, messageIdOf } from "../../../activities";
import { generateMonthlyReport, mailMonthlyReport, reportMailKey } from "../../../activities/reports";
import { reportXlsx, XLSX } from "../../../activities/reports/formats";
import { loadMonthlyReport, reportedMonth } from "../../../activities/reports/monthly";
import { config } from "../../../config";
import { ensureReportSchedule, ensureReportSchedules, reportScheduleId } from "../../../worker/schedules";
import type { monthlyReportWorkflow } from "../../../workflows/monthly-report";
import { eventually } from "../../api/helpers";
import { devStack } from "../../durability/dev";
import { buildMonth, type Month } from "./month";

const TemporalScheduledStartTime = defineSearchAttributeKey(
  "TemporalScheduledStartTime",
  SearchAttributeType.DATETIME,
);
let d: Awaited<ReturnType<typeof devStack>>;
let m: Month;

beforeAll(async () => {
  d = await devStack();
  m = await buildMonth(d.db.db);
});
afterAll(() => d.stop());

const run = (workflowId: string, month?: string) =>
  d.client.workflow.execute<typeof monthlyReportWorkflow>("monthlyReportWorkflow", {
    workflowId,
    taskQueue: d.taskQueue,
    args: [{ org: m.org, month }],
  });
const mailsOf = (org: string, month: string) =>
  d.smtp.mails.filter((x) => x.messageId === messageIdOf(reportMailKey(org, month), config.mail.from));

describe("monthlyReportWorkflow", () => {
  test("without SMTP_URL the e-mail is recorded, not mailed: `sent` 0, `recorded` the recipients", async () => {
    await generateMonthlyReport(d.db.db, { org: m.org, month: "2026-01", at: new Date().toISOString() });
    const mailer = createSmtpMailer("", config.mail.from);
    const out = await mailMonthlyReport({ db: d.db.db, mailer }, { org: m.org, month: "2026-01" });
    expect(out).toEqual({ sent: 0, recorded: 3 });
    expect(mailer.recorded.map((x) => x.to)).toEqual([
      [
        `head@${m.org}.example.test`,
        `municipal-curator@${m.org}.example.test`,
        `supervisor@${m.org}.example.test`,
      ],
    ]);
    expect(
      d.smtp.mails.filter(
        (x) => x.messageId === messageIdOf(reportMailKey(m.org, "2026-01"), config.mail.from),
      ),
    ).toEqual([]);
  });

  test("stores the month's report and e-mails its summary once, even when run twice", async () => {
    const first = await run(`monthly-report-${m.org}-2026-03`, "2026-03");
    // Recipients: the active supervisor, the municipal curator (Plastunovskaya 23 has the municipal curator
    // prepare it), and the escalation address; not the inactive supervisor, not the regional curator.
    expect(first).toMatchObject({ org: m.org, month: "2026-03", cases: 14, mailed: 3, recorded: 0 });
    const stored = await loadMonthlyReport(d.db.db, m.org, "2026-03");
    expect(stored?.report.figures.cases).toBe(14);

    const second = await run(`monthly-report-${m.org}-2026-03-again`, "2026-03");
    expect(second).toMatchObject({ org: m.org, month: "2026-03", cases: 14, mailed: 0, recorded: 0 });
    expect((await loadMonthlyReport(d.db.db, m.org, "2026-03"))?.report).toEqual(stored?.report);

    const mails = mailsOf(m.org, "2026-03");
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.to).toEqual(
      [
        `head@${m.org}.example.test`,
        `municipal-curator@${m.org}.example.test`,
        `supervisor@${m.org}.example.test`,
      ].sort(),
    );
    expect(mail!.subject).toBe(
      `Ежемесячный отчёт о работе с сообщениями из открытых источников: Отчётное поселение ${m.org}, март 2026`,
    );
    // The headline figures of sql.test.ts, beside February's.
    for (const line of [
      "Представляется: заместитель главы администрации, ответственный за работу с сообщениями до 2026-04-05",
      "Сообщений: 14 (+10 к 2026-02)",
      "Опубликовано ответов: 10 (+7)",
      "Ответ в срок: 80.0 % (8 из 10; было 66.7 %)",
      "Время ответа, рабочих минут: медиана 120, 90-й процентиль 600",
      "Нарушений сроков: 5 (+4): route 1, draft 1, rework 1, answer 2",
      "Доработок: 7 в 4 сообщениях (+6)",
      "Возвратов по компетенции: 2; объединено: 1",
      "  ЖКХ: 7, в срок 100.0 %",
      "  Петров П. П.: 5, в срок 60.0 %",
      `GET /v1/reports/monthly?org=${m.org}&month=2026-03`,
    ])
      expect(mail!.text).toContain(line);
    // The full report is attached: the workbook with its chart sheet, and the CSV.
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`report-${m.org}-2026-03.xlsx`, XLSX],
      [`report-${m.org}-2026-03.csv`, "text/csv"],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(mail!.attachments[0]!.content as unknown as ArrayBuffer);
    // The workbook the API serves (its sheets are checked in api.test.ts), chart sheet included.
    const served = new ExcelJS.Workbook();
    await served.xlsx.load((await reportXlsx(stored!.report)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(served.worksheets.map((w) => w.name));
    expect(wb.worksheets.map((w) => w.name)).toContain("Chart");
    const csv = mail!.attachments[1]!.content.toString("utf8");
    expect(csv).toContain("summary,,,cases,14,4,10");
  });

  test("without a month it reports the month before the run, in the org's zone", async () => {
    const before = new Date().toISOString();
    const result = await run(`monthly-report-${m.org}-unscheduled`);
    const expected = reportedMonth("Europe/Moscow", before);
    expect(result.month).toBe(expected);
    expect(result.cases).toBe(0); // the hand-built month is March 2026
    expect(await loadMonthlyReport(d.db.db, m.org, expected)).not.toBeNull();
  });
});

/** The next 06:00 on the 1st in `zone` after now. */
function nextFirstAt6(zone: string): string {
  const now = DateTime.now().setZone(zone);
  const thisMonth = now.startOf("month").set({ hour: 6 });
  return (thisMonth > now ? thisMonth : thisMonth.plus({ months: 1 })).toUTC().toISO()!;
}

describe("the org's Schedule", () => {
  test("created, then updated, as monthly-report-<org>: the 1st at 06:00 in the org's zone, due day noted", async () => {
    const org = { id: m.org, regulation: "plastunovskaya", zone: "Europe/Moscow" };
    expect(await ensureReportSchedule(d.client, org, d.taskQueue)).toBe("created");
    expect(await ensureReportSchedule(d.client, org, d.taskQueue)).toBe("updated");
    const handle = d.client.schedule.getHandle(reportScheduleId(m.org));
    const desc = await handle.describe();
    expect(desc.scheduleId).toBe(`monthly-report-${m.org}`);
    expect(desc.spec.timezone).toBe("Europe/Moscow");
    expect(desc.spec.calendars).toEqual([
      expect.objectContaining({
        dayOfMonth: [{ start: 1, end: 1, step: 1 }],
        hour: [{ start: 6, end: 6, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
        comment: "monthly report, due by day 5 of the next month (003_7882df1e4c209347.txt §23)",
      }),
    ]);
    expect(desc.state.note).toContain("due by day 5");
    expect(desc.memo).toEqual({ org: m.org, dueDayOfNextMonth: 5 });
    expect(desc.info.nextActionTimes[0]?.toISOString()).toBe(
      new Date(nextFirstAt6("Europe/Moscow")).toISOString(),
    );
    expect(desc.action).toMatchObject({
      type: "startWorkflow",
      workflowType: "monthlyReportWorkflow",
      workflowId: `monthly-report-${m.org}`,
      taskQueue: d.taskQueue,
      args: [{ org: m.org }],
    });

    // Fired by hand: the run it starts reports the month before its scheduled time.
    const at = new Date().toISOString();
    await handle.trigger();
    const started = await eventually(async () => (await handle.describe()).info.recentActions[0]);
    expect(started.action.workflow.workflowId).toMatch(new RegExp(`^monthly-report-${m.org}-`));
    const runHandle = d.client.workflow.getHandle(started.action.workflow.workflowId);
    const result = await runHandle.result();
    expect(result).toMatchObject({ org: m.org, month: reportedMonth("Europe/Moscow", at) });
    // The server gives the run its scheduled time (to the second), which the workflow prefers to its start.
    const scheduledAt = (await runHandle.describe()).typedSearchAttributes.get(TemporalScheduledStartTime);
    expect(Math.floor(scheduledAt!.getTime() / 1000)).toBe(Math.floor(started.scheduledAt.getTime() / 1000));
    expect(result.at).toBe(scheduledAt!.toISOString());
    await handle.delete();
  });

  test("every org of the database gets one, in its own zone (what worker/setup.ts runs)", async () => {
    const done = await ensureReportSchedules(d.client, d.db.db, d.taskQueue);
    for (const org of ["omsk", "yuzhno-sakhalinsk", "zarechny", "plastunovskaya", "nenets", m.org])
      expect(done[org]).toMatch(/^(created|updated)$/);
    const omsk = await d.client.schedule.getHandle("monthly-report-omsk").describe();
    expect(omsk.spec.timezone).toBe("Asia/Omsk");
    expect(omsk.spec.calendars?.[0]?.comment).toBe("monthly report");
    expect(omsk.info.nextActionTimes[0]?.toISOString()).toBe(
      new Date(nextFirstAt6("Asia/Omsk")).toISOString(),
    );
    const sakhalin = await d.client.schedule.getHandle("monthly-report-yuzhno-sakhalinsk").describe();
    expect(sakhalin.spec.timezone).toBe("Asia/Sakhalin");
    // Run again: nothing is created twice.
    const again = await ensureReportSchedules(d.client, d.db.db, d.taskQueue);
    expect(again.omsk).toBe("updated");
    for (const id of Object.keys(done)) await d.client.schedule.getHandle(reportScheduleId(id)).delete();
  });
});
