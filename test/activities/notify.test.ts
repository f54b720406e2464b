import { ApplicationFailure } from "@temporalio/common";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import {
  createActivities,
  createSmtpMailer,
  type Mailer,
  messageIdOf,
  type NotifyInput,
} from "../../activities";
import { createDb } from "../../db/client";
import { notifications, orgs, staff } from "../../db/schema";
import { startHttp, startSmtp, uid } from "./support";

let conn: ReturnType<typeof createDb>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
let acts: ReturnType<typeof createActivities>;
const from = "casework@example.test";

beforeAll(async () => {
  conn = createDb(inject("databaseUrl"), { max: 2 });
  smtp = await startSmtp({ reject: ["gone@example.test"] });
  mailer = createSmtpMailer(smtp.url, from);
  acts = createActivities({ db: conn.db, mailer });
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
  await conn.close();
});

const notice = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  key: `case-omsk-monitor-${uid()}:review:1`,
  caseId: "case-omsk-monitor-x",
  org: "omsk",
  kind: "review",
  to: { roles: ["curator"] },
  subject: "Ответ на сообщение из социальных сетей: case-omsk-monitor-x",
  text: "Проект ответа ждёт согласования.",
  ...over,
});
const mailsWith = (key: string) => smtp.mails.filter((m) => m.messageId === messageIdOf(key, from));

/** An org of its own, so that its webhook does not reach other suites' notices. */
async function orgWithWebhook(url: string) {
  const id = `acttest-${uid()}`;
  await conn.db.insert(orgs).values({ id, name: id, regulation: "omsk", zone: "Asia/Omsk", webhookUrl: url });
  await conn.db.insert(staff).values([
    {
      id: `${id}.curator`,
      orgId: id,
      name: "Куратор",
      email: `${id}.curator@example.test`,
      roles: ["curator"],
    },
    {
      id: `${id}.left`,
      orgId: id,
      name: "Уволен",
      email: `${id}.left@example.test`,
      roles: ["curator"],
      active: false,
    },
  ]);
  return id;
}

test("recipients by role come from the org's active staff; the subject and text are as given", async () => {
  const n = notice();
  expect(await acts.notify(n)).toEqual({ sent: 1 });
  const [mail, ...more] = mailsWith(n.key);
  expect(more).toHaveLength(0);
  expect(mail?.to).toEqual(["omsk.curator@example.test"]);
  expect(mail?.subject).toBe(n.subject);
  expect(mail?.text).toBe(n.text);
});

test("staff ids of another org are not reached; explicit addresses and ids combine, each once", async () => {
  const n = notice({
    to: {
      staffIds: ["omsk.executor1", "omsk.executor2", "zarechny.executor1"],
      emails: ["Omsk.Executor1@example.test", "press@example.test"],
    },
  });
  expect(await acts.notify(n)).toEqual({ sent: 3 });
  expect(mailsWith(n.key)[0]?.to).toEqual([
    "omsk.executor1@example.test",
    "omsk.executor2@example.test",
    "press@example.test",
  ]);
});

test("curatorTier narrows the curators to one tier (Plastunovskaya 12: the draft to the municipal curator)", async () => {
  const base = { org: "plastunovskaya", caseId: "case-plastunovskaya-x" };
  for (const [tier, who] of [
    ["municipal", "plastunovskaya.municipal-curator@example.test"],
    ["regional", "plastunovskaya.regional-curator@example.test"],
  ] as const) {
    const n = notice({
      ...base,
      key: `${base.caseId}-${uid()}`,
      to: { roles: ["curator"], curatorTier: tier },
    });
    expect(await acts.notify(n)).toEqual({ sent: 1 });
    expect(mailsWith(n.key)[0]?.to).toEqual([who]);
  }
  const both = notice({ ...base, key: `${base.caseId}-${uid()}`, to: { roles: ["curator"] } });
  expect(await acts.notify(both)).toEqual({ sent: 2 });
});

test("a breach also goes to the org's escalation address (Omsk 18)", async () => {
  const n = notice({ kind: "breach", to: { staffIds: ["omsk.executor1"] } });
  await acts.notify(n);
  expect(mailsWith(n.key)[0]?.to).toEqual(["omsk.executor1@example.test", "omsk.supervisor@example.test"]);
});

