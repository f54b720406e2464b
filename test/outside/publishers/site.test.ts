// The site's "Информация для населения" section (Yuzhno-Sakhalinsk 3.5) through a loopback webhook
// (test/support/networks/site.ts) that checks the HMAC signature and keeps one publication per
// Idempotency-Key; the real PostgreSQL ledger.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSite } from "../../support/networks/site";
import { expectFailure, publisherSuite } from "./support";

const secret = "site-hook-secret-0001";
let suite: Awaited<ReturnType<typeof publisherSuite>>;
let site: Awaited<ReturnType<typeof startSite>>;
let org: string;

beforeAll(async () => {
  suite = await publisherSuite();
  site = await startSite({ secret });
  org = await suite.org();
  await suite.account(org, "site", {
    baseUrl: site.url,
    credentials: { secret },
    settings: { sectionUrl: "https://yuzhno-sakh.ru/info" },
  });
});
afterAll(async () => {
  await site?.stop();
  await suite?.close();
});

const siteRequest = (over = {}) =>
  suite.request(org, {
    network: "site",
    channel: "post",
    replyTo: "https://yuzhno-sakh.ru/feedback/1",
    text: "График вывоза мусора на май: понедельник и четверг.",
    attachments: ["https://yuzhno-sakh.ru/files/grafik.pdf"],
    ...over,
  });
const publishedWith = (key: string) => site.published.filter((p) => p.key === key);

describe("a publication in the section", () => {
  test("a reply to a private message is publish_forbidden without a call (Yuzhno-Sakhalinsk 1.4, 3.4)", async () => {
    const before = site.requests.length;
    await expectFailure(suite.acts.publish(siteRequest({ channel: "direct" })), "publish_forbidden");
    expect(site.requests.length).toBe(before);
  });

  test("a signed POST with the Idempotency-Key; 201 {url, id} is the reply", async () => {
    const req = siteRequest();
    const result = await suite.acts.publish(req);
    const call = site.requests.at(-1)!;
    expect(call.method).toBe("POST");
    expect(call.headers["idempotency-key"]).toBe(req.key);
    expect(call.json).toEqual({
      key: req.key,
      caseId: req.caseId,
      replyTo: req.replyTo,
      text: req.text,
      attachments: req.attachments,
    });
    const ts = String(call.headers["x-casework-timestamp"]);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(call.headers["x-casework-signature"]).toBe(
      `sha256=${createHmac("sha256", secret).update(`${ts}.${call.raw}`).digest("hex")}`,
    );
    const [pub] = publishedWith(req.key);
    expect(result).toMatchObject({ state: "published", url: pub!.url, externalId: pub!.id });
  });

  test("429 and 503 are retryable with the site's Retry-After; the next attempt publishes once", async () => {
    const req = siteRequest();
    site.faults.push({ status: 429, retryAfter: 7 });
    const f = await expectFailure(suite.acts.publish(req), "publish_rate_limited");
    expect(f.details?.[0]).toMatchObject({ retryAfterSeconds: 7 });
    expect(f.nextRetryDelay).toBe("7s");
    site.faults.push({ status: 503, retryAfter: 30 });
    expect((await expectFailure(suite.acts.publish(req), "publish_unavailable")).details?.[0]).toMatchObject({
      retryAfterSeconds: 30,
    });
    expect(await suite.acts.publish(req)).toMatchObject({ state: "published" });
    expect(publishedWith(req.key)).toHaveLength(1);
    expect(await suite.row(req.key)).toMatchObject({ state: "published", attempts: 3 });
  });

  test.each([401, 403, 404])("%i is publish_forbidden", async (status) => {
    const req = siteRequest();
    site.faults.push({ status });
    await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(publishedWith(req.key)).toHaveLength(0);
  });

  test("a wrong secret fails the site's signature check (401): handed back", async () => {
    const other = await suite.org();
    await suite.account(other, "site", { baseUrl: site.url, credentials: { secret: "not-the-secret" } });
    const req = suite.request(other, { network: "site", channel: "post" });
    await expectFailure(suite.acts.publish(req), "publish_forbidden");
    expect(publishedWith(req.key)).toHaveLength(0);
  });
});

describe("never twice", () => {
  test("publishing the same key again returns the reply without a call", async () => {
    const req = siteRequest();
    const first = await suite.acts.publish(req);
    const calls = site.requests.length;
    expect(await suite.acts.publish(req)).toEqual(first);
    expect(site.requests.length).toBe(calls);
  });

  test("a crash after the site accepted: the retry's Idempotency-Key gets 409 with the first publication", async () => {
    const req = siteRequest();
    site.faults.push("drop");
    await expectFailure(suite.acts.publish(req), "publish_unavailable");
    expect(await suite.row(req.key)).toMatchObject({ state: "sending" });
    const result = await suite.acts.publish(req);
    const [pub] = publishedWith(req.key);
    expect(publishedWith(req.key)).toHaveLength(1);
    expect(result).toMatchObject({ state: "published", url: pub!.url, externalId: pub!.id });
    expect(site.requests.filter((r) => r.headers["idempotency-key"] === req.key)).toHaveLength(2);
  });
});

test("an org without a site webhook is published by hand", async () => {
  expect(await suite.acts.publish(suite.request(await suite.org(), { network: "site" }))).toEqual({
    state: "manual",
  });
});
