// Case ids are unambiguous (issue 16): `case-<org>~<source>~<externalId>`, `~` being a character no part
// can contain. Cases started under the old `case-<org>-<source>-<externalId>` keep their ids: a resend of
// their message finds them, and they are read by that id, as new cases are by theirs.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cases, orgs } from "../../db/schema";
import { caseWorkflow } from "../../workflows/case";
import { type CaseInput, legacyCaseIdOf, type Message, messageSchema } from "../../workflows/message";
import { startTestStack, type TestStack } from "../support/stack";
import { apiKey, bearer, eventually, message, uniqueId } from "./helpers";

let stack: TestStack;
let curator: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  curator = await bearer("omsk.curator");
});
afterAll(async () => {
  await stack?.stop();
});

const post = (payload: object) =>
  stack.app.inject({ method: "POST", url: "/v1/messages", headers: apiKey("omsk"), payload });
const read = (caseId: string) =>
  stack.app.inject({ method: "GET", url: `/v1/cases/${encodeURIComponent(caseId)}`, headers: curator });

/** A case as the API started it before the separator changed: under its legacy id, projected. */
async function legacyCase(m: Message): Promise<string> {
  const caseId = legacyCaseIdOf(m);
  const [o] = await stack.db.db.select().from(orgs).where(eq(orgs.id, m.org));
  const input: CaseInput = {
    caseId,
    message: m,
    org: {
      id: o!.id,
      regulation: o!.regulation,
      calendarId: o!.calendarId,
      zone: o!.zone,
      urgentTopics: o!.urgentTopics,
    },
    receivedAt: new Date().toISOString(),
  };
  await stack.client.workflow.start(caseWorkflow, {
    workflowId: caseId,
    taskQueue: stack.taskQueue,
    args: [input],
  });
  await eventually(async () => (await stack.db.db.select().from(cases).where(eq(cases.caseId, caseId)))[0]);
  return caseId;
}

describe("case ids", () => {
  test("source `vk` + id `feed-1` and source `vk-feed` + id `1` are two cases", async () => {
    const tail = uniqueId("x");
    const a = await post(message("omsk", `feed-${tail}`, { source: "vk" }));
    const b = await post(message("omsk", tail, { source: "vk-feed" }));
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode, b.body).toBe(201);
    expect(a.json().caseId).toBe(`case-omsk~vk~feed-${tail}`);
    expect(b.json().caseId).toBe(`case-omsk~vk-feed~${tail}`);
    // each is read by its id; a resend finds its own case
    expect((await read(a.json().caseId)).json()).toMatchObject({ message: { source: "vk" } });
    expect((await read(b.json().caseId)).json()).toMatchObject({ message: { source: "vk-feed" } });
    const again = await post(message("omsk", tail, { source: "vk-feed" }));
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(b.json().caseId);
  });

  test("a case started under the old id keeps it: a resend finds it, GET reads it", async () => {
    const m = messageSchema.parse(message("omsk", uniqueId("old")));
    const old = await legacyCase(m);
    expect(old).toBe(`case-omsk-api-suite-${m.externalId}`);
    const resent = await post(m);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().caseId).toBe(old);
    const view = await read(old);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ caseId: old, message: { externalId: m.externalId } });
  });

  test("an old id that another message's case holds is not taken for this message", async () => {
    const tail = uniqueId("y");
    // before: source `vk` + id `feed-<tail>` took case-omsk-vk-feed-<tail>
    const held = await legacyCase(messageSchema.parse(message("omsk", `feed-${tail}`, { source: "vk" })));
    expect(held).toBe(`case-omsk-vk-feed-${tail}`);
    // the other message with that old id is a case of its own now, not "already received"
    const other = await post(message("omsk", tail, { source: "vk-feed" }));
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().caseId).toBe(`case-omsk~vk-feed~${tail}`);
  });
});
