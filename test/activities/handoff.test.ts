// Formal appeal hand-off (Yuzhno-Sakhalinsk 3.8), calendar overrides read back, and publishing.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import {
  createActivities,
  createSmtpMailer,
  type FormalAppealInput,
  type Mailer,
  messageIdOf,
  type Publisher,
  type PublishRequest,
} from "../../activities";
import { createDb } from "../../db/client";
import { calendarOverrides, orgs } from "../../db/schema";
import { startSmtp, uid } from "./support";

let conn: ReturnType<typeof createDb>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
let acts: ReturnType<typeof createActivities>;
const from = "casework@example.test";

beforeAll(async () => {
  conn = createDb(inject("databaseUrl"), { max: 2 });
  smtp = await startSmtp();
  mailer = createSmtpMailer(smtp.url, from);
  acts = createActivities({ db: conn.db, mailer });
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
  await conn.close();
});

const appeal = (over: Partial<FormalAppealInput> = {}): FormalAppealInput => {
  const caseId = `case-yuzhno-sakhalinsk-monitor-${uid()}`;
  return {
    key: `${caseId}:formal-appeal`,
    caseId,
    org: "yuzhno-sakhalinsk",
    fullName: "Петрова Анна Сергеевна",
    address: "693000, г. Южно-Сахалинск, ул. Ленина, д. 1, кв. 2",
    phone: "+7 914 000-00-00",
    text: "Прошу проверить начисления за отопление, документы есть.",
    url: "https://vk.com/wall-1_77",
    ...over,
  };
};

test("the appeal goes once to the org's appeals office with name, address, phone, text and URL", async () => {
  const a = appeal();
  await acts.handOffFormalAppeal(a);
  await acts.handOffFormalAppeal(a);
  const mails = smtp.mails.filter((m) => m.messageId === messageIdOf(a.key, from));
  expect(mails).toHaveLength(1);
  const [mail] = mails;
  expect(mail?.to).toEqual(["yuzhno-sakhalinsk.appeals@example.test"]);
  expect(mail?.subject).toBe(`Обращение гражданина (59-ФЗ) из социальной сети: ${a.caseId}`);
  for (const part of [a.fullName, a.address, a.phone!, a.text, a.url, "59-ФЗ"])
    expect(mail?.text).toContain(part);
});

test("an appeal without a phone says so; an org without an appeals office fails for good", async () => {
  const a = appeal({ phone: undefined });
  await acts.handOffFormalAppeal(a);
  const [mail] = smtp.mails.filter((m) => m.messageId === messageIdOf(a.key, from));
  expect(mail?.text).toContain("Телефон: не указан");

  const org = `acttest-${uid()}`;
  await conn.db
    .insert(orgs)
    .values({ id: org, name: org, regulation: "yuzhno-sakhalinsk", zone: "Asia/Sakhalin" });
  await expect(acts.handOffFormalAppeal(appeal({ org }))).rejects.toMatchObject({
    nonRetryable: true,
    type: "no_appeals_email",
  });
});

test("calendar overrides are read back in date order, as calendars' CalendarOverride", async () => {
  const calendarId = `ru-test-${uid()}`;
  await conn.db.insert(calendarOverrides).values([
    {
      calendarId,
      date: "2026-05-12",
      kind: "working",
      reason: "перенос",
      by: "omsk.admin",
      at: "2026-04-01T10:00:00Z",
    },
    {
      calendarId,
      date: "2026-05-08",
      kind: "non_working",
      reason: "указ",
      by: "omsk.admin",
      at: "2026-04-01T09:00:00Z",
    },
    { calendarId: `${calendarId}-other`, date: "2026-05-08", kind: "shortened", reason: "x", by: "x" },
  ]);
  expect(await acts.loadCalendarOverrides(calendarId)).toEqual([
    {
      date: "2026-05-08",
      kind: "non_working",
      reason: "указ",
      by: "omsk.admin",
      at: "2026-04-01T09:00:00.000Z",
    },
    {
      date: "2026-05-12",
      kind: "working",
      reason: "перенос",
      by: "omsk.admin",
      at: "2026-04-01T10:00:00.000Z",
    },
  ]);
  expect(await acts.loadCalendarOverrides(`ru-test-${uid()}`)).toEqual([]);
});

const request = (over: Partial<PublishRequest> = {}): PublishRequest => ({
  key: "case-omsk-monitor-1:2",
  caseId: "case-omsk-monitor-1",
  org: "omsk",
  network: "vk",
  channel: "comment",
  replyTo: "https://vk.com/wall-1_1",
  text: "Здравствуйте! Отремонтируем до 1 мая.",
  attachments: [],
  draftVersion: 2,
  ...over,
});

test("without a network publisher the reply is left to the publisher role (manual)", async () => {
  expect(await acts.publish(request())).toEqual({ state: "manual" });
  expect(await acts.publish(request({ network: "telegram", channel: "direct" }))).toEqual({
    state: "manual",
  });
});

test("a network's publisher from the registry publishes; other networks stay manual", async () => {
  const seen: PublishRequest[] = [];
  const telegram: Publisher = {
    async publish(r) {
      seen.push(r);
      return {
        state: "published",
        url: `https://t.me/c/1/${r.draftVersion}`,
        at: "2026-03-02T06:30:00.000Z",
      };
    },
  };
  const withTelegram = createActivities({ db: conn.db, mailer, publishers: { telegram } });
  expect(await withTelegram.publish(request({ network: "telegram" }))).toEqual({
    state: "published",
    url: "https://t.me/c/1/2",
    at: "2026-03-02T06:30:00.000Z",
  });
  expect(seen.map((r) => r.key)).toEqual(["case-omsk-monitor-1:2"]);
  expect(await withTelegram.publish(request({ network: "vk" }))).toEqual({ state: "manual" });
});
