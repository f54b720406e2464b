// The yearly reminder while next year's calendar is provisional (activities/calendar-notice.ts, its Schedule
// worker/calendar-schedule.ts), on the real stack: PostgreSQL for the decree versions, staff and the sent
// mail's claims; the Temporal dev server for the Schedule and the run it starts.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { noticeProvisionalYear } from "../../activities/calendar-notice";
import { createSmtpMailer } from "../../activities/mail";
import { calendarVersions } from "../../db/schema";
import { calendarScheduleId, ensureCalendarSchedule } from "../../worker/calendar-schedule";
import { startTestStack, type TestStack } from "../support/stack";
import { eventually, uniqueId } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("noticeProvisionalYear", () => {
  test("a provisional year: the platform admins are mailed, once per check day", async () => {
    const mailer = createSmtpMailer("", "casework@example.test");
    const day = `2099-11-${String(1 + (Date.now() % 28)).padStart(2, "0")}`;
    const calendarId = uniqueId("ru").toLowerCase();
    const input = { calendarId, year: 2030, day };
    expect(await noticeProvisionalYear({ db: stack.db.db, mailer }, input)).toEqual({
      provisional: true,
      sent: 1,
    });
    expect(mailer.recorded).toHaveLength(1);
    expect(mailer.recorded[0]).toMatchObject({ to: ["omsk.platform-admin@example.test"] });
    expect(mailer.recorded[0]!.subject).toContain("2030");
    expect(mailer.recorded[0]!.text).toContain("calendar import");
    // A retry, or a second run the same day, sends nothing more.
    expect(await noticeProvisionalYear({ db: stack.db.db, mailer }, input)).toEqual({
      provisional: true,
      sent: 0,
    });
    expect(mailer.recorded).toHaveLength(1);
  });

  test("a decreed year (shipped, or imported) needs no reminder", async () => {
    const mailer = createSmtpMailer("", "casework@example.test");
    const db = stack.db.db;
    expect(
      await noticeProvisionalYear({ db, mailer }, { calendarId: "ru", year: 2026, day: "2025-11-01" }),
    ).toEqual({
      provisional: false,
      sent: 0,
    });
    const calendarId = uniqueId("ru").toLowerCase();
    await db
      .insert(calendarVersions)
      .values({ calendarId, year: 2031, decree: {}, xml: "<calendar/>", by: "test" });
    expect(
      await noticeProvisionalYear({ db, mailer }, { calendarId, year: 2031, day: "2030-11-01" }),
    ).toEqual({
      provisional: false,
      sent: 0,
    });
    expect(mailer.recorded).toHaveLength(0);
  });
});

describe("the Schedule calendar-provisional-<calendarId>", () => {
  test("from 1 November, then every Monday of November and December, 09:00 Moscow; its run checks next year", async () => {
    const calendarId = uniqueId("ru").toLowerCase();
    expect(await ensureCalendarSchedule(stack.client, stack.taskQueue, calendarId)).toBe("created");
    expect(await ensureCalendarSchedule(stack.client, stack.taskQueue, calendarId)).toBe("updated");
    const handle = stack.client.schedule.getHandle(calendarScheduleId(calendarId));
    try {
      const desc = await handle.describe();
      expect(desc.spec.timezone).toBe("Europe/Moscow");
      expect(desc.spec.calendars).toEqual([
        expect.objectContaining({
          month: [{ start: "NOVEMBER", end: "NOVEMBER", step: 1 }],
          dayOfMonth: [{ start: 1, end: 1, step: 1 }],
        }),
        expect.objectContaining({
          month: [
            { start: "NOVEMBER", end: "NOVEMBER", step: 1 },
            { start: "DECEMBER", end: "DECEMBER", step: 1 },
          ],
          dayOfWeek: [{ start: "MONDAY", end: "MONDAY", step: 1 }],
        }),
      ]);
      for (const next of desc.info.nextActionTimes) {
        expect(next.getUTCHours()).toBe(6); // 09:00 in Moscow (UTC+3)
        expect([10, 11]).toContain(next.getUTCMonth());
        expect(next.getUTCDay() === 1 || (next.getUTCMonth() === 10 && next.getUTCDate() === 1)).toBe(true);
      }
      await handle.trigger();
      const started = await eventually(async () => (await handle.describe()).info.recentActions[0]);
      const result = await stack.client.workflow.getHandle(started.action.workflow.workflowId).result();
      // That calendar has no decree for next year: provisional, and the platform admin is told.
      expect(result).toEqual({ year: new Date().getUTCFullYear() + 1, provisional: true, sent: 1 });
    } finally {
      await handle.delete();
    }
  });
});