test("the same key twice (a retried activity) sends once", async () => {
  const n = notice();
  expect(await acts.notify(n)).toEqual({ sent: 1 });
  expect(await acts.notify(n)).toEqual({ sent: 0 });
  expect(mailsWith(n.key)).toHaveLength(1);
  const [row] = await conn.db.select().from(notifications).where(eq(notifications.key, n.key));
  expect(row).toMatchObject({ channel: "email", recipient: "omsk.curator@example.test", subject: n.subject });
  expect(row?.sentAt).not.toBeNull();
});

test("a key claimed by an attempt that died before marking it sent is sent again, with the same Message-ID", async () => {
  const n = notice();
  await conn.db
    .insert(notifications)
    .values({ key: n.key, channel: "email", recipient: "x", subject: n.subject });
  expect(await acts.notify(n)).toEqual({ sent: 1 });
  expect(mailsWith(n.key)).toHaveLength(1);
});

test("a mailbox the server refuses for good fails non-retryably; an unreachable server is retried", async () => {
  const refused = acts.notify(notice({ to: { emails: ["gone@example.test"] } }));
  await expect(refused).rejects.toBeInstanceOf(ApplicationFailure);
  await expect(refused).rejects.toMatchObject({ nonRetryable: true, type: "smtp_rejected" });

  const down = createSmtpMailer("smtp://127.0.0.1:1", from);
  const n = notice();
  const err = await createActivities({ db: conn.db, mailer: down })
    .notify(n)
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as ApplicationFailure).nonRetryable).not.toBe(true);
  // The retry, with the server back, delivers it.
  expect(await acts.notify(n)).toEqual({ sent: 1 });
});

test("an unknown org is a permanent failure", async () => {
  await expect(acts.notify(notice({ org: "atlantis" }))).rejects.toMatchObject({
    nonRetryable: true,
    type: "unknown_org",
  });
});

test("the notice is POSTed once to the org's webhook with the Idempotency-Key header", async () => {
  const hook = await startHttp([204]);
  try {
    const org = await orgWithWebhook(hook.url);
    const n = notice({ org, kind: "assignment" });
    expect(await acts.notify(n)).toEqual({ sent: 1 });
    expect(await acts.notify(n)).toEqual({ sent: 0 });
    expect(mailsWith(n.key)[0]?.to).toEqual([`${org}.curator@example.test`]);
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]?.method).toBe("POST");
    expect(hook.requests[0]?.headers["idempotency-key"]).toBe(n.key);
    expect(hook.requests[0]?.body).toMatchObject({
      key: n.key,
      caseId: n.caseId,
      org,
      kind: "assignment",
      subject: n.subject,
      text: n.text,
    });
  } finally {
    await hook.stop();
  }
});

test("webhook 5xx throws a retryable failure; the retry posts again but does not e-mail again", async () => {
  const hook = await startHttp([503, 200]);
  try {
    const n = notice({ org: await orgWithWebhook(hook.url) });
    const first = await acts.notify(n).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect(first).toMatchObject({ nonRetryable: false, type: "webhook_unavailable" });
    expect(await acts.notify(n)).toEqual({ sent: 0 });
    expect(mailsWith(n.key)).toHaveLength(1);
    expect(hook.requests.map((r) => r.headers["idempotency-key"])).toEqual([n.key, n.key]);
    expect(await acts.notify(n)).toEqual({ sent: 0 });
    expect(hook.requests).toHaveLength(2);
  } finally {
    await hook.stop();
  }
});

test("webhook 4xx is a non-retryable failure", async () => {
  const hook = await startHttp([422]);
  try {
    const n = notice({ org: await orgWithWebhook(hook.url) });
    await expect(acts.notify(n)).rejects.toMatchObject({ nonRetryable: true, type: "webhook_refused" });
  } finally {
    await hook.stop();
  }
});

test("without SMTP (dev) the mailer records the message instead of sending it, still once per key", async () => {
  const dev = createSmtpMailer("", from);
  const offline = createActivities({ db: conn.db, mailer: dev });
  const n = notice();
  expect(await offline.notify(n)).toEqual({ sent: 1 });
  expect(await offline.notify(n)).toEqual({ sent: 0 });
  expect(dev.recorded).toEqual([
    { key: n.key, to: ["omsk.curator@example.test"], subject: n.subject, text: n.text },
  ]);
  expect(mailsWith(n.key)).toHaveLength(0);
});
