// Answers of general interest on the real stack (Yuzhno-Sakhalinsk 3.5 «подлежат публичному размещению … в
// разделе «Информация для населения»»; docs/regulations.md "answers of general interest"): `approve
// {generalInterest: true}` also posts the answer to the site section through the site publisher (a loopback
// stand-in that checks the HMAC signature), once; with no site account the publisher gets a task to post it
// by hand; a direct message's answer, and a regulation without the section, refuse it.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { networkAccounts, notifications } from "../../../db/schema";
import { sealJson } from "../../../db/secrets";
import { caseIdOf } from "../../../workflows/message";
import type { CaseView } from "../../../workflows/view";
import { apiKey, eventually, expectProblem, message, uniqueId } from "../../api/helpers";
import { caseActions } from "../../support/case-actions";
import { startSite } from "../../support/networks/site";
import { startTestStack, type TestStack } from "../../support/stack";

const org = "yuzhno-sakhalinsk";
const secret = "site-section-secret-0001";
let stack: TestStack;
let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  stack = await startTestStack();
  site = await startSite({ secret });
});
afterAll(async () => {
  await stack?.db.db
    .delete(networkAccounts)
    .where(and(eq(networkAccounts.orgId, org), eq(networkAccounts.network, "site")));
  await site?.stop();
  await stack?.stop();
});

async function start(channel: "comment" | "direct" = "comment", forOrg = org): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const m = message(forOrg, uniqueId("gi"), { channel, publishedAt: at, detectedAt: at });
  const res = await stack.app.inject({
    method: "POST",
    url: "/v1/messages",
    headers: apiKey(forOrg),
    payload: m,
  });
  expect(res.statusCode, res.body).toBe(201);
  return caseIdOf(m);
}

const { act, ok, read } = caseActions(() => stack, { reader: `${org}.curator` });
const text = "С 1 мая вывоз мусора в Хомутово — по понедельникам и четвергам.";

async function toReview(caseId: string, who = org) {
  await ok(caseId, "triage", `${who}.curator`, {
    topic: "ЖКХ",
    importance: "normal",
    executors: [`${who}.executor1`],
  });
  await ok(caseId, "accept", `${who}.executor1`);
  await ok(caseId, "draft", `${who}.executor1`, { kind: "final", text });
}

async function publishAndFinish(caseId: string) {
  await ok(caseId, "publish", `${org}.curator`, { url: "https://vk.com/wall-2_1?reply=3" });
  return (await stack.client.workflow.getHandle(caseId).result()) as CaseView;
}

describe("answers of general interest (Yuzhno-Sakhalinsk 3.5)", () => {
  test("refused for a direct message's answer (1.4, 3.4) and where the regulation has no site section", async () => {
    const dm = await start("direct");
    await toReview(dm);
    const refused = expectProblem(await act(dm, "approve", `${org}.curator`, { generalInterest: true }), 422);
    expect(refused.detail).toContain("direct message");
    expect((await read(dm)).status).toBe("review");
    const omsk = await start("comment", "omsk");
    await toReview(omsk, "omsk");
    const none = expectProblem(await act(omsk, "approve", "omsk.curator", { generalInterest: true }), 422);
    expect(none.detail).toContain("no site section");
  });

  test("with no site account, the publisher gets a task to post it in the section by hand", async () => {
    const caseId = await start();
    await toReview(caseId);
    const approved = await ok(caseId, "approve", `${org}.curator`, { generalInterest: true });
    expect(approved.generalInterest).toMatchObject({ section: "Информация для населения", draftVersion: 1 });
    const final = await publishAndFinish(caseId);
    expect(final.generalInterest).toMatchObject({ state: "manual", reason: "no active site account" });
    const task = await eventually(async () => {
      const r = await stack.db.db
        .select()
        .from(notifications)
        .where(like(notifications.key, `${caseId}:site-section:v1:by-hand%`));
      return r[0];
    });
    expect(task.subject).toBe(`Разместите ответ в разделе «Информация для населения»: ${caseId}`);
  });

  test("with the site's account, the answer is posted to the section once, signed; a plain approve posts nothing", async () => {
    await stack.db.db.insert(networkAccounts).values({
      orgId: org,
      network: "site",
      baseUrl: site.url,
      credentials: sealJson({ secret }),
      settings: { sectionUrl: "https://yuzhno-sakh.ru/info" },
      active: true,
    });
    const caseId = await start();
    await toReview(caseId);
    await ok(caseId, "approve", `${org}.curator`, { generalInterest: true });
    const final = await publishAndFinish(caseId);
    const key = `${caseId}:site-section:v1`;
    const posted = site.published.filter((p) => p.key === key);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ key, caseId, text });
    expect(final.generalInterest).toMatchObject({ state: "published", url: posted[0]!.url });
    expect(final.status).toBe("closed");

    const plain = await start();
    await toReview(plain);
    await ok(plain, "approve", `${org}.curator`);
    const plainFinal = await publishAndFinish(plain);
    expect(plainFinal.generalInterest).toBeUndefined();
    expect(site.published.filter((p) => p.body.caseId === plain)).toEqual([]);
  });
});
