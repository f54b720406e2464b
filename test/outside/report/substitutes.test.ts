// Who held the case when, on the real stack (docs/regulations.md "substitutes"; Zarechny 7): a case reassigned
// through the API shows its holdings in the case and the timeline, the read model keeps the executor a
// substitute took over from (`cases.relieved`), and the monthly report counts the case for both executors.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildMonthlyReport } from "../../../activities/reports/monthly";
import { hashApiKey } from "../../../api/auth/credentials";
import { apiKeys, cases, orgs, staff } from "../../../db/schema";
import { bearer, eventually, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startTestStack, type TestStack } from "../../support/stack";

let stack: TestStack;
// A fresh org of its own, so that the report's figures are this test's case alone.
const org = `subst-${process.pid}`;
const id = (who: string) => `${org}.${who}`;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.db.db
    .insert(orgs)
    .values({ id: org, name: org, regulation: "zarechny", zone: "Europe/Moscow" });
  await stack.db.db.insert(staff).values([
    { id: id("integrator"), orgId: org, name: "Монитор", roles: ["integrator"] },
    { id: id("curator"), orgId: org, name: "Куратор", roles: ["curator"] },
    { id: id("e1"), orgId: org, name: "Иванов И. И.", roles: ["executor"] },
    { id: id("e2"), orgId: org, name: "Петров П. П.", roles: ["executor"] },
  ]);
  await stack.db.db
    .insert(apiKeys)
    .values({ id: id("integrator.k"), staffId: id("integrator"), hash: hashApiKey(`key-${org}`) });
});
afterAll(async () => {
  await stack?.stop();
});

const { ok } = caseActions(() => stack, { org, reader: "curator" });

test("Zarechny 7: reassigned to a substitute, the case is on record for both executors", async () => {
  const at = new Date(Date.now() - 60_000).toISOString();
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: { "x-api-key": `key-${org}` },
    payload: message(org, uniqueId("subst"), { publishedAt: at, detectedAt: at }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseId = res.json().caseId as string;
  await ok(caseId, "triage", "curator", { topic: "ЖКХ", importance: "normal", executors: [id("e1")] });
  const v = await ok(caseId, "reassign", "curator", {
    executors: [id("e2")],
    reason: "Иванов на больничном",
  });
  expect(v.holders).toMatchObject([
    { staffIds: [id("e1")], reason: "Иванов на больничном" },
    { staffIds: [id("e2")] },
  ]);
  // The timeline names both, and who moved it.
  const timeline = await eventually(async () => {
    const r = await stack.app.inject({
      method: "GET",
      url: `/v1/cases/${caseId}/timeline`,
      headers: await bearer(id("curator")),
    });
    const events = r.statusCode === 200 ? (r.json().events as Array<{ type: string }>) : [];
    return events.some((e) => e.type === "reassigned") && events;
  });
  expect(timeline.find((e) => e.type === "reassigned")).toMatchObject({
    actor: id("curator"),
    data: { from: [id("e1")], to: [id("e2")], status: "assigned", reason: "Иванов на больничном" },
  });
  const row = await eventually(async () => {
    const [r] = await stack.db.db.select().from(cases).where(eq(cases.caseId, caseId));
    return r?.relieved.length ? r : undefined;
  });
  expect(row).toMatchObject({ assignees: [id("e2")], relieved: [id("e1")] });

  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" })
    .format(Date.parse(at))
    .slice(0, 7);
  const report = await buildMonthlyReport(stack.db.db, org, month);
  expect(report.figures.cases).toBe(1);
  expect(report.figures.by.executor.map((g) => [g.key, g.label, g.cases])).toEqual([
    [id("e1"), "Иванов И. И.", 1],
    [id("e2"), "Петров П. П.", 1],
  ]);
});
