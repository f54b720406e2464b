// Who is told, per duty (activities/recipients.ts; docs/regulations.md "who is told"; Zarechny 21–23,
// Nenets 27–29): a breach to the official over the case's topic, else over one of its departments, else
// the default; a significant message to the head; the monthly report to the report recipients. An org that
// names none keeps its one escalation address for all (Omsk 18–19).
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createActivities, createSmtpMailer, type Mailer, messageIdOf } from "../../activities";
import type { Recipients } from "../../activities/recipients";
import { reportRecipients } from "../../activities/reports";
import { createDb } from "../../db/client";
import { cases, orgs, staff } from "../../db/schema";
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

const officials: Recipients = {
  breach: {
    default: ["first.deputy@example.test"],
    byTopic: { ЖКХ: ["deputy.housing@example.test"] },
    byDepartment: { "x.roads": ["deputy.roads@example.test"] },
  },
  report: ["head.of.staff@example.test"],
  head: ["head@example.test"],
};

async function org(recipients: Recipients | null) {
  const id = `rcpt-${uid()}`;
  await conn.db.insert(orgs).values({
    id,
    name: id,
    regulation: "zarechny",
    zone: "Europe/Moscow",
    escalationEmail: `one@${id}.example.test`,
    recipients,
  });
  await conn.db.insert(staff).values({
    id: `${id}.curator`,
    orgId: id,
    name: "Куратор",
    email: `${id}.curator@example.test`,
    roles: ["curator"],
  });
  return id;
}

async function caseOf(orgId: string, topic: string | null, departments: string[]) {
  const caseId = `case-${orgId}-t-${uid()}`;
  const at = "2026-03-02T10:00:00+03:00";
  await conn.db.insert(cases).values({
    caseId,
    workflowId: caseId,
    orgId,
    regulation: "zarechny",
    source: "t",
    externalId: caseId,
    status: "assigned",
    importance: "normal",
    topic,
    departments,
    network: "vk",
    channel: "comment",
    url: "https://vk.com/wall-1_1",
    text: "…",
    publishedAt: at,
    detectedAt: at,
    receivedAt: at,
    snapshot: {},
    lastSeq: 1,
  });
  return caseId;
}

async function told(orgId: string, caseId: string, kind: "breach" | "significant") {
  const key = `${caseId}:${kind}:${uid()}`;
  await acts.notify({ key, caseId, org: orgId, kind, to: { roles: ["curator"] }, subject: key, text: "." });
  return smtp.mails.find((m) => m.messageId === messageIdOf(key, from))!.to;
}

test("Zarechny 21: a breach goes to the deputy over the case's topic, else its department's, else the default", async () => {
  const o = await org(officials);
  const curator = `${o}.curator@example.test`;
  const only = (official: string) => [curator, official].sort(); // the supervisors' roles, and the official
  expect(await told(o, await caseOf(o, "ЖКХ", ["x.roads"]), "breach")).toEqual(
    only("deputy.housing@example.test"),
  );
  expect(await told(o, await caseOf(o, "Дороги", ["x.parks", "x.roads"]), "breach")).toEqual(
    only("deputy.roads@example.test"),
  );
  expect(await told(o, await caseOf(o, null, []), "breach")).toEqual(only("first.deputy@example.test"));
});

test("Zarechny 22, 23: the monthly report to its recipients, a significant message to the head", async () => {
  const o = await org(officials);
  expect(await told(o, await caseOf(o, "ЖКХ", []), "significant")).toEqual(
    [`${o}.curator@example.test`, "head@example.test"].sort(),
  );
  expect(await reportRecipients(conn.db, o)).toContain("head.of.staff@example.test");
  expect(await reportRecipients(conn.db, o)).not.toContain(`one@${o}.example.test`);
});

test("Omsk 18–19: an org that names no recipients keeps its one address for every duty", async () => {
  const o = await org(null);
  const one = `one@${o}.example.test`;
  expect(await told(o, await caseOf(o, "ЖКХ", []), "breach")).toContain(one);
  expect(await told(o, await caseOf(o, "ЖКХ", []), "significant")).toContain(one);
  expect(await reportRecipients(conn.db, o)).toContain(one);
});
